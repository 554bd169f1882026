//! rer-version
