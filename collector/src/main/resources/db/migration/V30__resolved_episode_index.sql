-- alerts_episode was only ever read for one question: has this collar's episode been RESOLVED (OwnerStates). Holding
-- every alert, it was a second index in random order beside the primary key, and at a few million rows its random
-- page writes cost more than a third of the alerts insert's PostgreSQL CPU (bench/README.md, session 15). It now
-- holds the RESOLVED alerts only; the question reads it just the same.
DROP INDEX alerts_episode;
CREATE INDEX alerts_resolved_episode ON alerts (collar_id, kind, window_start) WHERE state = 'RESOLVED';
