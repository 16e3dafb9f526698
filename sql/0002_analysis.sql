-- Version 2: the analysis of every claim (check-worthiness, claim type,
-- attribution, quantities, entities), computed at import and recomputed by
-- `claimdesk reanalyze`. NULL checkworthiness means "not analyzed yet".

ALTER TABLE claims ADD COLUMN checkworthiness REAL
    CHECK (checkworthiness IS NULL OR (checkworthiness >= 0 AND checkworthiness <= 1));
ALTER TABLE claims ADD COLUMN claim_type TEXT
    CHECK (claim_type IS NULL OR claim_type IN
        ('quantity', 'prediction', 'correlation-or-causation', 'law-or-rule',
         'personal-experience', 'other-claim', 'not-a-claim'));
ALTER TABLE claims ADD COLUMN speaker TEXT;
ALTER TABLE claims ADD COLUMN speaker_full TEXT;
ALTER TABLE claims ADD COLUMN cue TEXT;
ALTER TABLE claims ADD COLUMN direct_quote INTEGER CHECK (direct_quote IS NULL OR direct_quote IN (0, 1));
-- JSON arrays, as `analyze --format json` prints them.
ALTER TABLE claims ADD COLUMN quantities TEXT CHECK (quantities IS NULL OR json_valid(quantities));
ALTER TABLE claims ADD COLUMN entities TEXT CHECK (entities IS NULL OR json_valid(entities));
-- Which analysis produced the row, so reanalyze can tell stale rows.
ALTER TABLE claims ADD COLUMN analysis_version INTEGER;

-- The review queue: unreviewed claims, most check-worthy first.
CREATE INDEX claims_queue ON claims (status, checkworthiness DESC, id);
CREATE INDEX claims_type ON claims (claim_type, id);
CREATE INDEX claims_speaker ON claims (speaker COLLATE NOCASE, id) WHERE speaker IS NOT NULL;
CREATE INDEX claims_speaker_full ON claims (speaker_full COLLATE NOCASE, id) WHERE speaker_full IS NOT NULL;
