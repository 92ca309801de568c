//! Finishes Trunk's build (a `post_build` hook, see Trunk.toml) in the staged `dist/`:
//!
//! 1. moves Trunk's inline start-up script into a file, so the page runs under a Content Security
//!    Policy without `'unsafe-inline'`;
//! 2. writes the story for readers without JavaScript into `index.html`: the four views' summary
//!    sentences (the article's figures), their charts as static SVG images, and the sources;
//! 3. renders the social-media preview (`preview.png`, for `og:image`).
//!
//! The text and the charts come from the same dataset and the same drawing code as the live page,
//! so the static version cannot disagree with it.

use std::hash::{Hash, Hasher};
use std::{env, fs, path::PathBuf, process::ExitCode};

use rare_earth_explorer::charts::LIGHT;
use rare_earth_explorer::data::{dataset, Source};
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

fn run(dir: &std::path::Path) -> Result<(), String> {
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
    let sources: String = all_sources
        .iter()
        .map(|s| {
            format!(
                "<li><a href=\"{}\">{}</a>, {}, {}</li>",
                escape(s.url),
                escape(s.title),
                escape(s.publisher),
                escape(s.date)
            )
        })
        .collect();
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
    let svg = export_svg(&drawn.svg, WIDTH, drawn.height, &caption, false);
    (svg, drawn.height + 100)
}

/// The release wasm turns a Rust panic into a bare trap (no hook runs, see scripts/env.sh), which
/// reaches JavaScript as a `WebAssembly.RuntimeError`: in start-up or in any later event. Either way
/// the reader gets the page's short "stopped working" line instead of a silently frozen widget.
const STOPPED_GUARD: &str = "const stopped = (e) => { if ((e.error || e.reason) instanceof WebAssembly.RuntimeError) document.getElementById('panic-message')?.removeAttribute('hidden'); };\naddEventListener('error', stopped);\naddEventListener('unhandledrejection', stopped);";

/// Trunk writes its start-up code as an inline module script; a strict CSP forbids that, so it goes
/// into a file named by its content.
fn externalise_start_script(dir: &std::path::Path, html: &str) -> Result<String, String> {
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
    let installed = ["DejaVu Sans", "Liberation Sans", "Noto Sans"]
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
