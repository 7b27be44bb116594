-- Issue 18, the engine's part: retail triggers decided by the same playbook as collar alerts.

-- The playbook opens a task itself when a trigger needs an agent's call at once (a service recovery after an unhappy
-- survey answer): such a task has no owner's reply behind it.
ALTER TABLE agent_tasks ALTER COLUMN inbound_id DROP NOT NULL;
ALTER TABLE agent_tasks DROP CONSTRAINT agent_tasks_reason_check;
ALTER TABLE agent_tasks ADD CONSTRAINT agent_tasks_reason_check
    CHECK (reason IN ('WORRIED', 'HELP', 'UNCLEAR', 'SHARED_NUMBER', 'CALL'));

-- An agent's FALSE_ALARM on a retail case labels its trigger's detector; there is no collar.
ALTER TABLE detection_labels ALTER COLUMN collar_id DROP NOT NULL;

-- Triage asks of a trigger whether its subject was already resolved (the RESOLVED trigger decided first), as it
-- asks of a collar's episode through alerts_episode.
CREATE INDEX alerts_trigger_subject ON alerts (customer_id, kind, subject) WHERE subject IS NOT NULL;
