-- Omnichannel: one message per case step and channel, so a step that falls back from one channel to the next
-- keeps both attempts on record.
ALTER TABLE messages DROP CONSTRAINT messages_case_id_template_key;
ALTER TABLE messages ADD CONSTRAINT messages_case_template_channel UNIQUE (case_id, template, channel);
ALTER TABLE messages ADD CONSTRAINT messages_channel_check CHECK (channel IN ('SMS', 'EMAIL'));
