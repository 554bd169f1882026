//! rer-provider-memory
