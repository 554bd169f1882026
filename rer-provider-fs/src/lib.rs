//! rer-provider-fs (work in progress).
pub mod python;
