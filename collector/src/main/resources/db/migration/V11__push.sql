-- Push notifications through the owner's PetWatch app: the device token the app registered, from the CRM.
ALTER TABLE customers ADD COLUMN push_token TEXT;
ALTER TABLE messages DROP CONSTRAINT messages_channel_check;
ALTER TABLE messages ADD CONSTRAINT messages_channel_check CHECK (channel IN ('SMS', 'EMAIL', 'PUSH'));
