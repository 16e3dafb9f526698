-- Version 7: the day the checked claim was made, beside the day the
-- fact-check was published.
--
-- `match --date` ranks fact-checks made shortly before the input higher, and
-- a ClaimReview's datePublished is the review's day, often days after the
-- claim (so after the input: no boost). ClaimReview's itemReviewed (the
-- Claim) has its own datePublished, ClaimsKG exports a claim_date: kept
-- here, and preferred by `match`. Fact-checks imported before this version
-- have none (importing the file again skips them as duplicates).
ALTER TABLE factchecks ADD COLUMN claim_date TEXT;
