//! Trunk's start-up script, moved out of `index.html`, so the page runs under a Content Security
//! Policy without `'unsafe-inline'`.

use std::hash::{Hash, Hasher};
use std::{fs, path::Path};

/// The release wasm turns a Rust panic into a bare trap (no hook runs, see scripts/env.sh), which
/// reaches JavaScript as a `WebAssembly.RuntimeError`: in start-up or in any later event. Either way
/// the reader gets the page's short "stopped working" line instead of a silently frozen widget.
const STOPPED_GUARD: &str = "const stopped = (e) => { if ((e.error || e.reason) instanceof WebAssembly.RuntimeError) document.getElementById('panic-message')?.removeAttribute('hidden'); };\naddEventListener('error', stopped);\naddEventListener('unhandledrejection', stopped);";

/// Trunk writes its start-up code as an inline module script; a strict CSP forbids that, so it goes
/// into a file named by its content.
pub fn externalise(dir: &Path, html: &str) -> Result<String, String> {
    const OPEN: &str = "<script type=\"module\">";
    let Some(start) = html.find(OPEN) else {
        return Ok(html.to_string());
    };
    let body_start = start + OPEN.len();
    let end = html[body_start..]
        .find("</script>")
        .ok_or("unclosed start-up script")?
        + body_start;
    let code = format!("{STOPPED_GUARD}\n{}", html[body_start..end].trim());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    code.hash(&mut hasher);
    let name = format!("start-{:016x}.js", hasher.finish());
    fs::write(dir.join(&name), &code).map_err(|e| format!("{name}: {e}"))?;
    Ok(format!(
        "{}<script type=\"module\" src=\"./{name}\"></script>{}",
        &html[..start],
        &html[end + "</script>".len()..]
    ))
}
