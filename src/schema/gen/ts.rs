//! The TypeScript declarations of the request types, from the tables.
