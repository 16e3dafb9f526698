-- Version 8: sentence embeddings of the known fact-checks.
--
-- `factchecks import --model DIR` and `factchecks embed` store, per
-- fact-check and model, the vector of its claim ('claim') and, when it has a
-- headline, of headline and claim together ('headline'); `match --model DIR`
-- weighs their cosines with the input's vector and takes the nearest
-- fact-checks as candidates. `model` identifies the weights (shape and hash,
-- see embed::Embedder::identity): vectors of another model are not
-- comparable, so each model has its own. `vector` is `dim` little-endian
-- f32 values of unit length.
CREATE TABLE factcheck_vectors (
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id) ON DELETE CASCADE,
    model        TEXT NOT NULL CHECK (length(model) > 0),
    kind         TEXT NOT NULL CHECK (kind = 'claim' OR kind = 'headline'),
    dim          INTEGER NOT NULL CHECK (dim > 0),
    vector       BLOB NOT NULL CHECK (length(vector) = 4 * dim),
    PRIMARY KEY (factcheck_id, model, kind)
) STRICT;
