-- Version 3: cross-referencing. Full-text search over claims, links between
-- claims of different articles (suggested at import, confirmed or rejected by
-- reviewers), numeric conflicts, and known published fact-checks.

-- Full-text index over claim text. External content: the text lives in
-- claims. The importer indexes each batch of new claims in the batch's own
-- transaction (an insert trigger would flush the index at every article's
-- savepoint, which made import several times slower).
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, content = 'claims', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');

-- Claims are never deleted or re-texted; these keep the index honest if they ever are.
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
    INSERT INTO claims_fts (rowid, text) VALUES (NEW.id, NEW.text);
END;

-- Document frequencies of matching terms (the terms of xref::terms): a cache
-- derived from the claims, so similarity weighs rare words without rescanning
-- every claim. Written at the end of each import batch.
CREATE TABLE xref_terms (
    term  TEXT PRIMARY KEY,
    df    INTEGER NOT NULL CHECK (df >= 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE xref_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

-- The current state of a pair of claims (claim_a < claim_b). Suggestions come
-- from the importer with a score; reviewers confirm or reject them through
-- link_events, whose trigger keeps this row current.
CREATE TABLE claim_links (
    claim_a     INTEGER NOT NULL REFERENCES claims (id),
    claim_b     INTEGER NOT NULL REFERENCES claims (id),
    relation    TEXT NOT NULL CHECK (relation IN ('same', 'supports', 'contradicts', 'related')),
    state       TEXT NOT NULL CHECK (state IN ('suggested', 'confirmed', 'rejected')),
    score       REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (claim_a, claim_b),
    CHECK (claim_a < claim_b)
) STRICT, WITHOUT ROWID;

CREATE INDEX claim_links_b ON claim_links (claim_b, claim_a);
CREATE INDEX claim_links_state ON claim_links (state, score DESC);

-- Reviewer decisions on links: append-only, shown in `history`.
CREATE TABLE link_events (
    id          INTEGER PRIMARY KEY,
    claim_a     INTEGER NOT NULL REFERENCES claims (id),
    claim_b     INTEGER NOT NULL REFERENCES claims (id),
    relation    TEXT NOT NULL CHECK (relation IN ('same', 'supports', 'contradicts', 'related')),
    state       TEXT NOT NULL CHECK (state IN ('confirmed', 'rejected')),
    reviewer    TEXT NOT NULL CHECK (length(reviewer) > 0),
    note        TEXT,
    created_at  TEXT NOT NULL,
    CHECK (claim_a < claim_b)
) STRICT;

CREATE INDEX link_events_a ON link_events (claim_a, id);
CREATE INDEX link_events_b ON link_events (claim_b, id);

CREATE TRIGGER link_events_after_insert AFTER INSERT ON link_events
BEGIN
    INSERT INTO claim_links (claim_a, claim_b, relation, state, score, created_at)
    VALUES (NEW.claim_a, NEW.claim_b, NEW.relation, NEW.state, NULL, NEW.created_at)
    ON CONFLICT (claim_a, claim_b) DO UPDATE SET relation = excluded.relation, state = excluded.state;
END;
CREATE TRIGGER link_events_no_update BEFORE UPDATE ON link_events
BEGIN SELECT RAISE(ABORT, 'link events are append-only'); END;
CREATE TRIGGER link_events_no_delete BEFORE DELETE ON link_events
BEGIN SELECT RAISE(ABORT, 'link events are append-only'); END;

-- Figures that differ between two claims saying the same thing.
CREATE TABLE conflicts (
    id          INTEGER PRIMARY KEY,
    claim_a     INTEGER NOT NULL REFERENCES claims (id),
    claim_b     INTEGER NOT NULL REFERENCES claims (id),
    a_text      TEXT NOT NULL,
    a_value     REAL NOT NULL,
    b_text      TEXT NOT NULL,
    b_value     REAL NOT NULL,
    unit        TEXT,
    kind        TEXT NOT NULL,
    -- |a - b| / max(|a|, |b|): 0 means equal, 1 means one side is zero.
    rel_diff    REAL NOT NULL CHECK (rel_diff >= 0),
    score       REAL NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (claim_a, claim_b, a_text, b_text),
    CHECK (claim_a < claim_b)
) STRICT;

CREATE INDEX conflicts_diff ON conflicts (rel_diff DESC, id);
CREATE INDEX conflicts_a ON conflicts (claim_a);
CREATE INDEX conflicts_b ON conflicts (claim_b);

-- Published fact-checks (schema.org ClaimReview and flat exports of it).
CREATE TABLE factchecks (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,
    claim         TEXT NOT NULL CHECK (length(claim) > 0),
    verdict       TEXT,
    reviewer      TEXT,
    claimant      TEXT,
    url           TEXT,
    published     TEXT,
    title         TEXT,
    source_path   TEXT NOT NULL,
    imported_at   TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE factchecks_fts USING fts5 (
    claim, title, content = 'factchecks', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER factchecks_fts_insert AFTER INSERT ON factchecks
BEGIN
    INSERT INTO factchecks_fts (rowid, claim, title) VALUES (NEW.id, NEW.claim, NEW.title);
END;

-- Claims that look like a known fact-check, found at import.
CREATE TABLE factcheck_matches (
    claim_id      INTEGER NOT NULL REFERENCES claims (id),
    factcheck_id  INTEGER NOT NULL REFERENCES factchecks (id),
    score         REAL NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (claim_id, factcheck_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX factcheck_matches_fc ON factcheck_matches (factcheck_id);
