-- The relay's claim read every queued message through messages_queued, leased ones included, and filtered out those
-- whose lease still runs: with texts leased as triage queues them, a claim at 2,000 texts a second walked thousands of
-- rows to find none (69 ms a claim in the bench's notify phase). A message waiting for any relay and a message whose
-- lease lapsed now each have an index of their own, and a leased message is in neither.
DROP INDEX messages_queued;
CREATE INDEX messages_claimable ON messages (channel, send_after, id) WHERE status = 'QUEUED' AND claimed_until IS NULL;
CREATE INDEX messages_lease_lapse ON messages (claimed_until) WHERE status = 'QUEUED' AND claimed_until IS NOT NULL;
