//! rer-provider-fs
