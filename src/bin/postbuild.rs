//! Finishes Trunk's build (a `post_build` hook, see Trunk.toml) in the staged `dist/`:
//!
//! 1. moves Trunk's inline start-up script into a file, so the page runs under a Content Security
//!    Policy without `'unsafe-inline'`;
//! 2. writes the story for readers without JavaScript into `index.html`: the four views' summary
//!    sentences (the article's figures), their charts as static SVG images, and the sources;
//! 3. renders the social-media preview (`preview.png`, for `og:image`);
//! 4. splits the wasm: the code only the other views need moves into files fetched when a reader
//!    first opens one of them (see `split_wasm`), and the rows only they read into a text file
//!    (see `write_rows`).
//!
//! The text and the charts come from the same dataset and the same drawing code as the live page,
//! so the static version cannot disagree with it.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::process::Command;
use std::{env, fs, path::PathBuf, process::ExitCode};

use rare_earth_explorer::charts::LIGHT;
use rare_earth_explorer::data::{dataset, pack, Source, ROWS_FILE};
use rare_earth_explorer::html::escape;
use rare_earth_explorer::i18n::EN;
use rare_earth_explorer::newsroom::{export_svg, source_line, Caption};
use rare_earth_explorer::state::{Lang, UrlState, View};
use rare_earth_explorer::views::{self, Figure};

const WIDTH: u32 = 640;

fn main() -> ExitCode {
    let dir = match env::var_os("TRUNK_STAGING_DIR").or_else(|| env::args_os().nth(1)) {
        Some(dir) => PathBuf::from(dir),
        None => {
            eprintln!("usage: postbuild <dist dir> (or TRUNK_STAGING_DIR set by Trunk)");
            return ExitCode::FAILURE;
        }
    };
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("postbuild: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path) -> Result<(), String> {
    if split_wasm(dir)? {
        write_rows(dir)?;
    }
    let index_path = dir.join("index.html");
    let mut html =
        fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;

    html = externalise_start_script(dir, &html)?;

    let d = dataset();
    let mut story = String::new();
    let mut all_sources: Vec<&'static Source> = Vec::new();
    let mut preview = None;
    for view in View::ALL {
        let state = UrlState {
            view,
            tabs: true,
            ..UrlState::default()
        };
        let figure = match view {
            View::Reserves => views::reserves::figure(d, &state, Lang::En, &EN),
            View::Discoveries => views::discoveries::figure(d, &state, Lang::En, &EN),
            View::Quotas => views::quotas::figure(d, &state, Lang::En, &EN),
            View::Exports => views::exports::annual(d, &state, Lang::En, &EN),
        };
        let (svg, height) = static_chart(&figure, view);
        let file = format!("preview-{}.svg", view.slug());
        fs::write(dir.join(&file), &svg).map_err(|e| format!("{file}: {e}"))?;
        if view == View::Reserves {
            preview = Some(svg);
        }
        story.push_str(&format!(
            "<section><h2>{}</h2><p>{}</p><img src=\"{file}\" width=\"{WIDTH}\" height=\"{height}\" alt=\"{}\"></section>\n",
            EN.view_name(view),
            escape(&figure.summary),
            escape(&figure.alt),
        ));
        if view == View::Reserves {
            html = html.replace(
                "</head>",
                &format!(
                    "  <meta property=\"og:title\" content=\"{}\">\n  <meta property=\"og:description\" content=\"{}\">\n  \
<meta property=\"og:image\" content=\"preview.png\">\n  <meta name=\"twitter:card\" content=\"summary_large_image\">\n</head>",
                    escape(EN.title),
                    escape(&figure.summary)
                ),
            );
        }
    }
    // The publications behind the article's figures (the claims), not every view's full list: this
    // page is downloaded by every reader, with or without JavaScript.
    for claim in d.claims {
        for id in rare_earth_explorer::data::model::source_ids(claim.sources) {
            if let Some(s) = d
                .source(id)
                .filter(|s| !all_sources.iter().any(|o| o.id == s.id))
            {
                all_sources.push(s);
            }
        }
    }
    let sources = rare_earth_explorer::html::sources_html(d, &all_sources, Lang::En, &EN);
    let noscript = format!(
        "<noscript><div class=\"static-story\"><h1>{}</h1><p>{}</p>\n{story}<h2>{}</h2><ol>{sources}</ol></div></noscript>",
        escape(EN.title),
        escape(EN.dek),
        escape(EN.sources)
    );
    let marker = "<!-- static-story: replaced at build time by scripts/postbuild (the story without JavaScript) -->";
    if !html.contains(marker) {
        return Err("index.html lost its static-story marker".into());
    }
    html = html.replace(marker, &noscript);

    if let Some(svg) = preview {
        fs::write(dir.join("preview.png"), rasterise(&svg)?)
            .map_err(|e| format!("preview.png: {e}"))?;
    }
    fs::write(&index_path, html).map_err(|e| format!("{}: {e}", index_path.display()))
}

/// The view's default chart with its title and source line, light theme.
fn static_chart(figure: &Figure, view: View) -> (String, u32) {
    let drawn = figure.draw(WIDTH, &LIGHT, None, Lang::En);
    let source = source_line(figure, &EN);
    let title = format!("{}: {}", EN.title, EN.view_name(view));
    let caption = Caption {
        title: &title,
        summary: &figure.summary,
        source: &source,
        url: "",
    };
    export_svg(&drawn.svg, WIDTH, drawn.height, &caption, false)
}

/// The release wasm turns a Rust panic into a bare trap (no hook runs, see scripts/env.sh), which
/// reaches JavaScript as a `WebAssembly.RuntimeError`: in start-up or in any later event. Either way
/// the reader gets the page's short "stopped working" line instead of a silently frozen widget.
const STOPPED_GUARD: &str = "const stopped = (e) => { if ((e.error || e.reason) instanceof WebAssembly.RuntimeError) document.getElementById('panic-message')?.removeAttribute('hidden'); };\naddEventListener('error', stopped);\naddEventListener('unhandledrejection', stopped);";

/// Trunk writes its start-up code as an inline module script; a strict CSP forbids that, so it goes
/// into a file named by its content.
fn externalise_start_script(dir: &Path, html: &str) -> Result<String, String> {
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

/// The preview image social networks show for a shared link: the SVG at twice its size.
fn rasterise(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    // fontdb's generic sans-serif is Arial, which Debian lacks: point it at a font that is there.
    // Noto Sans CJK first: it sets Latin and Chinese alike, so a line that mixes them (a Chinese
    // publisher in the source line) does not switch to a fallback serif halfway through.
    let installed = [
        "Noto Sans CJK SC",
        "DejaVu Sans",
        "Liberation Sans",
        "Noto Sans",
    ]
    .into_iter()
    .find(|name| {
        fonts
            .faces()
            .any(|f| f.families.iter().any(|(family, _)| family == name))
    });
    match installed {
        Some(name) => fonts.set_sans_serif_family(name),
        None => {
            return Err(
                "no sans-serif font installed for the preview (apt-get install fonts-dejavu-core)"
                    .into(),
            )
        }
    }
    // resvg falls back, glyph by glyph, to any installed font that has it: Chinese text needs one.
    let has_cjk = svg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let cjk_font = fonts.faces().any(|f| {
        f.families
            .iter()
            .any(|(family, _)| family.contains("CJK") || family.contains("Han"))
    });
    if has_cjk && !cjk_font {
        return Err(
            "no CJK font installed: the preview would show boxes for Chinese text (apt-get install fonts-noto-cjk)"
                .into(),
        );
    }
    let tree =
        resvg::usvg::Tree::from_str(svg, &options).map_err(|e| format!("preview svg: {e}"))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(2.0)
        .ok_or("preview too large")?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty preview")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(2.0, 2.0),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| format!("preview png: {e}"))
}

/// Moves the code behind the `#[wasm_split]` functions (the Discoveries, Quotas and Exports views,
/// see `app::later`) out of the first download, into wasm files the page fetches when a reader
/// first opens one of those views. Trunk 0.21 has no hook between cargo and wasm-bindgen, where
/// the split has to happen, so this hook redoes that part of Trunk's work: `wasm-split-cli`
/// splits cargo's output (linked with `--emit-relocs`, see scripts/env.sh), wasm-bindgen and
/// wasm-opt (with the options index.html gives Trunk) run on the result, and the staged JS and wasm
/// are replaced under the names Trunk gave them. The new files start with that hashed name, so
/// they change name whenever they change content, like every other asset.
fn split_wasm(dir: &Path) -> Result<bool, String> {
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
    let release = env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
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
    let opt_params = wasm_opt_params()?;
    let optimise = |from: &Path, to: &Path| -> Result<(), String> {
        if release {
            run_tool(
                Command::new("wasm-opt")
                    .arg("-Oz")
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
    optimise(
        &work.join("bg").join(format!("{stem}_bg.wasm")),
        &dir.join(format!("{stem}_bg.wasm")),
    )?;

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
    let glue_text = fs::read_to_string(work.join("bg").join(format!("{stem}.js")))
        .map_err(|e| format!("split glue: {e}"))?
        // Only the module specifier: the wasm still imports under the name "./__wasm_split.js".
        .replace(
            "from \"./__wasm_split.js\"",
            &format!("from \"./{loader_name}\""),
        );
    fs::write(&glue, &glue_text).map_err(|e| format!("{}: {e}", glue.display()))?;

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

/// The split wasm embeds only the rows the first view reads; the others go in this file, which
/// the other views fetch under the name the wasm was built with (src/data/pack.rs).
fn write_rows(dir: &Path) -> Result<(), String> {
    let text = pack::encode(dataset())?;
    fs::write(dir.join(ROWS_FILE), text).map_err(|e| format!("{ROWS_FILE}: {e}"))
}

/// Sets the `integrity` attribute of the tag that links `name` to the SHA-384 of `bytes`.
fn replace_integrity(html: &str, name: &str, bytes: &[u8]) -> Result<String, String> {
    use base64::Engine;
    use sha2::Digest;
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
    let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes));
    Ok(format!(
        "{}sha384-{digest}{}",
        &html[..attr],
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
