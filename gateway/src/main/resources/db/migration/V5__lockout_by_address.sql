-- Issue 19.8: lockout by (username, client address) plus a slower back-off per username, from the attempt log.
-- refused: an attempt answered "locked" without checking its password; it counts for the address's throttle only.
ALTER TABLE login_attempt ADD COLUMN refused boolean NOT NULL DEFAULT false;
CREATE INDEX login_attempt_username_idx ON login_attempt (username, attempted_at);
-- an admin's unlock: failures before this instant no longer count against the account
ALTER TABLE account ADD COLUMN failures_reset_at timestamptz;
