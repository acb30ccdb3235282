//! client: see the issue that builds it.
