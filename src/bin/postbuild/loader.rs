//! The loader `embed.js` with the heights table written in (docs/embedding.md, "Heights"): the
//! `<rare-earth-explorer>` element reserves its height from it before its frame exists, so the
//! host's page does not jump when the widget arrives. Written twice: as `embed.js`, which the
//! snippets of published articles load (cached for an hour), and as `embed-<hash>.js`, named by its
//! content, which a snippet loads with an `integrity` hash (docs/embedding.md, "Security contract").

use std::path::{Path, PathBuf};
use std::{env, fs};

use rare_earth_explorer::views::View;

use crate::static_images::LANGS;

/// Where `public/embed.js` takes the table: `var HEIGHTS = /*HEIGHTS*/{}/*END*/;`.
const OPEN: &str = "/*HEIGHTS*/";
const CLOSE: &str = "/*END*/";

/// The versioned loader: its file name and its Subresource Integrity hash.
pub struct Loader {
    pub name: String,
    pub integrity: String,
}

/// Rewrites the staged `embed.js` (Trunk's copy of `public/embed.js`) with the table of
/// `public/embed-heights.json`, and writes the same bytes as `embed-<hash>.js`.
pub fn write(dir: &Path) -> Result<Loader, String> {
    let loader_path = dir.join("embed.js");
    let loader = fs::read_to_string(&loader_path).map_err(|e| {
        format!(
            "{}: {e} (index.html copies public/embed.js into the build)",
            loader_path.display()
        )
    })?;
    let table_path = source_dir().join("public").join("embed-heights.json");
    let json =
        fs::read_to_string(&table_path).map_err(|e| format!("{}: {e}", table_path.display()))?;
    let table = parse_table(&json).map_err(|e| format!("{}: {e}", table_path.display()))?;
    // A view measured later is no reason to stop the build: the element then reserves a default
    // height until e2e/heights.mjs has measured it.
    let missing: Vec<String> = View::ALL
        .iter()
        .flat_map(|v| LANGS.map(|lang| format!("{}-{}", v.slug(), lang.code())))
        .filter(|key| !table.iter().any(|(k, _)| k == key))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "postbuild: note: {} has no heights for {} (run node e2e/heights.mjs)",
            table_path.display(),
            missing.join(", ")
        );
    }
    let filled = fill(&loader, &table_json(&table))
        .map_err(|e| format!("{}: {e}", loader_path.display()))?;
    fs::write(&loader_path, &filled).map_err(|e| format!("{}: {e}", loader_path.display()))?;
    let loader = Loader {
        name: format!("embed-{}.js", crate::split::content_hash(filled.as_bytes())),
        integrity: crate::split::integrity(filled.as_bytes()),
    };
    fs::write(dir.join(&loader.name), &filled).map_err(|e| format!("{}: {e}", loader.name))?;
    Ok(loader)
}

/// The project's folder: Trunk says where it is; `cargo run` by hand builds in it.
fn source_dir() -> PathBuf {
    env::var_os("TRUNK_SOURCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// A row of the table: `(column width, widget height)` pairs, in CSS px.
type Row = Vec<(u32, u32)>;

/// `loader` with `table` between its markers, whatever was there before.
fn fill(loader: &str, table: &str) -> Result<String, String> {
    let missing = || format!("no {OPEN}…{CLOSE} placeholder for the heights table");
    let start = loader.find(OPEN).ok_or_else(missing)? + OPEN.len();
    let end = loader[start..].find(CLOSE).ok_or_else(missing)? + start;
    if loader[end..].contains(OPEN) {
        return Err(format!(
            "{OPEN} appears twice: which one takes the heights table?"
        ));
    }
    Ok(format!("{}{table}{}", &loader[..start], &loader[end..]))
}

/// The table as compact JSON, in the file's order.
fn table_json(table: &[(String, Row)]) -> String {
    let rows: Vec<String> = table
        .iter()
        .map(|(key, row)| {
            let pairs: Vec<String> = row.iter().map(|(w, h)| format!("[{w},{h}]")).collect();
            format!("\"{key}\":[{}]", pairs.join(","))
        })
        .collect();
    format!("{{{}}}", rows.join(","))
}

/// Reads `{"<view>-<lang>": [[width, height], ...], ...}`, refusing anything the loader could
/// not use: keys other than letters, digits and dashes (they are written back into a script
/// unescaped), numbers that are not whole, empty rows, widths out of order (the loader takes the
/// last width not wider than the frame) and heights of zero.
fn parse_table(json: &str) -> Result<Vec<(String, Row)>, String> {
    let mut r = Reader { text: json, at: 0 };
    let mut table: Vec<(String, Row)> = Vec::new();
    r.expect('{')?;
    if !r.eat('}') {
        loop {
            let key = r.key()?;
            if table.iter().any(|(k, _)| *k == key) {
                return Err(r.error(&format!("\"{key}\" appears twice")));
            }
            r.expect(':')?;
            let row = r.row(&key)?;
            table.push((key, row));
            if r.eat('}') {
                break;
            }
            r.expect(',')?;
        }
    }
    r.skip_space();
    if r.at < json.len() {
        return Err(r.error("text after the table"));
    }
    Ok(table)
}

/// A cursor over the JSON text, for error messages that say where.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> String {
        let line = self.text[..self.at].matches('\n').count() + 1;
        format!("malformed heights table, line {line}: {what}")
    }

    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
    }

    /// Consumes `c` (after any space) if it comes next.
    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        let found = self.text[self.at..].starts_with(c);
        if found {
            self.at += c.len_utf8();
        }
        found
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            return Ok(());
        }
        let found = self.text[self.at..]
            .chars()
            .next()
            .map_or("the end".to_string(), |f| format!("'{f}'"));
        Err(self.error(&format!("expected '{c}', found {found}")))
    }

    fn key(&mut self) -> Result<String, String> {
        self.expect('"')?;
        let rest = &self.text[self.at..];
        let len = rest.find('"').ok_or_else(|| self.error("unclosed key"))?;
        let key = &rest[..len];
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(self.error(&format!("key \"{key}\" is not of the form <view>-<lang>")));
        }
        self.at += len + 1;
        Ok(key.to_string())
    }

    fn number(&mut self) -> Result<u32, String> {
        self.skip_space();
        let rest = &self.text[self.at..];
        let len = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let n = rest[..len]
            .parse()
            .map_err(|_| self.error("expected a whole number of px"))?;
        self.at += len;
        Ok(n)
    }

    fn row(&mut self, key: &str) -> Result<Row, String> {
        let mut row: Row = Vec::new();
        self.expect('[')?;
        loop {
            self.expect('[')?;
            let width = self.number()?;
            self.expect(',')?;
            let height = self.number()?;
            self.expect(']')?;
            if height == 0 {
                return Err(self.error(&format!("{key}: a height of 0 px at {width} px")));
            }
            if row.last().is_some_and(|&(w, _)| w >= width) {
                return Err(self.error(&format!(
                    "{key}: widths must go up ({width} px comes after a wider one)"
                )));
            }
            row.push((width, height));
            if self.eat(']') {
                return Ok(row);
            }
            self.expect(',')?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = "(() => {\n  var HEIGHTS = /*HEIGHTS*/{}/*END*/;\n  go(HEIGHTS);\n})();\n";

    #[test]
    fn the_table_goes_between_the_markers_and_nothing_else_changes() {
        let json =
            "{\n  \"quotas-en\": [[320,1303],[480,1113]],\n  \"quotas-zh\": [[320,1180]]\n}\n";
        let table = parse_table(json).unwrap();
        let filled = fill(LOADER, &table_json(&table)).unwrap();
        assert_eq!(
            filled,
            "(() => {\n  var HEIGHTS = /*HEIGHTS*/{\"quotas-en\":[[320,1303],[480,1113]],\"quotas-zh\":[[320,1180]]}/*END*/;\n  go(HEIGHTS);\n})();\n"
        );
        // A loader already filled (a rebuild from a staged copy) is filled again, not twice.
        assert_eq!(fill(&filled, "{}").unwrap(), LOADER);
    }

    #[test]
    fn a_loader_without_its_placeholder_fails_the_build() {
        for loader in [
            "var HEIGHTS = {};",
            "var HEIGHTS = /*HEIGHTS*/{};",
            "var A = /*HEIGHTS*/{}/*END*/, B = /*HEIGHTS*/{}/*END*/;",
        ] {
            assert!(fill(loader, "{}").is_err(), "{loader}");
        }
    }

    #[test]
    fn an_empty_table_is_a_table() {
        assert_eq!(parse_table(" {\n} \n").unwrap(), vec![]);
    }

    #[test]
    fn a_malformed_table_fails_with_its_line() {
        for (json, says) in [
            ("{\"quotas-en\": [[320,1303],]}", "line 1: expected '['"),
            ("{\n\"quotas-en\": [[320, 13.5]]}", "line 2: expected ']'"),
            ("{\"quotas-en\": [[320,1303]]", "expected ','"),
            ("{\"quotas-en\": []}", "expected '['"),
            (
                "{\"a\": [[320,1]], \"a\": [[320,1]]}",
                "\"a\" appears twice",
            ),
            ("{\"quo</script>\": [[320,1]]}", "not of the form"),
            ("{\"quotas-en\": [[480,1],[320,2]]}", "widths must go up"),
            ("{\"quotas-en\": [[320,0]]}", "a height of 0 px"),
            ("{\"quotas-en\": [[-320,1]]}", "whole number"),
            ("{} {}", "text after the table"),
            ("", "expected '{', found the end"),
        ] {
            let error = parse_table(json).unwrap_err();
            assert!(error.contains(says), "{json}: {error}");
        }
    }
}
