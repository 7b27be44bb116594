-- A hub that is lost, sold or compromised is revoked: its token stops working at once, its history stays.
ALTER TABLE hubs ADD COLUMN revoked_at TIMESTAMPTZ;
