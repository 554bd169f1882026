//! Inputs the fuzz targets (`fuzz/`) found, kept as tests, each against
//! rez 3.4.0's answer, recorded with
//! `REZ_DISABLE_HOME_CONFIG=1 ~/rez-venv/bin/python -c "from rez.version
//! import Requirement as R; r = R('.<=N|>N|F'); print(str(r), str(R(str(r))))"`
//! (it prints `.<=N|>N .`).

use rer_version::{Requirement, VersionRange};

/// rez's union leaves the touching bounds `<=N|>N` unmerged when it prints
/// `.<=N|>N|F`, and reparses that text as any version: rer prints and
/// reparses both as rez does, and both mean the same versions.
#[test]
fn touching_bounds_print_and_reparse_as_rez_does() {
    let req = Requirement::parse(".<=N|>N|F").expect("parses");
    assert_eq!(req.to_string(), ".<=N|>N");
    let again = Requirement::parse(&req.to_string()).expect("printed form parses");
    assert_eq!(again.to_string(), ".");
    let range = |r: &Requirement| r.range().cloned().unwrap_or_else(VersionRange::any);
    assert!(range(&req).difference(&range(&again)).is_none());
    assert!(range(&again).difference(&range(&req)).is_none());
}
