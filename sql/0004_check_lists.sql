-- The value lists of the CHECKs on claims and claim_links, written as OR
-- chains. SQLite compiles a constant IN list of more than two values into an
-- ephemeral index that it builds again for every row inserted: with it,
-- import spent 10-15% of its time on those two checks (docs/performance.md).
-- The accepted values do not change, so rows already stored still satisfy
-- the checks.
--
-- A CHECK cannot be changed by rebuilding claims while reviews, notes and
-- links reference it with foreign keys on, so this edits the CHECK text in
-- the schema (SQLite's documented procedure for changing CHECK constraints);
-- the migration runner bumps schema_version after it, so every connection
-- reads the new schema.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(replace(sql,
    'CHECK (status IN
                  (''unreviewed'', ''in-review'', ''verified'', ''disputed'', ''false'',
                   ''misleading'', ''unverifiable'', ''not-a-claim''))',
    'CHECK (status = ''unreviewed'' OR status = ''in-review'' OR status = ''verified''
                  OR status = ''disputed'' OR status = ''false'' OR status = ''misleading''
                  OR status = ''unverifiable'' OR status = ''not-a-claim'')'),
    'CHECK (claim_type IS NULL OR claim_type IN
        (''quantity'', ''prediction'', ''correlation-or-causation'', ''law-or-rule'',
         ''personal-experience'', ''other-claim'', ''not-a-claim''))',
    'CHECK (claim_type IS NULL OR claim_type = ''quantity'' OR claim_type = ''prediction''
        OR claim_type = ''correlation-or-causation'' OR claim_type = ''law-or-rule''
        OR claim_type = ''personal-experience'' OR claim_type = ''other-claim''
        OR claim_type = ''not-a-claim'')')
WHERE type = 'table' AND name = 'claims';

UPDATE sqlite_schema
SET sql = replace(replace(sql,
    'CHECK (relation IN (''same'', ''supports'', ''contradicts'', ''related''))',
    'CHECK (relation = ''same'' OR relation = ''supports'' OR relation = ''contradicts''
                             OR relation = ''related'')'),
    'CHECK (state IN (''suggested'', ''confirmed'', ''rejected''))',
    'CHECK (state = ''suggested'' OR state = ''confirmed'' OR state = ''rejected'')')
WHERE type = 'table' AND name = 'claim_links';

PRAGMA writable_schema = OFF;
