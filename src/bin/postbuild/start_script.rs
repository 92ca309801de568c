//! Trunk's start-up script, moved out of `index.html`, so the page runs under a Content Security
//! Policy without `'unsafe-inline'`, and made to fetch the app's files only when the app is
//! wanted (issue #23): a reader who only reads the build-time copy of an embed downloads no JS
//! glue and no wasm.

use std::hash::{Hash, Hasher};
use std::{fs, path::Path};

/// The release wasm turns a Rust panic into a bare trap (no hook runs, see scripts/env.sh), which
/// reaches JavaScript as a `WebAssembly.RuntimeError`: in start-up or in any later event. Either way
/// the reader gets the page's short "stopped working" line instead of a silently frozen widget.
const STOPPED_GUARD: &str = "const stopped = (e) => { if ((e.error || e.reason) instanceof WebAssembly.RuntimeError) document.getElementById('panic-message')?.removeAttribute('hidden'); };\naddEventListener('error', stopped);\naddEventListener('unhandledrejection', stopped);";

/// When the wasm starts (start.js); `run` is defined before it.
const START_WHEN_WANTED: &str = include_str!("start.js");

/// Trunk writes its start-up code as an inline module script; a strict CSP forbids that, so it goes
/// into a file named by its content. Trunk's code becomes `run()`, which `start.js` calls when the
/// app is wanted. Its static import of the JS glue becomes a dynamic one in `run()`, and Trunk's
/// eager preloads of the glue and the wasm go: the page paints its copy without them. `run()`
/// fetches the wasm alongside the glue, with the integrity hashes Trunk's preload links carried.
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
    let trunk = html[body_start..end].trim();
    let (imports, rest): (Vec<&str>, Vec<&str>) = trunk
        .lines()
        .partition(|l| l.trim_start().starts_with("import "));
    let [import] = imports.as_slice() else {
        return Err(
            "Trunk's start-up script does not import one module: has its form changed?".into(),
        );
    };
    let glue = Glue::read(import)?;
    let rest = rest.join("\n");
    let wasm = quoted_after(&rest, "module_or_path: ")
        .ok_or("Trunk's start-up script names no wasm (module_or_path): has its form changed?")?;
    // Trunk's links come before or after its script: taken out of the whole page.
    let (html, glue_integrity) = without_link(html, &format!("href=\"{}\"", glue.path));
    let (html, wasm_integrity) = without_link(&html, "type=\"application/wasm\"");
    let start = html
        .find(OPEN)
        .ok_or("the start-up script went with a link")?;
    let end = html[start..]
        .find("</script>")
        .ok_or("unclosed start-up script")?
        + start;
    let run = rest.replacen(
        &format!("module_or_path: '{wasm}'"),
        "module_or_path: wasmResponse",
        1,
    );
    let code = format!(
        "{STOPPED_GUARD}\nasync function run() {{\n{preload}const wasmResponse = fetch('{wasm}'{fetch_options});\nconst {namespace} = await import('{path}'), {init} = {namespace}.default;\n{run}\n}}\n{START_WHEN_WANTED}",
        preload = glue_integrity.map_or(String::new(), |integrity| format!(
            "document.head.append(Object.assign(document.createElement('link'), {{ rel: 'modulepreload', href: '{}', crossOrigin: 'anonymous', integrity: '{integrity}' }}));\n",
            glue.path
        )),
        fetch_options = wasm_integrity.map_or(String::new(), |integrity| format!(", {{ integrity: '{integrity}' }}")),
        namespace = glue.namespace,
        path = glue.path,
        init = glue.init,
    );
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    code.hash(&mut hasher);
    let name = format!("start-{:016x}.js", hasher.finish());
    fs::write(dir.join(&name), &code).map_err(|e| format!("{name}: {e}"))?;
    if crate::split::release() && !cfg!(test) {
        crate::split::minify_js(&dir.join(&name), true)?;
    }
    Ok(format!(
        "{}<script type=\"module\" src=\"./{name}\"></script>{}",
        &html[..start],
        &html[end + "</script>".len()..]
    ))
}

/// Trunk's `import init, * as bindings from './rare-earth-explorer-….js';`.
#[derive(Debug, PartialEq)]
struct Glue<'a> {
    init: &'a str,
    namespace: &'a str,
    path: &'a str,
}

impl<'a> Glue<'a> {
    fn read(line: &'a str) -> Result<Self, String> {
        let form = || format!("Trunk's import of the JS glue has another form: {line}");
        let names = line
            .trim()
            .strip_prefix("import ")
            .and_then(|l| l.split_once(" from "))
            .ok_or_else(form)?;
        let (init, namespace) = names.0.split_once(", * as ").ok_or_else(form)?;
        let path = quoted_after(names.1, "").ok_or_else(form)?;
        let word =
            |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !word(init) || !word(namespace) || path.contains(['\'', '\\']) {
            return Err(form());
        }
        Ok(Glue {
            init,
            namespace,
            path,
        })
    }
}

/// The single-quoted text right after `key` in `text`.
fn quoted_after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let at = text.find(&format!("{key}'"))? + key.len() + 1;
    let end = text[at..].find('\'')? + at;
    Some(&text[at..end])
}

/// `html` without the first `<link …>` whose tag contains `marker`, and that link's integrity hash.
fn without_link(html: &str, marker: &str) -> (String, Option<String>) {
    let Some(at) = html.find(marker) else {
        return (html.to_string(), None);
    };
    let Some(start) = html[..at].rfind("<link") else {
        return (html.to_string(), None);
    };
    let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
    let integrity = quoted_attr(&html[start..end], "integrity");
    (format!("{}{}", &html[..start], &html[end..]), integrity)
}

fn quoted_attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string()).filter(|v| !v.contains(['\'', '\\']))
}

#[cfg(test)]
mod tests {
    use super::*;

    // As Trunk writes it: the wasm's preload before the script, the glue's after it.
    const TRUNK: &str = "<html><head>\
<link rel=\"preload\" href=\"./app-1_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-wasm\" as=\"fetch\" type=\"application/wasm\">\
<script type=\"module\">\nimport init, * as bindings from './app-1.js';\nconst wasm = await init({ module_or_path: './app-1_bg.wasm' });\nwindow.wasmBindings = bindings;\n</script>\
<link rel=\"modulepreload\" href=\"./app-1.js\" crossorigin=\"anonymous\" integrity=\"sha384-glue\">\
<link rel=\"modulepreload\" href=\"./app-1.split.js\" crossorigin=\"anonymous\">\
</head><body></body></html>";

    #[test]
    fn the_page_preloads_nothing_and_run_fetches_glue_and_wasm_with_their_hashes() {
        let dir = std::env::temp_dir().join(format!("start-script-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let html = externalise(&dir, TRUNK).unwrap();
        assert_eq!(
            html.matches("<link").count(),
            1,
            "only another module's: {html}"
        );
        assert!(!html.contains("import "), "{html}");
        let name = html
            .split("src=\"./")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap();
        let code = fs::read_to_string(dir.join(name)).unwrap();
        let _ = fs::remove_dir_all(&dir);
        assert!(!code.contains("import init"), "no static import: {code}");
        assert!(code.contains("fetch('./app-1_bg.wasm', { integrity: 'sha384-wasm' })"));
        assert!(code.contains("integrity: 'sha384-glue'"));
        assert!(code.contains("await import('./app-1.js'), init = bindings.default"));
        assert!(code.contains("init({ module_or_path: wasmResponse })"));
        let run = code.find("async function run()").unwrap();
        assert!(code.find("wasmResponse = fetch").unwrap() > run);
        assert!(code.find("await import").unwrap() > code.find("wasmResponse = fetch").unwrap());
    }

    #[test]
    fn another_form_of_trunks_script_is_an_error_not_a_broken_page() {
        let dir = std::env::temp_dir();
        for script in [
            TRUNK.replace("import init, * as bindings", "import * as bindings"),
            TRUNK.replace(
                "module_or_path: './app-1_bg.wasm'",
                "module_or_path: wasmPath",
            ),
            TRUNK.replace(
                "import init,",
                "import init, * as x from './b.js';\nimport y,",
            ),
        ] {
            assert!(externalise(&dir, &script).is_err(), "{script}");
        }
        assert_eq!(
            Glue::read("import init, * as bindings from './a.js';"),
            Ok(Glue {
                init: "init",
                namespace: "bindings",
                path: "./a.js"
            })
        );
    }
}
