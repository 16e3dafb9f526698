-- Version 8: sentence embeddings of the known fact-checks.
--
-- `factchecks import --model DIR` and `factchecks embed` store one vector per
-- fact-check and model; `match --model DIR` weighs the cosine of the input's
-- vector and these, and takes the nearest fact-checks as candidates. `model`
-- identifies the weights (shape and hash, see embed::Embedder::identity):
-- vectors of another model are not comparable, so each model has its own.
-- `vector` is `dim` little-endian f32 values of unit length.
CREATE TABLE factcheck_vectors (
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id) ON DELETE CASCADE,
    model        TEXT NOT NULL CHECK (length(model) > 0),
    dim          INTEGER NOT NULL CHECK (dim > 0),
    vector       BLOB NOT NULL CHECK (length(vector) = 4 * dim),
    PRIMARY KEY (factcheck_id, model)
) STRICT;
