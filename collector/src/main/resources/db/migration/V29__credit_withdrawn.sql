-- A make-good granted with a retail text that never went (the parcel arrived, the payment went through, while the
-- text waited for the morning) is withdrawn with its case: the customer was never told of it.
ALTER TABLE credits DROP CONSTRAINT credits_status_check;
ALTER TABLE credits ADD CONSTRAINT credits_status_check
    CHECK (status IN ('GRANTED', 'PENDING_APPROVAL', 'APPROVED', 'DECLINED', 'WITHDRAWN'));
