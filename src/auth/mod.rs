//! auth: see the issue that builds it.
