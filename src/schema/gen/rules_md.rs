//! docs/rules.md, from the rule registry.
