//! The story for readers without JavaScript, written into `index.html`: each view's summary, its
//! chart as a static image (`static/<view>-en.svg`, written by `static_images`) and the
//! publications behind the article's figures. Built from the registry, the same figures and the
//! same drawing code as the live page, so it cannot disagree with it.

use rare_earth_explorer::data::{dataset, model::source_ids, Source};
use rare_earth_explorer::figure::html::sources_html;
use rare_earth_explorer::html::escape;
use rare_earth_explorer::i18n::{Lang, EN};
use rare_earth_explorer::views::View;

use crate::static_images::{default_figure, static_chart, FOLDER, WIDTH};

/// Where `index.html` takes the story.
const MARKER: &str =
    "<!-- static-story: replaced at build time by src/bin/postbuild (the story without JavaScript) -->";

/// `html` with the story in place of its marker.
pub fn write(html: String) -> Result<String, String> {
    let d = dataset();
    let mut story = String::new();
    for view in View::ALL {
        let figure = default_figure(view, Lang::En);
        // Only its height: the image itself is the static one, drawn from the same figure.
        let (_, height) = static_chart(&figure, view, Lang::En);
        story.push_str(&format!(
            "<section><h2>{}</h2><p>{}</p><img src=\"{FOLDER}/{}-en.svg\" width=\"{WIDTH}\" height=\"{height}\" alt=\"{}\"></section>\n",
            view.name(&EN),
            escape(&figure.summary),
            view.slug(),
            escape(&figure.alt),
        ));
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
