//! Cross-referencing core: claim similarity, number normalization and numeric conflicts.
//!
//! Pure functions of the text; nothing here touches SQLite or the CLI.
