-- CRM records: how each customer prefers to be reached and has consented to, and the pet details vets ask for.
ALTER TABLE customers
    ADD COLUMN preferred_channel TEXT    NOT NULL DEFAULT 'SMS' CHECK (preferred_channel IN ('SMS', 'EMAIL', 'PUSH')),
    ADD COLUMN email_consent     BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN push_consent      BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN updated_at        TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE pets
    ADD COLUMN weight_kg  NUMERIC(5, 2) CHECK (weight_kg > 0 AND weight_kg < 200),
    ADD COLUMN vet_clinic TEXT;
