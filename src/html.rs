//! Text made safe for HTML, and the one-element builder the read-only blocks are written with
//! (`figure::html`, the claims, the controls' options, the embed snippet, exported SVGs).

/// Text made safe for HTML (and XML) content and for quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// ` class="…"`, or nothing for no class.
pub fn class_attr(class: &str) -> String {
    if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    }
}

/// `<tag class="class">text</tag>`, the text escaped.
pub fn element(tag: &str, class: &str, text: &str) -> String {
    format!("<{tag}{}>{}</{tag}>", class_attr(class), escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(
            element("p", "note", "a < b"),
            "<p class=\"note\">a &lt; b</p>"
        );
        assert_eq!(element("li", "", "x"), "<li>x</li>");
    }
}
