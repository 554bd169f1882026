//! The helper's line protocol: one JSON document a line each way (the
//! helper script's header describes it).

use rer_provider_fs::{EvalQuery, EvaluatedPackage, Evaluation};
use rer_repo::ProviderError;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Query<'a> {
    id: u64,
    /// `versions` to list a combined family file's versions; absent to
    /// read one package.
    #[serde(skip_serializing_if = "Option::is_none")]
    op: Option<&'static str>,
    family: &'a str,
    version: &'a str,
    root: String,
    path: String,
    paths: Vec<String>,
    request: Option<&'a [String]>,
    implicits: &'a [String],
}

/// The line asking for `query`, numbered `id`: the package, or with `op`
/// `Some("versions")` the versions of the combined family file.
pub(crate) fn query_line(id: u64, query: &EvalQuery<'_>, op: Option<&'static str>) -> String {
    let line = Query {
        id,
        op,
        family: query.family,
        version: query.version,
        root: query.root.display().to_string(),
        path: query.path.display().to_string(),
        paths: query
            .roots
            .iter()
            .map(|r| r.display().to_string())
            .collect(),
        request: query.request,
        implicits: query.implicits,
    };
    // Serialising strings and numbers cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
}

#[derive(Deserialize)]
struct Greeting {
    ready: Option<Ready>,
    fatal: Option<String>,
}

#[derive(Deserialize)]
struct Ready {
    rez: String,
}

/// The rez version from the helper's first line, or why it cannot work.
pub(crate) fn parse_greeting(line: &str) -> Result<String, String> {
    let greeting: Greeting = serde_json::from_str(line)
        .map_err(|e| format!("the rez helper's first line is not its greeting ({e})"))?;
    match (greeting.ready, greeting.fatal) {
        (_, Some(fatal)) => Err(fatal),
        (Some(ready), None) if ready.rez.starts_with("3.") => Ok(ready.rez),
        (Some(ready), None) => Err(format!(
            "its rez is version {}, and rer follows rez 3",
            ready.rez
        )),
        (None, None) => Err("the rez helper's greeting says nothing".to_string()),
    }
}

#[derive(Deserialize)]
struct Answer {
    id: Option<u64>,
    ok: Option<Fields>,
    versions: Option<Vec<String>>,
    #[serde(default)]
    needs_request: bool,
    error: Option<Failure>,
}

#[derive(Deserialize)]
struct Fields {
    requires: Vec<String>,
    variants: Vec<Vec<String>>,
    build_requires: Vec<String>,
    private_build_requires: Vec<String>,
    timestamp: Option<i64>,
    #[serde(default)]
    hashed_variants: bool,
}

#[derive(Deserialize)]
struct Failure {
    kind: String,
    message: String,
}

/// The helper's answer `line` to query `id`, past its id and error checks.
fn checked_answer(line: &str, id: u64, query: &EvalQuery<'_>) -> Result<Answer, ProviderError> {
    let error = |message: String| ProviderError::Parse {
        path: query.path.to_path_buf(),
        line: None,
        message,
    };
    let answer: Answer = serde_json::from_str(line)
        .map_err(|e| error(format!("the rez helper's answer is not understood: {e}")))?;
    if answer.id != Some(id) {
        return Err(error(format!(
            "the rez helper answered query {:?} when asked query {id}",
            answer.id
        )));
    }
    if let Some(failure) = answer.error {
        return Err(error(format!(
            "rez 3.4.0 cannot load it: {}: {}",
            failure.kind,
            failure.message.trim_end()
        )));
    }
    Ok(answer)
}

/// The versions in the helper's answer `line` to the versions query `id`.
pub(crate) fn parse_versions(
    line: &str,
    id: u64,
    query: &EvalQuery<'_>,
) -> Result<Vec<String>, ProviderError> {
    checked_answer(line, id, query)?
        .versions
        .ok_or_else(|| ProviderError::Parse {
            path: query.path.to_path_buf(),
            line: None,
            message: "the rez helper's answer holds no versions".to_string(),
        })
}

/// The evaluation in the helper's answer `line` to query `id`.
pub(crate) fn parse_answer(
    line: &str,
    id: u64,
    query: &EvalQuery<'_>,
) -> Result<Evaluation, ProviderError> {
    let error = |message: String| ProviderError::Parse {
        path: query.path.to_path_buf(),
        line: None,
        message,
    };
    let answer = checked_answer(line, id, query)?;
    if answer.needs_request {
        return Ok(Evaluation::NeedsRequest);
    }
    let Some(fields) = answer.ok else {
        return Err(error(
            "the rez helper's answer holds no package".to_string(),
        ));
    };
    Ok(Evaluation::Read(EvaluatedPackage {
        requires: fields.requires,
        variants: fields.variants,
        build_requires: fields.build_requires,
        private_build_requires: fields.private_build_requires,
        timestamp: fields.timestamp,
        hashed_variants: fields.hashed_variants,
    }))
}
