-- Version 5: cheaper indexes for the analysis, so that storing it slows
-- import by less than a third (issue 4).
--
-- An index ordered by a score or a name takes each new claim at a random
-- place, which costs the writer far more than one ordered by id, where new
-- claims append. BBC import without cross-referencing, medians of 7: 536 ms
-- with the version-2 indexes, 423 ms with these, 347 ms unanalyzed.

-- The review queue: only check-worthy claims (about a third of a news
-- corpus) are ordered by score in the index. The queue reads them first, in
-- index order, and sorts the rest only when a listing gets that far
-- (`ClaimFilter::parts` in src/store/claims.rs uses this WHERE verbatim).
DROP INDEX claims_queue;
CREATE INDEX claims_queue ON claims (status, checkworthiness DESC, id)
    WHERE checkworthiness >= 0.5;

-- Filters by type or speaker scan the claims instead (about 0.15 s at a
-- million claims); a listing with --limit stops at the first matches.
DROP INDEX claims_type;
DROP INDEX claims_speaker;
DROP INDEX claims_speaker_full;
