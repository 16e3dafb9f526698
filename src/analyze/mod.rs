//! Claim analysis: check-worthiness, claim type, attribution, quantities and entities.
//!
//! Pure functions of the text; nothing here touches SQLite or the CLI.

pub mod quantity;
