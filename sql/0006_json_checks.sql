-- Drop the json_valid CHECKs of claims.quantities and claims.entities.
--
-- claimdesk writes both columns from its own serializer (import and
-- reanalyze), so the checks only re-parsed every row it wrote: on the BBC
-- import without cross-referencing, 2 to 3% of the time, and about a tenth
-- of what storing the analysis costs (issue 4's "no more than a third").
-- Rows already stored are not touched.
--
-- Same procedure as 0004_check_lists.sql: the CHECK text is edited in the
-- schema, and the migration runner bumps schema_version after it.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(replace(sql,
    'quantities TEXT CHECK (quantities IS NULL OR json_valid(quantities))',
    'quantities TEXT'),
    'entities TEXT CHECK (entities IS NULL OR json_valid(entities))',
    'entities TEXT')
WHERE type = 'table' AND name = 'claims';

PRAGMA writable_schema = OFF;
