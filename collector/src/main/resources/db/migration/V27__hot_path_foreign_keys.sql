-- Foreign keys checked on every case and message a triage writes, across package boundaries, cost more than
-- half of a case insert's time (measured: 11 of 14 ms for 63 cases, each check a probe plus a row lock that
-- dirties the referenced row). The rows they point at are never deleted, the one code path that writes a case or a
-- message reads those rows in the same transaction, and SchemaIntegrityIT checks for orphans. They also stop the
-- partition drops of deploy/cloud/CAPACITY.md section 6. Foreign keys inside a package's own tables stay.
ALTER TABLE outreach_cases
    DROP CONSTRAINT outreach_cases_opened_by_alert_fkey,
    DROP CONSTRAINT outreach_cases_customer_id_fkey,
    DROP CONSTRAINT outreach_cases_pet_id_fkey,
    DROP CONSTRAINT outreach_cases_collar_id_fkey;
ALTER TABLE messages
    DROP CONSTRAINT messages_customer_id_fkey,
    DROP CONSTRAINT messages_case_id_fkey;
