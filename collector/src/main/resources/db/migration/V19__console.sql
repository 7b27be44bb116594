-- The support console (issue 16). An agent takes a case from the queue and may hand it back: who holds it and since
-- when (the trail records each take and hand-back). A supervisor approves or declines a credit with a reason.
ALTER TABLE outreach_cases ADD COLUMN assigned_to TEXT;
ALTER TABLE outreach_cases ADD COLUMN assigned_at TIMESTAMPTZ;
ALTER TABLE credits ADD COLUMN decision_reason TEXT;
