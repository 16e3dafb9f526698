-- claimdesk schema, version 1: articles, their claims, and the append-only
-- review trail (reviews, notes, sources). Timestamps are UTC RFC 3339 text.
-- Never edit this file once shipped: schema changes are new numbered files.

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    -- blake3 of the normalized body: the same body imported twice is one article.
    content_hash  TEXT NOT NULL UNIQUE,
    title         TEXT,
    outlet        TEXT,
    author        TEXT,
    url           TEXT,
    published     TEXT,
    source_path   TEXT NOT NULL,
    input_format  TEXT NOT NULL CHECK (input_format IN ('text', 'markdown', 'json', 'jsonl', 'html')),
    imported_at   TEXT NOT NULL,
    -- Paragraphs separated by one blank line ("\n\n"); claims point into it.
    body          TEXT NOT NULL CHECK (length(body) > 0)
) STRICT;

CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id),
    -- 1-based paragraph of the body the claim sits in.
    paragraph     INTEGER NOT NULL CHECK (paragraph >= 1),
    -- 1-based order of the claim in its article.
    position      INTEGER NOT NULL CHECK (position >= 1),
    -- Character (not byte) offsets into articles.body, end exclusive:
    -- substr(body, start_offset + 1, end_offset - start_offset) = text.
    start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset    INTEGER NOT NULL CHECK (end_offset > start_offset),
    text          TEXT NOT NULL CHECK (length(text) > 0),
    -- Cache of the latest review, kept by the reviews_after_insert trigger so
    -- that status filters use an index instead of a scan of the history.
    status        TEXT NOT NULL DEFAULT 'unreviewed' CHECK (status IN
                  ('unreviewed', 'in-review', 'verified', 'disputed', 'false',
                   'misleading', 'unverifiable', 'not-a-claim')),
    last_review_id INTEGER REFERENCES reviews (id),
    UNIQUE (article_id, position)
) STRICT;

CREATE INDEX claims_status ON claims (status, id);
-- Partial: claims get a last review only when reviewed, so import pays nothing.
CREATE INDEX claims_last_review ON claims (last_review_id) WHERE last_review_id IS NOT NULL;

CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    status      TEXT NOT NULL CHECK (status IN
                ('unreviewed', 'in-review', 'verified', 'disputed', 'false',
                 'misleading', 'unverifiable', 'not-a-claim')),
    reviewer    TEXT NOT NULL CHECK (length(reviewer) > 0),
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX reviews_claim ON reviews (claim_id, id);
CREATE INDEX reviews_reviewer ON reviews (reviewer, claim_id);

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    author      TEXT NOT NULL CHECK (length(author) > 0),
    text        TEXT NOT NULL CHECK (length(text) > 0),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX notes_claim ON notes (claim_id, id);

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    url         TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    title       TEXT,
    stance      TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    added_by    TEXT NOT NULL CHECK (length(added_by) > 0),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX sources_claim ON sources (claim_id, id);

-- Claims per current status, kept by triggers so `stats` does not count a
-- million rows each time.
CREATE TABLE claim_counts (
    status  TEXT PRIMARY KEY,
    n       INTEGER NOT NULL CHECK (n >= 0)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER claims_count_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claim_counts (status, n) VALUES (NEW.status, 1)
    ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER claims_count_status AFTER UPDATE OF status ON claims WHEN OLD.status <> NEW.status
BEGIN
    UPDATE claim_counts SET n = n - 1 WHERE status = OLD.status;
    INSERT INTO claim_counts (status, n) VALUES (NEW.status, 1)
    ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER reviews_after_insert AFTER INSERT ON reviews
BEGIN
    UPDATE claims SET status = NEW.status, last_review_id = NEW.id WHERE id = NEW.claim_id;
END;

-- The review trail is history: rows are added, never changed or removed.
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
CREATE TRIGGER sources_no_update BEFORE UPDATE ON sources
BEGIN SELECT RAISE(ABORT, 'sources are append-only'); END;
CREATE TRIGGER sources_no_delete BEFORE DELETE ON sources
BEGIN SELECT RAISE(ABORT, 'sources are append-only'); END;
