//! `requestJsonSchema`'s documents (draft 2020-12), from the tables.
