//! The story for readers without JavaScript, written into `index.html`: each view's summary, its
//! chart as a static image and the publications behind the article's figures; and the link
//! preview's title, description and image (the first view's card, `static_images`). Built from the
//! registry, the same figures and the same drawing code as the live page, so it cannot disagree
//! with it.

use std::{fs, path::Path};

use rare_earth_explorer::data::{dataset, model::source_ids, Source};
use rare_earth_explorer::figure::html::sources_html;
use rare_earth_explorer::html::escape;
use rare_earth_explorer::i18n::{Lang, EN};
use rare_earth_explorer::views::View;

use crate::static_images::{card_path, default_figure, static_chart, CARD, WIDTH};

/// Where `index.html` takes the story.
const MARKER: &str =
    "<!-- static-story: replaced at build time by src/bin/postbuild (the story without JavaScript) -->";

/// Writes the views' images into `dir` and the story and the link preview's tags into `html`.
pub fn write(dir: &Path, mut html: String) -> Result<String, String> {
    let d = dataset();
    let mut story = String::new();
    for (i, view) in View::ALL.into_iter().enumerate() {
        let figure = default_figure(view, Lang::En);
        let (svg, height) = static_chart(&figure, view, Lang::En);
        let file = format!("preview-{}.svg", view.slug());
        fs::write(dir.join(&file), &svg).map_err(|e| format!("{file}: {e}"))?;
        story.push_str(&format!(
            "<section><h2>{}</h2><p>{}</p><img src=\"{file}\" width=\"{WIDTH}\" height=\"{height}\" alt=\"{}\"></section>\n",
            view.name(&EN),
            escape(&figure.summary),
            escape(&figure.alt),
        ));
        if i == 0 {
            let (width, height) = CARD;
            html = html.replace(
                "</head>",
                &format!(
                    "  <meta property=\"og:title\" content=\"{}\">\n  <meta property=\"og:description\" content=\"{}\">\n  \
<meta property=\"og:image\" content=\"{}\">\n  <meta property=\"og:image:width\" content=\"{width}\">\n  \
<meta property=\"og:image:height\" content=\"{height}\">\n  <meta property=\"og:image:alt\" content=\"{}\">\n  \
<meta name=\"twitter:card\" content=\"summary_large_image\">\n</head>",
                    escape(EN.title),
                    escape(&figure.summary),
                    card_path(view, Lang::En),
                    // What the card shows in words: its title and headline (the chart says the same).
                    escape(&format!("{}. {}", EN.head(EN.title, view.name(&EN)), figure.summary)),
                ),
            );
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
    Ok(html.replace(MARKER, &noscript))
}
