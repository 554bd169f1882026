//! rez's version algebra, exactly: [`Version`], [`VersionRange`], [`Requirement`]
//! and [`RequirementList`], with rez 3.4.0's parsing, ordering, set operations
//! and printing.
//!
//! Every type parses with [`FromStr`](std::str::FromStr) (errors name the input and
//! what is wrong) and prints with [`Display`](std::fmt::Display) as rez's `str()` does.
//! Versions carry a precomputed byte key, so comparing two versions is a
//! `memcmp` and allocates nothing; clones are reference-count increments.
//! Parsing is memoised per process: the same string parsed again costs a
//! hash lookup (bounded memory; see each `parse`).
//!
//! ```
//! use rer_version::{Requirement, Version, VersionRange};
//! let range: VersionRange = "1.2+<2|3".parse().unwrap();
//! assert!(range.contains(&"1.5".parse::<Version>().unwrap()));
//! assert!(range.contains(&"3.1".parse::<Version>().unwrap()));
//! let req: Requirement = "~maya-2024".parse().unwrap();
//! assert!(req.is_weak() && req.is_conflict());
//! assert_eq!(req.to_string(), "~maya-2024");
//! ```

mod bound;
mod error;
mod memo;
mod name;
mod range;
mod range_parse;
mod requirement;
mod requirement_list;
mod version;

pub use bound::Bound;
pub use error::{RequirementError, VersionError, VersionRangeError};
pub use name::is_valid_package_name;
pub use range::VersionRange;
pub use requirement::Requirement;
pub use requirement_list::RequirementList;
pub use version::{SORT_KEY_FORMAT, Version};
