//! Claim analysis: check-worthiness, claim type, attribution, quantities and entities.
//!
//! Pure functions of the text; nothing here touches SQLite or the CLI.

mod lexicon;
pub mod quantity;
mod quantity_words;
mod tokens;
