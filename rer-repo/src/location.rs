//! Where a package's payload lies on disk, and so each variant's root
//! (rez's `package.base` and `variant.root`).

use std::fmt::Write as _;

use rer_version::Requirement;

/// The directory of a package in a filesystem repository, from which each
/// variant's root is derived as rez derives `variant.root`.
///
/// Providers without a payload on disk (a `packages.json` document, a
/// host program's loader, a family-level `package.py` that defines several
/// versions, which rez calls a combined package) give a [`Package`]
/// no location, and its variants no root, as rez's `root` is `None` there.
///
/// [`Package`]: crate::Package
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageLocation {
    /// rez's `package.base`: `<repository>/<family>/<version>` (without the
    /// version for an unversioned package).
    pub base: String,
    /// Each variant's directory under `base`, when it is not the variant's
    /// requirements joined by `/`: a package that sets `hashed_variants`
    /// keeps variant `i` in the SHA-1 of its requirement list, or in the
    /// `_v/` shortlink to it. `None` for the usual layout.
    pub variant_subpaths: Option<Vec<String>>,
}

impl PackageLocation {
    /// A package at `base` whose variants lie in the usual subdirectories.
    pub fn new(base: impl Into<String>) -> Self {
        PackageLocation {
            base: base.into(),
            variant_subpaths: None,
        }
    }

    /// The root of the variant `index` whose own requirements are
    /// `variant_requires` (rez's `variant.root`): `base` for a package
    /// without variants (`index` `None`), else `base` joined with the
    /// variant's subpath, which is its requirements as rez prints them,
    /// joined by `/` (`<base>/python-2.7/!foo`), or the subpath given for
    /// a package with hashed variants.
    pub fn variant_root(&self, index: Option<usize>, variant_requires: &[Requirement]) -> String {
        let Some(index) = index else {
            return self.base.clone();
        };
        let mut root = self.base.clone();
        if let Some(subpath) = self
            .variant_subpaths
            .as_ref()
            .and_then(|subpaths| subpaths.get(index))
        {
            push_component(&mut root, subpath);
            return root;
        }
        for requirement in variant_requires {
            push_separator(&mut root);
            // written in place: no string per requirement
            let _ = write!(root, "{requirement}");
        }
        root
    }
}

/// `path` joined with `component`, as `os.path.join` joins a relative one.
fn push_component(path: &mut String, component: &str) {
    push_separator(path);
    path.push_str(component);
}

/// The `/` that `os.path.join` puts before a relative component, unless
/// `path` is empty or already ends in one.
fn push_separator(path: &mut String) {
    if !path.is_empty() && !path.ends_with('/') {
        path.push('/');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reqs(texts: &[&str]) -> Vec<Requirement> {
        texts
            .iter()
            .map(|t| Requirement::parse(t).expect("requirement"))
            .collect()
    }

    #[test]
    fn roots_follow_rez_variant_root() {
        let location = PackageLocation::new("/repo/foo/1.0");
        assert_eq!(location.variant_root(None, &[]), "/repo/foo/1.0");
        assert_eq!(
            location.variant_root(Some(1), &reqs(&["python-2.7", "!bar", "~baz-1+"])),
            "/repo/foo/1.0/python-2.7/!bar/~baz-1+"
        );
    }

    #[test]
    fn hashed_variants_use_their_given_subpath() {
        let location = PackageLocation {
            base: "/repo/foo/1.0".into(),
            variant_subpaths: Some(vec!["abc".into(), "_v/b".into()]),
        };
        assert_eq!(
            location.variant_root(Some(1), &reqs(&["python"])),
            "/repo/foo/1.0/_v/b"
        );
    }
}
