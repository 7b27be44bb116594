-- Issue 18: a subject may have several episodes (a subscription whose payment fails, recovers, and fails again next
-- month): one case per customer, kind, subject and episode, as one per collar, kind and episode for collars. A
-- trigger's case takes its episode_start from its alert's window_start, the episode's start.
DROP INDEX cases_signal_subject;
CREATE UNIQUE INDEX cases_signal_episode ON outreach_cases (customer_id, kind, subject, episode_start)
    WHERE subject IS NOT NULL;

-- A trigger's alert id now ends in its episode's start, so the parcel sweep asks "ever raised as stuck?" by kind and
-- subject (it knows no customer): hub alerts have no subject and stay out of this index.
CREATE INDEX alerts_trigger_kind_subject ON alerts (subject, kind) WHERE subject IS NOT NULL;
