//! The story for readers without JavaScript, written into `index.html`: each view's summary, its
//! chart as a static image and the publications behind the article's figures; and the link
//! preview's title, description and image. Built from the registry, the same figures and the
//! same drawing code as the live page, so it cannot disagree with it.

use std::{fs, path::Path};

use rare_earth_explorer::charts::LIGHT;
use rare_earth_explorer::data::{dataset, model::source_ids, Source};
use rare_earth_explorer::figure::html::sources_html;
use rare_earth_explorer::figure::Figure;
use rare_earth_explorer::html::escape;
use rare_earth_explorer::i18n::{Lang, EN};
use rare_earth_explorer::newsroom::texts::{export_svg, source_line, Caption};
use rare_earth_explorer::url::Query;
use rare_earth_explorer::views::View;

/// The width the static images are drawn at.
pub const WIDTH: u32 = 640;

/// Where `index.html` takes the story.
const MARKER: &str =
    "<!-- static-story: replaced at build time by src/bin/postbuild (the story without JavaScript) -->";

/// Writes the views' images into `dir` and the story into `html`; returns the page and the first
/// view's image (for the link preview).
pub fn write(dir: &Path, mut html: String) -> Result<(String, String), String> {
    let d = dataset();
    let mut story = String::new();
    let mut preview = None;
    for view in View::ALL {
        let q = Query::parse(&format!("?view={}", view.slug()));
        let (_, figure) = view.figures(d, &q, Lang::En, &EN).remove(0);
        let (svg, height) = static_chart(&figure, view);
        let file = format!("preview-{}.svg", view.slug());
        fs::write(dir.join(&file), &svg).map_err(|e| format!("{file}: {e}"))?;
        story.push_str(&format!(
            "<section><h2>{}</h2><p>{}</p><img src=\"{file}\" width=\"{WIDTH}\" height=\"{height}\" alt=\"{}\"></section>\n",
            view.name(&EN),
            escape(&figure.summary),
            escape(&figure.alt),
        ));
        if preview.is_none() {
            html = html.replace(
                "</head>",
                &format!(
                    "  <meta property=\"og:title\" content=\"{}\">\n  <meta property=\"og:description\" content=\"{}\">\n  \
<meta property=\"og:image\" content=\"preview.png\">\n  <meta name=\"twitter:card\" content=\"summary_large_image\">\n</head>",
                    escape(EN.title),
                    escape(&figure.summary)
                ),
            );
            preview = Some(svg);
        }
    }
    // The publications behind the article's figures (the claims), not every view's full list: this
    // page is downloaded by every reader, with or without JavaScript.
    let mut cited: Vec<&'static Source> = Vec::new();
    for id in d.claims.iter().flat_map(|c| source_ids(c.sources)) {
        if let Some(s) = d.source(id).filter(|s| !cited.iter().any(|o| o.id == s.id)) {
            cited.push(s);
        }
    }
    let sources = sources_html(d, &cited, Lang::En, &EN);
    let noscript = format!(
        "<noscript><div class=\"static-story\"><h1>{}</h1><p>{}</p>\n{story}<h2>{}</h2><ol>{sources}</ol></div></noscript>",
        escape(EN.title),
        escape(EN.dek),
        escape(EN.sources)
    );
    if !html.contains(MARKER) {
        return Err("index.html lost its static-story marker".into());
    }
    let html = html.replace(MARKER, &noscript);
    Ok((html, preview.unwrap_or_default()))
}

/// A view's default chart with its title and source line, light theme: (SVG, height).
fn static_chart(figure: &Figure, view: View) -> (String, u32) {
    let drawn = figure.draw(WIDTH, &LIGHT, None, Lang::En);
    let source = source_line(figure, &EN);
    let title = format!("{}: {}", EN.title, view.name(&EN));
    let caption = Caption {
        title: &title,
        summary: &figure.summary,
        source: &source,
        url: "",
    };
    export_svg(&drawn.svg, WIDTH, drawn.height, &caption, false)
}
