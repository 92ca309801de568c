//! Trunk's start-up script, moved out of `index.html`, so the page runs under a Content Security
//! Policy without `'unsafe-inline'`.

use std::hash::{Hash, Hasher};
use std::{fs, path::Path};

/// The release wasm turns a Rust panic into a bare trap (no hook runs, see scripts/env.sh), which
/// reaches JavaScript as a `WebAssembly.RuntimeError`: in start-up or in any later event. Either way
/// the reader gets the page's short "stopped working" line instead of a silently frozen widget.
const STOPPED_GUARD: &str = "const stopped = (e) => { if ((e.error || e.reason) instanceof WebAssembly.RuntimeError) document.getElementById('panic-message')?.removeAttribute('hidden'); };\naddEventListener('error', stopped);\naddEventListener('unhandledrejection', stopped);";

/// When the wasm starts, and what is fetched on idle (start.js); `PARTS` and `run` are defined
/// before it.
const START_WHEN_WANTED: &str = include_str!("start.js");

/// Trunk writes its start-up code as an inline module script; a strict CSP forbids that, so it goes
/// into a file named by its content. Its imports stay at the top; the rest becomes `run()`, which
/// `start.js` calls when the app is wanted. `parts` are the files the other views need, fetched
/// on idle. Trunk's eager preload of the wasm goes: the page paints its copy without it.
pub fn externalise(dir: &Path, html: &str, parts: &[String]) -> Result<String, String> {
    const OPEN: &str = "<script type=\"module\">";
    let Some(start) = html.find(OPEN) else {
        return Ok(html.to_string());
    };
    let body_start = start + OPEN.len();
    let end = html[body_start..]
        .find("</script>")
        .ok_or("unclosed start-up script")?
        + body_start;
    let trunk = html[body_start..end].trim();
    let (imports, rest): (Vec<&str>, Vec<&str>) = trunk
        .lines()
        .partition(|l| l.trim_start().starts_with("import "));
    if imports.is_empty() {
        return Err("Trunk's start-up script imports nothing: has its form changed?".into());
    }
    let parts: Vec<String> = parts.iter().map(|p| format!("'./{p}'")).collect();
    let code = format!(
        "{STOPPED_GUARD}\n{}\nconst PARTS = [{}];\nasync function run() {{\n{}\n}}\n{START_WHEN_WANTED}",
        imports.join("\n"),
        parts.join(", "),
        rest.join("\n"),
    );
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    code.hash(&mut hasher);
    let name = format!("start-{:016x}.js", hasher.finish());
    fs::write(dir.join(&name), &code).map_err(|e| format!("{name}: {e}"))?;
    let html = format!(
        "{}<script type=\"module\" src=\"./{name}\"></script>{}",
        &html[..start],
        &html[end + "</script>".len()..]
    );
    Ok(without_wasm_preload(&html))
}

/// `html` without Trunk's `<link rel="preload" ... as="fetch" type="application/wasm">`.
fn without_wasm_preload(html: &str) -> String {
    let Some(at) = html.find("type=\"application/wasm\"") else {
        return html.to_string();
    };
    let start = html[..at].rfind("<link").unwrap_or(at);
    let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
    format!("{}{}", &html[..start], &html[end..])
}
