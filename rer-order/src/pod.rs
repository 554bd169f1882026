//! Reading orderers from rez's config format (`from_pod`).

use std::collections::HashMap;
use std::sync::Arc;

use rer_repo::FamilyProvider;
use rer_version::Version;
use serde_json::{Map, Value};

use crate::error::OrderConfigError;
use crate::orderer::{
    NoOrder, PackageOrder, PerFamilyOrder, SortedOrder, TimestampOrder, VersionSplitOrder, families,
};

fn fail(path: &str, message: impl Into<String>) -> OrderConfigError {
    OrderConfigError {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Where `soft_timestamp` orderers read timestamps: `None` for the solve's
/// own provider.
pub(crate) type Timestamps = Option<Arc<dyn FamilyProvider>>;

/// rez's `PackageOrderList.from_pod`: `null` or a list of orderers.
pub(crate) fn list(
    data: &Value,
    ts: &Timestamps,
) -> Result<Vec<Arc<dyn PackageOrder>>, OrderConfigError> {
    match data {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, d)| orderer(d, &format!("[{i}]"), ts))
            .collect(),
        other => Err(fail(
            "",
            format!("expected a list of orderers, got {other}"),
        )),
    }
}

/// rez's module-level `from_pod`: a dict with `type`, or an old-style
/// `[type, dict]` pair.
fn orderer(
    data: &Value,
    path: &str,
    ts: &Timestamps,
) -> Result<Arc<dyn PackageOrder>, OrderConfigError> {
    let (kind, fields) = match data {
        Value::Object(map) => {
            let kind = map
                .get("type")
                .ok_or_else(|| fail(path, "KeyError: 'type'"))?;
            (kind, map.clone())
        }
        Value::Array(pair) if pair.len() == 2 => match &pair[1] {
            Value::Object(map) => (&pair[0], map.clone()),
            other => return Err(fail(path, format!("expected a dict, got {other}"))),
        },
        other => return Err(fail(path, format!("expected an orderer dict, got {other}"))),
    };
    let kind = kind
        .as_str()
        .ok_or_else(|| fail(path, format!("KeyError: {kind}")))?;
    build(kind, &fields, path, ts)
}

fn build(
    kind: &str,
    fields: &Map<String, Value>,
    path: &str,
    ts: &Timestamps,
) -> Result<Arc<dyn PackageOrder>, OrderConfigError> {
    let packages = || packages(fields.get("packages"), path);
    let required = |key: &str| {
        fields
            .get(key)
            .ok_or_else(|| fail(path, format!("KeyError: '{key}'")))
    };
    Ok(match kind {
        "no_order" => Arc::new(NoOrder {
            packages: packages()?,
        }),
        "sorted" => Arc::new(SortedOrder {
            descending: truthy(required("descending")?),
            packages: packages()?,
        }),
        "version_split" => {
            let text = match required("first_version")? {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                other => return Err(fail(path, format!("first_version: not a version: {other}"))),
            };
            let first_version = Version::parse(&text)
                .map_err(|e| fail(path, format!("first_version {text:?}: {e}")))?;
            Arc::new(VersionSplitOrder {
                first_version,
                packages: packages()?,
            })
        }
        "soft_timestamp" => {
            let timestamp = required("timestamp")?
                .as_f64()
                .ok_or_else(|| fail(path, "timestamp: not a number"))?;
            let rank = match fields.get("rank") {
                None | Some(Value::Null) => 0,
                Some(v) => v
                    .as_u64()
                    .and_then(|r| usize::try_from(r).ok())
                    .ok_or_else(|| fail(path, format!("rank: not a non-negative integer: {v}")))?,
            };
            let order = TimestampOrder::new(timestamp, rank, packages()?);
            Arc::new(match ts {
                Some(source) => order.reading_timestamps_from(Arc::clone(source)),
                None => order,
            })
        }
        "per_family" => per_family(fields, path, ts)?,
        other => {
            return Err(fail(
                path,
                format!("KeyError: '{other}' (unknown orderer type)"),
            ));
        }
    })
}

/// rez's `PerFamilyOrder.from_pod`: each inner orderer's `packages` (which
/// it must have) name the families it orders; `default_order` is used only
/// when set to something (an empty dict counts as unset, as in rez).
fn per_family(
    fields: &Map<String, Value>,
    path: &str,
    ts: &Timestamps,
) -> Result<Arc<dyn PackageOrder>, OrderConfigError> {
    let inner = fields
        .get("orderers")
        .ok_or_else(|| fail(path, "KeyError: 'orderers'"))?;
    let Value::Array(inner) = inner else {
        return Err(fail(path, "orderers: expected a list"));
    };
    let mut order_dict: HashMap<String, Arc<dyn PackageOrder>> = HashMap::new();
    for (i, d) in inner.iter().enumerate() {
        let at = format!("{path}.orderers[{i}]");
        let Value::Object(map) = d else {
            return Err(fail(&at, "expected an orderer dict"));
        };
        let mut map = map.clone();
        let fams = map
            .remove("packages")
            .ok_or_else(|| fail(&at, "KeyError: 'packages'"))?;
        let orderer = orderer(&Value::Object(map), &at, ts)?;
        let fams: Vec<String> = match fams {
            Value::String(s) => s.chars().map(String::from).collect(),
            Value::Array(items) => items
                .iter()
                .map(|x| x.as_str().map(str::to_owned))
                .collect::<Option<_>>()
                .ok_or_else(|| fail(&at, "packages: expected names"))?,
            _ => return Err(fail(&at, "packages: expected a list of names")),
        };
        for fam in fams {
            order_dict.insert(fam, Arc::clone(&orderer));
        }
    }
    let default_order = match fields.get("default_order") {
        Some(d) if truthy(d) => Some(orderer(d, &format!("{path}.default_order"), ts)?),
        _ => None,
    };
    Ok(Arc::new(PerFamilyOrder::new(order_dict, default_order)))
}

/// rez's `packages` argument: absent or `null` for every family, a name,
/// or a list of names.
fn packages(value: Option<&Value>, path: &str) -> Result<Vec<String>, OrderConfigError> {
    match value {
        None | Some(Value::Null) => Ok(families(None)),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|x| x.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(|list| families(Some(list)))
            .ok_or_else(|| fail(path, "packages: expected names")),
        Some(other) => Err(fail(path, format!("packages: expected names, got {other}"))),
    }
}

/// Python's truth of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}
