//! The images rendered at build time: SVG drawn by the same code as the page, rasterised to PNG.

use resvg::usvg::Options;

/// Turns SVG into PNG with the fonts the page would use: set up once, since finding the system's
/// fonts takes longer than drawing an image.
pub struct Rasteriser {
    options: Options<'static>,
    has_cjk_font: bool,
}

impl Rasteriser {
    pub fn new() -> Result<Rasteriser, String> {
        let mut options = Options::default();
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
            None => return Err(
                "no sans-serif font installed for the images (apt-get install fonts-dejavu-core)"
                    .into(),
            ),
        }
        let has_cjk_font = fonts.faces().any(|f| {
            f.families
                .iter()
                .any(|(family, _)| family.contains("CJK") || family.contains("Han"))
        });
        Ok(Rasteriser {
            options,
            has_cjk_font,
        })
    }

    /// `svg` as a PNG `scale` times its size (2 for sharpness on high-density screens).
    pub fn png(&self, svg: &str, scale: f32) -> Result<Vec<u8>, String> {
        self.pixels(svg, scale)?
            .encode_png()
            .map_err(|e| format!("image png: {e}"))
    }

    fn pixels(&self, svg: &str, scale: f32) -> Result<resvg::tiny_skia::Pixmap, String> {
        // resvg falls back, glyph by glyph, to any installed font that has it: Chinese text needs one.
        let has_cjk = svg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if has_cjk && !self.has_cjk_font {
            return Err(
                "no CJK font installed: the images would show boxes for Chinese text (apt-get install fonts-noto-cjk)"
                    .into(),
            );
        }
        let tree = resvg::usvg::Tree::from_str(svg, &self.options)
            .map_err(|e| format!("image svg: {e}"))?;
        let size = tree
            .size()
            .to_int_size()
            .scale_by(scale)
            .ok_or("image too large")?;
        let mut pixmap =
            resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty image")?;
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        Ok(pixmap)
    }
}

#[cfg(test)]
mod tests {
    use super::Rasteriser;

    /// A character as the rasteriser draws it, black on nothing, in the page's sans-serif.
    fn drawn(raster: &Rasteriser, character: &str, weight: &str) -> Vec<u8> {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\">\
<text x=\"4\" y=\"32\" font-size=\"32\" font-family=\"sans-serif\" font-weight=\"{weight}\">{character}</text></svg>"
        );
        raster.pixels(&svg, 1.0).expect("a 40 px image").take()
    }

    #[test]
    fn chinese_characters_are_drawn_as_themselves_not_as_boxes() {
        let raster = Rasteriser::new().expect("the fonts scripts/setup.sh installs");
        // A missing glyph is drawn as the same box whatever the character: two different
        // characters drawn alike mean no font had them.
        for weight in ["normal", "bold"] {
            let (rare, earth) = (drawn(&raster, "稀", weight), drawn(&raster, "土", weight));
            assert!(
                rare.iter().any(|&p| p != 0),
                "稀 ({weight}) draws something"
            );
            assert_ne!(rare, earth, "稀 and 土 ({weight}) are drawn alike: boxes");
        }
    }
}
