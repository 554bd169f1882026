//! Workspace-level tests for rer.
