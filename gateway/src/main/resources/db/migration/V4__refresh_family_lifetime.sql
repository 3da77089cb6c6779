-- Issue 19.7: a login (refresh-token family) ends at a fixed time after it began, however often it is refreshed.
ALTER TABLE refresh_token ADD COLUMN family_started_at timestamptz;
UPDATE refresh_token t SET family_started_at = f.started
    FROM (SELECT family_id, min(issued_at) AS started FROM refresh_token GROUP BY family_id) f
    WHERE t.family_id = f.family_id;
ALTER TABLE refresh_token ALTER COLUMN family_started_at SET NOT NULL;
