-- Issue 19.1: a password set by an admin must be replaced by the user at the next login (POST /auth/password).
ALTER TABLE account ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
