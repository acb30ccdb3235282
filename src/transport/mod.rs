//! transport: see the issue that builds it.
