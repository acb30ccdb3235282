//! media: see the issue that builds it.
