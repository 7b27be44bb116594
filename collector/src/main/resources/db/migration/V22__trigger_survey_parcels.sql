-- Detection (issue 18) re-evaluates a parcel with the survey answers that name its tracking code (delivered, then
-- "it did not arrive"): a survey's subject is its response id, so the link is its facts' tracking_code. Without this
-- index every parcel update would read every survey answer. The sweep for parcels nothing more is heard of reads
-- signal_events_subject (signal, subject, occurred_at) in subject order and needs no index of its own.
CREATE INDEX signal_events_survey_parcel ON signal_events ((facts ->> 'tracking_code')) WHERE signal = 'SURVEY';
