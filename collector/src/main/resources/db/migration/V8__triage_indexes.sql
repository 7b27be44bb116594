-- Triage looks these up for every alert; without them each lookup scanned every alert and case (measured with
-- bench/run-collector.sh: 162 alerts/s triaged before, see bench/README.md for after).
CREATE INDEX alerts_episode ON alerts (collar_id, kind, window_start);
CREATE INDEX cases_open_by_pet ON outreach_cases (pet_id, opened_at DESC)
    WHERE status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED');
