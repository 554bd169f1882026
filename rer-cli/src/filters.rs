//! rez-env's filter options (`--time`, `--exclude`, `--include`,
//! `--no-filters`) and the configured `package_filter`, as one filter list.

use std::time::{SystemTime, UNIX_EPOCH};

use rer_filter::{PackageFilterList, Rule};

use crate::args::FilterArgs;
use crate::error::CliError;

/// The filter list a solve uses, built as `rez env` builds it: the
/// configured `package_filter` (`configured`, rez's setting as JSON: `null`,
/// a dict, or a list of dicts) unless `--no-filters`; then each `--exclude`
/// rule added as an exclusion and each `--include` rule as an inclusion;
/// then, as rez's resolver does, `--time T` (unless 0) as an `after(T)`
/// exclusion. `None` when the list excludes nothing.
///
/// # Errors
/// `filter` for a bad rule or a configured value that is not rez's format,
/// `time` for a `--time` rez would not read.
pub fn filter_list(
    args: &FilterArgs,
    configured: &serde_json::Value,
) -> Result<Option<PackageFilterList>, CliError> {
    let mut list = if args.no_filters {
        PackageFilterList::new()
    } else {
        PackageFilterList::from_pod(configured)
            .map_err(|e| CliError::new("filter", e.to_string()))?
    };
    let rule =
        |text: &String| Rule::parse(text).map_err(|e| CliError::new("filter", e.to_string()));
    for text in &args.exclude {
        list.add_exclusion(rule(text)?);
    }
    for text in &args.include {
        list.add_inclusion(rule(text)?);
    }
    if let Some(text) = &args.time {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        let time = epoch_time(text, now)?;
        if time != 0 {
            list.add_exclusion(Rule::after(time, None));
        }
    }
    Ok(list.is_active().then_some(list))
}

/// rez's `get_epoch_time_from_str`: an integer is epoch seconds; `-N`
/// followed by `s`, `m`, `h` or `d` is that long before `now` (never before
/// the epoch).
///
/// # Errors
/// `time`, with rez's message, for anything else.
pub fn epoch_time(text: &str, now: i64) -> Result<i64, CliError> {
    if let Ok(seconds) = text.trim().parse::<i64>() {
        return Ok(seconds);
    }
    let relative = text.strip_prefix('-').and_then(|rest| {
        let unit = match rest.chars().last()? {
            'd' => 86_400.0,
            'h' => 3_600.0,
            'm' => 60.0,
            's' => 1.0,
            _ => return None,
        };
        let amount: f64 = rest[..rest.len() - 1].trim().parse().ok()?;
        amount
            .is_finite()
            .then(|| (now - (amount * unit) as i64).max(0))
    });
    relative
        .ok_or_else(|| CliError::new("time", format!("'{text}' is an unrecognised time format.")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn args(exclude: &[&str], include: &[&str], time: Option<&str>) -> FilterArgs {
        FilterArgs {
            time: time.map(str::to_owned),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
            include: include.iter().map(|s| s.to_string()).collect(),
            no_filters: false,
        }
    }

    #[test]
    fn times_read_as_rez_reads_them() {
        assert_eq!(epoch_time("1418350671", 0).unwrap(), 1418350671);
        assert_eq!(epoch_time("-12s", 1000).unwrap(), 988);
        assert_eq!(epoch_time("-5.4m", 1000).unwrap(), 676);
        assert_eq!(epoch_time("-1d", 1000).unwrap(), 0);
        assert_eq!(epoch_time("-2h", 100_000).unwrap(), 92_800);
        assert_eq!(epoch_time("yesterday", 0).unwrap_err().kind, "time");
        assert_eq!(epoch_time("-5x", 0).unwrap_err().kind, "time");
    }

    #[test]
    fn nothing_excluded_is_no_list() {
        let none = Value::Null;
        let inactive = |a: FilterArgs, configured: &Value| {
            filter_list(&a, configured).expect("builds").is_none()
        };
        assert!(inactive(args(&[], &["foo"], None), &none));
        assert!(inactive(args(&[], &[], Some("0")), &none));
        assert!(inactive(args(&[], &[], None), &json!([])));
    }

    #[test]
    fn the_configured_list_comes_first_and_no_filters_drops_it() {
        let configured = json!({"excludes": ["*.beta"]});
        let list = filter_list(&args(&[], &[], None), &configured)
            .unwrap()
            .unwrap();
        assert_eq!(list.to_pod(), json!([{"excludes": ["glob(*.beta)"]}]));
        let mut no = args(&["foo-2+"], &["foo-3"], Some("100"));
        no.no_filters = true;
        let list = filter_list(&no, &configured).unwrap().unwrap();
        assert_eq!(
            list.to_pod(),
            json!([{"excludes": ["range(foo-2+)", "after(100)"], "includes": ["range(foo-3)"]}])
        );
    }

    #[test]
    fn bad_rules_and_settings_are_named() {
        let e = filter_list(&args(&["regex([)"], &[], None), &Value::Null).unwrap_err();
        assert_eq!(e.kind, "filter");
        assert!(e.message.contains("regex"), "{}", e.message);
        let e = filter_list(&args(&[], &[], None), &json!([1])).unwrap_err();
        assert!(e.message.contains("package_filter"), "{}", e.message);
    }
}
