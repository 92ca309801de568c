//! The images rendered at build time: SVG drawn by the same code as the page, rasterised to PNG.

/// The preview image social networks show for a shared link: the SVG at twice its size.
pub fn rasterise(svg: &str) -> Result<Vec<u8>, String> {
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
