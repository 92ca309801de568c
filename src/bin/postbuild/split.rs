//! The wasm split: the code only the parts loaded on demand need moves into chunks, and the rows
//! only they read into a text file (see components/on_demand.rs).

use std::path::Path;
use std::process::Command;
use std::{env, fs, path::PathBuf};

use rare_earth_explorer::data::{dataset, pack};
use rare_earth_explorer::views::reserves::rows::embedded;
use rare_earth_explorer::views::text_parts;

use crate::wasm_sections;

/// Moves the code behind the `#[wasm_split]` functions (every part loaded on demand, see
/// components/on_demand.rs) out of the first download, into wasm files the page fetches when a
/// reader first reaches for one of those parts. Trunk 0.21 has no hook between cargo and wasm-bindgen, where
/// the split has to happen, so this hook redoes that part of Trunk's work: `wasm-split-cli`
/// splits cargo's output (linked with `--emit-relocs`, see scripts/env.sh), wasm-bindgen and
/// wasm-opt (with the options index.html gives Trunk) run on the result, and the staged JS and wasm
/// are replaced under the names Trunk gave them. The new files start with that hashed name, so
/// they change name whenever they change content, like every other asset.
pub fn split_wasm(dir: &Path) -> Result<bool, String> {
    let staged = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let glue = staged
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("rare-earth-explorer-")
                && name.ends_with(".js")
                && !name.contains(".split")
        })
        .ok_or("no staged JS glue rare-earth-explorer-*.js")?;
    let glue_text = fs::read_to_string(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    if !glue_text.contains("__wasm_split") {
        return Ok(false); // built without the `split` feature: nothing to split
    }
    let stem = glue
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("bad glue file name")?
        .to_string();
    let release = release();
    let target = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let input = target
        .join("wasm32-unknown-unknown")
        .join(if release { "release" } else { "debug" })
        .join("rare-earth-explorer.wasm");
    let work = target.join("wasm-split");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(work.join("bg")).map_err(|e| format!("{}: {e}", work.display()))?;

    run_tool(
        Command::new("wasm-split-cli")
            .arg("--out-name")
            .arg(&stem)
            .arg(&input)
            .arg(&work),
    )?;
    run_tool(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--keep-lld-exports",
                "--no-demangle",
                "--no-typescript",
            ])
            .arg("--out-name")
            .arg(&stem)
            .arg("--out-dir")
            .arg(work.join("bg"))
            .arg(work.join(format!("{stem}.wasm"))),
    )?;
    let bindgen_glue = work.join("bg").join(format!("{stem}.js"));
    let glue_text = fs::read_to_string(&bindgen_glue).map_err(|e| format!("split glue: {e}"))?;
    wasm_sections::check_glue_never_makes(&glue_text)?;
    let main_wasm = work.join("bg").join(format!("{stem}_bg.wasm"));
    let module = fs::read(&main_wasm).map_err(|e| format!("{}: {e}", main_wasm.display()))?;
    let module = wasm_sections::drop_exports(&module, wasm_sections::UNUSED_CLASSES)?;
    fs::write(&main_wasm, module).map_err(|e| format!("{}: {e}", main_wasm.display()))?;

    let opt_params = wasm_opt_params()?;
    let optimise = |from: &Path, to: &Path| -> Result<(), String> {
        if release {
            // -Os with --low-memory-unused, not -Oz: the first download's wasm measured 858 B
            // smaller in brotli (-Os alone -174 B). The low KB of memory is unused here because
            // Rust puts the 1 MB stack first, growing down towards it. Stripping the producers
            // section measured 78 B larger in brotli, so it stays.
            run_tool(
                Command::new("wasm-opt")
                    .args(["-Os", "--low-memory-unused"])
                    .args(&opt_params)
                    .arg(from)
                    .arg("-o")
                    .arg(to),
            )
        } else {
            fs::copy(from, to)
                .map(drop)
                .map_err(|e| format!("{}: {e}", to.display()))
        }
    };
    optimise(&main_wasm, &dir.join(format!("{stem}_bg.wasm")))?;

    // The split files, renamed after the main module, and the loader that fetches them.
    let mut loader = fs::read_to_string(work.join("__wasm_split.js"))
        .map_err(|e| format!("__wasm_split.js: {e}"))?;
    let entries = fs::read_dir(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if !name.ends_with(".wasm") || name == format!("{stem}.wasm") {
            continue;
        }
        let renamed = format!("{stem}.{name}");
        optimise(&path, &dir.join(&renamed))?;
        loader = loader.replace(&format!("\"./{name}\""), &format!("\"./{renamed}\""));
    }
    let loader_name = format!("{stem}.split.js");
    fs::write(dir.join(&loader_name), loader).map_err(|e| format!("{loader_name}: {e}"))?;
    // Only the module specifier: the wasm still imports under the name "./__wasm_split.js".
    let glue_text = glue_text.replace(
        "from \"./__wasm_split.js\"",
        &format!("from \"./{loader_name}\""),
    );
    fs::write(&glue, &glue_text).map_err(|e| format!("{}: {e}", glue.display()))?;
    if release {
        // Trunk minifies the scripts it writes, not the ones this hook writes in their place.
        for script in [glue.clone(), dir.join(&loader_name)] {
            minify_js(&script, true)?;
        }
    }

    // Trunk's preload links carry integrity hashes of the files it wrote; the page would refuse
    // the rewritten ones.
    let index_path = dir.join("index.html");
    let mut html =
        fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    for name in [format!("{stem}.js"), format!("{stem}_bg.wasm")] {
        let bytes = fs::read(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        html = replace_integrity(&html, &name, &bytes)?;
    }
    fs::write(&index_path, html).map_err(|e| format!("{}: {e}", index_path.display()))?;
    Ok(true)
}

/// The split wasm embeds only the rows the first view reads (views/reserves/rows.rs); the others
/// go in this file, fetched on demand (data/pack.rs). Returns its name, which the pages carry
/// (head.rs): the hash of its bytes, so that it changes whenever they do, whatever changed them
/// (it is cached for a year as immutable).
pub fn write_rows(dir: &Path) -> Result<String, String> {
    let whole = dataset();
    let text = pack::encode(whole, &embedded(whole), &text_parts())?;
    let name = rows_file_name(text.as_bytes());
    fs::write(dir.join(&name), text).map_err(|e| format!("{name}: {e}"))?;
    Ok(name)
}

/// `rare-earth-explorer-rows-<hash of the bytes>.txt`.
pub fn rows_file_name(bytes: &[u8]) -> String {
    format!("rare-earth-explorer-rows-{}.txt", content_hash(bytes))
}

/// Sixteen hex digits of the SHA-384 of `bytes`: a file name that changes with its content.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha384::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The Subresource Integrity value of `bytes`: `sha384-<base64>`.
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

/// Sets the `integrity` attribute of the tag that links `name` to the SHA-384 of `bytes`.
pub fn replace_integrity(html: &str, name: &str, bytes: &[u8]) -> Result<String, String> {
    let link = html
        .find(&format!("href=\"./{name}\""))
        .ok_or_else(|| format!("index.html does not link {name}"))?;
    let tag_end = html[link..].find('>').ok_or("unclosed link tag")? + link;
    const ATTR: &str = "integrity=\"";
    let Some(attr) = html[link..tag_end]
        .find(ATTR)
        .map(|i| i + link + ATTR.len())
    else {
        return Ok(html.to_string());
    };
    let value_end = html[attr..].find('"').ok_or("unclosed integrity")? + attr;
    Ok(format!(
        "{}{}{}",
        &html[..attr],
        integrity(bytes),
        &html[value_end..]
    ))
}

/// The wasm-opt options index.html gives Trunk, so the split files are optimised the same way.
fn wasm_opt_params() -> Result<Vec<String>, String> {
    let html_path = env::var_os("TRUNK_HTML_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html"));
    let html =
        fs::read_to_string(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
    const ATTR: &str = "data-wasm-opt-params=\"";
    let start = html
        .find(ATTR)
        .ok_or("index.html has no data-wasm-opt-params")?
        + ATTR.len();
    let end = html[start..]
        .find('"')
        .ok_or("unclosed data-wasm-opt-params")?
        + start;
    Ok(html[start..end]
        .split_whitespace()
        .map(String::from)
        .collect())
}

/// Minifies an ES module in place with terser (installed from npm into `tools/`, see
/// scripts/setup.sh): -1,884 B brotli over the glue and the split loader, measured. Names the wasm
/// imports and exports by are strings and object keys, which terser leaves as they are.
/// Whether Trunk is making a release build (a hand-run post-build program counts as one).
pub fn release() -> bool {
    env::var("TRUNK_PROFILE").map_or(true, |p| p == "release")
}

/// Minifies `script` in place with terser: an ES module, or a classic script.
pub fn minify_js(script: &Path, module: bool) -> Result<(), String> {
    run_tool(
        Command::new("terser")
            .arg(script)
            .args(if module { &["--module"][..] } else { &[] })
            .args(["--ecma", "2020", "--compress", "passes=2"])
            .args(["--mangle", "--comments", "false", "--output"])
            .arg(script),
    )
}

fn run_tool(command: &mut Command) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_file_is_named_by_its_bytes_and_any_change_renames_it() {
        let text = pack::encode(dataset(), &embedded(dataset()), &text_parts()).expect("encodes");
        let name = rows_file_name(text.as_bytes());
        let hash = name
            .strip_prefix("rare-earth-explorer-rows-")
            .and_then(|n| n.strip_suffix(".txt"))
            .expect("rare-earth-explorer-rows-<hash>.txt");
        assert!(
            hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{name}"
        );
        assert_eq!(
            rows_file_name(text.as_bytes()),
            name,
            "the same bytes, the same name"
        );
        // One byte changed anywhere (a figure, a text, the format's own fields) is another file.
        let mut bytes = text.into_bytes();
        for at in [0, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
            bytes[at] ^= 1;
            assert_ne!(rows_file_name(&bytes), name, "byte {at} changed");
            bytes[at] ^= 1;
        }
        bytes.push(b'x');
        assert_ne!(rows_file_name(&bytes), name, "a byte more");
    }

    #[test]
    fn integrity_is_sri_sha384() {
        // The SHA-384 of "abc" (FIPS 180-2), in base64.
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
