//! rer-repo
