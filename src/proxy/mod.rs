//! proxy: see the issue that builds it.
