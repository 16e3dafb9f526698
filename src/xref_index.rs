//! Finding candidate claims at import without ranking the full-text index
//! for every new claim.
//!
//! A claim's candidates are the stored claims that share at least two of its
//! rarest words. Claims imported in this run are indexed in memory, by term,
//! as they are committed; claims stored before it are read from the
//! full-text index, once per word. Words held by more than
//! [`MAX_POSTINGS`] claims are too common to tell claims apart and are not
//! used. The memory index is bounded: past [`MAX_ENTRIES`] ids or
//! [`MAX_TERMS`] terms it starts afresh, and the claims it held are then
//! read from the full-text index like older ones.

use rustc_hash::FxHashMap;

use crate::store::{Result, Store};

/// The most claims a candidate word may be found in.
pub const MAX_POSTINGS: usize = 200;
/// The most claim ids the memory index holds before it starts afresh
/// (8 bytes each: about 16 MB).
pub const MAX_ENTRIES: usize = 2_000_000;
/// The most terms it holds before it starts afresh (each costs a table
/// slot and an empty list, about 50 bytes).
pub const MAX_TERMS: usize = 250_000;

/// A word to find candidates with: its term (how claimdesk normalizes it)
/// and the word as written (what the full-text index's stemmer reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchWord<'a> {
    /// The hash of the normalized, stemmed term, as `xref::Idf` keys it.
    pub term: u64,
    /// The word as written, lowercased.
    pub surface: &'a str,
    /// How many claims hold the term, as far as the caller knows: past
    /// [`MAX_POSTINGS`] the word is known too common without a lookup.
    pub df: u32,
}

/// The claims holding one term.
#[derive(Debug, Default)]
struct Posting {
    /// `None`: too many claims hold it to search with.
    ids: Option<Vec<i64>>,
    /// Whether the claims stored before the run were read (or none was).
    read_stored: bool,
}

/// Terms and the claims that hold them.
#[derive(Debug)]
pub struct WordIndex {
    /// Claims with ids up to this one are found in the full-text index.
    stored_up_to: i64,
    /// By term hash.
    postings: FxHashMap<u64, Posting>,
    entries: usize,
    /// The ids of one search's postings, kept between searches for its memory.
    scratch: Vec<i64>,
    /// The table [`count_ids`] counts them in, likewise kept.
    table: Vec<(i64, u32)>,
}

impl WordIndex {
    /// An index over a store whose claims have ids up to `stored_up_to`.
    pub fn new(stored_up_to: i64) -> Self {
        WordIndex {
            stored_up_to,
            postings: FxHashMap::default(),
            entries: 0,
            scratch: Vec::new(),
            table: Vec::new(),
        }
    }

    /// Record that claim `id` (just committed, newer than any added before)
    /// holds the terms of these hashes.
    pub fn add(&mut self, id: i64, terms: impl IntoIterator<Item = u64>) {
        if self.entries >= MAX_ENTRIES || self.postings.len() >= MAX_TERMS {
            // The claims added so far are committed: the full-text index has them.
            self.postings.clear();
            self.entries = 0;
            self.stored_up_to = id - 1;
        }
        let read_stored = self.stored_up_to == 0;
        for term in terms {
            let posting = posting(&mut self.postings, term, read_stored);
            if let Some(ids) = &mut posting.ids {
                if ids.len() >= MAX_POSTINGS {
                    self.entries -= ids.len();
                    posting.ids = None;
                } else {
                    ids.push(id);
                    self.entries += 1;
                }
            }
        }
    }

    /// Claims sharing at least two of `words` (one when there is only one
    /// word), most shared first, then newest first; at most `k`.
    pub fn candidates(
        &mut self,
        store: &Store,
        words: &[SearchWord],
        k: usize,
    ) -> Result<Vec<i64>> {
        let mut all = std::mem::take(&mut self.scratch);
        all.clear();
        for word in words {
            let posting = posting(&mut self.postings, word.term, self.stored_up_to == 0);
            if !posting.read_stored && word.df as usize > MAX_POSTINGS {
                // Too common in the stored claims alone: no need to read them.
                posting.read_stored = true;
                self.entries -= posting.ids.take().map_or(0, |ids| ids.len());
            }
            if !posting.read_stored {
                posting.read_stored = true;
                let stored =
                    store.claims_with_word(word.surface, self.stored_up_to, MAX_POSTINGS)?;
                posting.ids = match (stored, posting.ids.take()) {
                    (Some(mut stored), Some(new)) if stored.len() + new.len() <= MAX_POSTINGS => {
                        self.entries += stored.len();
                        stored.extend(new);
                        Some(stored)
                    }
                    (_, new) => {
                        self.entries -= new.map_or(0, |n| n.len());
                        None
                    }
                };
            }
            if let Some(ids) = &posting.ids {
                all.extend_from_slice(ids);
            }
        }
        let need = if words.len() > 1 { 2 } else { 1 };
        let mut found = count_ids(&all, &mut self.table, need);
        found.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        found.truncate(k);
        self.scratch = all;
        Ok(found.into_iter().map(|(id, _)| id).collect())
    }
}

/// The distinct ids of `ids` found at least `need` times, with their counts,
/// in no particular order. Counted in an open-addressing table of twice as
/// many slots as ids (`table`, cleared here): a claim's five postings hold
/// up to a thousand ids, and sorting them was a tenth of cross-referencing.
fn count_ids(ids: &[i64], table: &mut Vec<(i64, u32)>, need: u32) -> Vec<(i64, u32)> {
    let bits = (ids.len() * 2).max(16).next_power_of_two().trailing_zeros();
    let mask = (1usize << bits) - 1;
    table.clear();
    table.resize(mask + 1, (0, 0));
    for &id in ids {
        // Fibonacci hashing: the top bits of the product spread close ids.
        let mut at = ((id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        loop {
            let slot = &mut table[at];
            if slot.1 == 0 {
                *slot = (id, 1);
                break;
            }
            if slot.0 == id {
                slot.1 += 1;
                break;
            }
            at = (at + 1) & mask;
        }
    }
    table.iter().copied().filter(|&(_, n)| n >= need).collect()
}

/// The posting of `term`, made empty if new (a term's claims stored before
/// the run are still to read, unless `read_stored`: there are none).
fn posting(postings: &mut FxHashMap<u64, Posting>, term: u64, read_stored: bool) -> &mut Posting {
    postings.entry(term).or_insert_with(|| Posting {
        ids: Some(Vec::new()),
        read_stored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(term: &str) -> u64 {
        crate::xref::text::hash(term.as_bytes())
    }

    fn hashes<const N: usize>(terms: [&str; N]) -> [u64; N] {
        terms.map(h)
    }

    fn word(w: &str) -> SearchWord<'_> {
        SearchWord {
            term: h(w),
            surface: w,
            df: 1,
        }
    }

    fn empty_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn claims_sharing_two_words_are_found_most_shared_first() {
        let (_dir, store) = empty_store();
        let mut index = WordIndex::new(0);
        index.add(1, hashes(["militia", "drone", "base"]));
        index.add(2, hashes(["militia", "drone"]));
        index.add(3, hashes(["militia", "tikrit"]));
        let words = [word("militia"), word("drone"), word("base")];
        assert_eq!(index.candidates(&store, &words, 10).unwrap(), [1, 2]);
        assert_eq!(index.candidates(&store, &words, 1).unwrap(), [1]);
    }

    #[test]
    fn a_word_past_the_cap_stops_counting() {
        let (_dir, store) = empty_store();
        let mut index = WordIndex::new(0);
        for id in 1..=MAX_POSTINGS as i64 + 1 {
            index.add(id, hashes(["common", "rare"]));
        }
        assert!(index.postings[&h("common")].ids.is_none());
        assert_eq!(index.entries, 0);
        assert!(
            index
                .candidates(&store, &[word("common")], 5)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn past_its_bound_the_index_reads_earlier_claims_from_the_full_text_index() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = Store::open(&db).unwrap();
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, content_hash, source_path, input_format, imported_at, body)
             VALUES (1, 'h', 'test', 'text', '2026-01-01', 'x');",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        for (id, text) in [(1, "militia drones struck"), (2, "militia drones again")] {
            conn.execute(
                "INSERT INTO claims (id, article_id, paragraph, position, start_offset, end_offset, text)
                 VALUES (?1, 1, 1, ?1, 0, 5, ?2)",
                rusqlite::params![id, text],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO claims_fts (rowid, text) VALUES (?1, ?2)",
                rusqlite::params![id, text],
            )
            .unwrap();
        }
        let mut index = WordIndex::new(0);
        index.add(1, hashes(["militia", "drone", "struck"]));
        // Full: adding claim 2 starts afresh; claim 1 is now found through FTS.
        index.entries = MAX_ENTRIES;
        index.add(2, hashes(["militia", "drone", "again"]));
        assert_eq!(index.stored_up_to, 1);
        let words = [
            SearchWord {
                term: h("militia"),
                surface: "militia",
                df: 2,
            },
            SearchWord {
                term: h("drone"),
                surface: "drones",
                df: 2,
            },
        ];
        assert_eq!(index.candidates(&store, &words, 10).unwrap(), [2, 1]);
    }

    #[test]
    fn a_word_known_too_common_is_not_looked_up() {
        let (_dir, store) = empty_store();
        let mut index = WordIndex::new(10);
        index.add(11, hashes(["common", "rare"]));
        index.add(12, hashes(["common", "rare"]));
        let mut common = word("common");
        common.df = MAX_POSTINGS as u32 + 1;
        // With a known count past the cap the word counts for nothing (no
        // claim 1..=10 exists to be read either way).
        let found = index
            .candidates(&store, &[common, word("rare")], 5)
            .unwrap();
        assert!(found.is_empty(), "{found:?}");
        assert!(index.postings[&h("common")].ids.is_none());
        assert_eq!(
            index.candidates(&store, &[word("rare")], 5).unwrap(),
            [12, 11]
        );
    }
}
