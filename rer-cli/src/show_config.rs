//! `rer config`: the settings rer reads, their values and where they came
//! from, as text or JSON.

use rer_config::{Config, Origin, Setting};
use serde_json::{Value, json};

use crate::error::CliError;

/// One setting's value as `rez config SETTING` prints it: a list of strings
/// as YAML items (`- x`, or `[]`), a bool as `True`/`False`, a string as it
/// is, anything else as JSON; with `json`, the value as JSON.
pub fn render_value(value: &Value, json: bool) -> String {
    if json {
        return value.to_string();
    }
    match value {
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "[]".to_string(),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .map(|v| format!("- {}", v.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

/// `rer config SETTING`.
///
/// # Errors
/// `unknown_setting` for a setting rer does not read; `config` when the
/// setting cannot be used.
pub fn one(config: &Config, name: &str, json: bool) -> Result<String, CliError> {
    match config.setting(name) {
        None => Err(CliError::new(
            "unknown_setting",
            format!(
                "rer does not read the setting '{name}': it reads {} (nothing else in \
                 rezconfig changes a resolve)",
                Config::setting_names().collect::<Vec<_>>().join(", ")
            ),
        )),
        Some(Err(e)) => Err(CliError::new("config", e.to_string())),
        Some(Ok(setting)) => Ok(render_value(&setting.value, json)),
    }
}

/// `rer config`: every setting, then the system values, as text.
pub fn all_text(config: &Config) -> String {
    let mut out = String::new();
    for name in Config::setting_names() {
        match config.setting(name) {
            Some(Ok(setting)) => {
                out.push_str(&format!("{name}: {}\n", setting.value));
                out.push_str(&format!("    from {}\n", origins_text(setting)));
            }
            Some(Err(e)) => out.push_str(&format!("{name}: error: {e}\n")),
            None => {}
        }
    }
    let system = config.system();
    out.push_str(&format!("system.platform: {}\n", system.platform()));
    match system.arch() {
        Ok(arch) => out.push_str(&format!("system.arch: {arch}\n")),
        Err(e) => out.push_str(&format!("system.arch: error: {e}\n")),
    }
    match system.os() {
        Ok(os) => out.push_str(&format!("system.os: {os}\n")),
        Err(e) => out.push_str(&format!("system.os: error: {e}\n")),
    }
    out
}

fn origins_text(setting: &Setting) -> String {
    let parts: Vec<String> = setting.origins.iter().map(Origin::to_string).collect();
    parts.join(", then ")
}

/// `rer config --json`.
pub fn all_json(config: &Config) -> Value {
    let mut settings = serde_json::Map::new();
    for name in Config::setting_names() {
        let entry = match config.setting(name) {
            Some(Ok(setting)) => json!({
                "value": setting.value,
                "origins": setting.origins.iter().map(origin_json).collect::<Vec<_>>(),
            }),
            Some(Err(e)) => json!({"error": e.to_string()}),
            None => continue,
        };
        settings.insert(name.to_string(), entry);
    }
    let system = config.system();
    let paths = |files: &[std::path::PathBuf]| -> Vec<String> {
        files.iter().map(|p| p.display().to_string()).collect()
    };
    json!({
        "settings": settings,
        "system": {
            "platform": system.platform(),
            "arch": system.arch().unwrap_or_else(|e| format!("error: {e}")),
            "os": system.os().unwrap_or_else(|e| format!("error: {e}")),
        },
        "searched_files": paths(config.searched_files()),
        "sourced_files": paths(config.sourced_files()),
    })
}

fn origin_json(origin: &Origin) -> Value {
    match origin {
        Origin::Default => json!({"kind": "default"}),
        Origin::File { path, line } => {
            json!({"kind": "file", "path": path.display().to_string(), "line": line})
        }
        Origin::Variable(name) => json!({"kind": "variable", "name": name}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_print_as_rez_config_prints_them() {
        assert_eq!(render_value(&json!(["/a", "/b"]), false), "- /a\n- /b");
        assert_eq!(render_value(&json!([]), false), "[]");
        assert_eq!(render_value(&json!(true), false), "True");
        assert_eq!(
            render_value(&json!("version_priority"), false),
            "version_priority"
        );
        assert_eq!(render_value(&json!(["/a"]), true), "[\"/a\"]");
    }
}
