//! The dataset (embedded at build time) and the figures derived from it. No DOM here and no view:
//! everything is testable natively, and the same code runs in build.rs.

pub mod derived;
pub mod model;
pub mod pack;
/// Reading and checking `data/*.csv`: build.rs, the native tests and the editor's check
/// (src/bin/check_data.rs) share it; never in the wasm.
#[cfg(any(test, feature = "check-data"))]
pub mod parse;
#[cfg(test)]
mod tests;

pub use model::*;

// A split build embeds no row of some vocabularies (quotas, exports), so some imports go unused.
#[allow(unused_imports)]
mod generated {
    use super::model::*;
    include!(concat!(env!("OUT_DIR"), "/dataset.rs"));
}

/// The dataset as `build.rs` embedded it: whole, except in a split build (the release wasm),
/// where it is the part the first view reads (views/reserves/rows.rs); the rest comes on demand
/// (components/on_demand.rs).
pub fn dataset() -> &'static Dataset {
    &generated::DATASET
}

/// The `<meta name>` under which each page gives the name of the file with the rows the embedded
/// part lacks (`pack.rs`), written beside the wasm by the post-build step and named by the hash of
/// its bytes, so it can be cached for good. The wasm is compiled before that file exists: it reads
/// the name from the page (no-cache, always this build's), so it cannot go stale.
pub const ROWS_META: &str = "rare-earth-explorer-rows";
/// The selector of that `<meta>` (a constant: no formatting code in the first download).
pub const ROWS_META_SELECTOR: &str = "meta[name=rare-earth-explorer-rows]";

/// The data's version: a short hash of `data/*.csv` (build.rs). Citations name it, and the build
/// keeps a frozen copy of the widget per version under `v/<version>/` for embeds that pin one.
pub const DATA_VERSION: &str = env!("DATA_VERSION");

/// The newest date among the publications the data cites ("2026-02"): what the data is as of.
pub const DATA_AS_OF: &str = env!("DATA_AS_OF");

/// How many published figures the latest corrections changed (`derived::latest_corrections`),
/// counted by build.rs: the footer's "What changed (6)" is in every page, and the first download
/// has no corrections rows.
pub const DATA_CORRECTIONS: &str = env!("DATA_CORRECTIONS");

/// The file at the top of the site that says which data is current (written by the post-build
/// step, src/bin/postbuild/versions.rs): a frozen copy under `v/<version>/` reads it at `../../`
/// and, when it is not that version, says that newer data exists (docs/embedding.md, "Versions").
pub const CURRENT_FILE: &str = "data-version.json";

/// What `CURRENT_FILE` says: the current data's version, its date and how many published figures
/// its latest corrections changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentData {
    pub version: String,
    /// `YYYY-MM` or `YYYY-MM-DD`, as `DATA_AS_OF`.
    pub as_of: String,
    pub corrections: u32,
}

impl CurrentData {
    /// The file's fields as read, if they have the file's shape: eight lowercase hex digits, a
    /// date of the data's form, a count. Anything else (another file, markup where a date should
    /// be, a count that is not a whole number) is not the file, and says nothing.
    pub fn checked(
        version: Option<String>,
        as_of: Option<String>,
        corrections: Option<f64>,
    ) -> Option<CurrentData> {
        let (version, as_of, corrections) = (version?, as_of?, corrections?);
        let hex = version.len() == 8
            && version
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        let number = |part: &str, range: std::ops::RangeInclusive<u16>| {
            part.len() >= 2
                && part.bytes().all(|b| b.is_ascii_digit())
                && part.parse().is_ok_and(|n| range.contains(&n))
        };
        let parts: Vec<&str> = as_of.split('-').collect();
        let date = match parts[..] {
            [y, m] => y.len() == 4 && number(y, 1900..=2999) && number(m, 1..=12),
            [y, m, d] => {
                y.len() == 4 && number(y, 1900..=2999) && number(m, 1..=12) && number(d, 1..=31)
            }
            _ => false,
        } && parts.iter().skip(1).all(|p| p.len() == 2);
        let count = corrections.fract() == 0.0 && (0.0..=10_000.0).contains(&corrections);
        (hex && date && count).then_some(CurrentData {
            version,
            as_of,
            corrections: corrections as u32,
        })
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"version\":\"{}\",\"as_of\":\"{}\",\"corrections\":{}}}\n",
            self.version, self.as_of, self.corrections
        )
    }
}

#[cfg(test)]
mod current_tests {
    use super::*;

    fn read(version: &str, as_of: &str, corrections: f64) -> Option<CurrentData> {
        CurrentData::checked(Some(version.into()), Some(as_of.into()), Some(corrections))
    }

    #[test]
    fn the_current_data_file_is_read_only_in_its_own_shape() {
        let ok = read("0badcafe", "2027-01", 2.0).expect("the file's shape");
        assert_eq!((ok.as_of.as_str(), ok.corrections), ("2027-01", 2));
        assert!(read("0badcafe", "2027-01-31", 0.0).is_some());
        for (version, as_of, count) in [
            ("0BADCAFE", "2027-01", 1.0),
            ("0badcaf", "2027-01", 1.0),
            ("0badcafe1", "2027-01", 1.0),
            ("0badcafe", "<img src=x onerror=alert(1)>", 1.0),
            ("0badcafe", "2027-13", 1.0),
            ("0badcafe", "2027-1", 1.0),
            ("0badcafe", "2027", 1.0),
            ("0badcafe", "2027-01-32", 1.0),
            ("0badcafe", "+027-01", 1.0),
            ("0badcafe", "2027-01", 1.5),
            ("0badcafe", "2027-01", -1.0),
            ("0badcafe", "2027-01", f64::NAN),
            ("0badcafe", "2027-01", 1e9),
        ] {
            assert_eq!(
                read(version, as_of, count),
                None,
                "{version} {as_of} {count}"
            );
        }
        assert_eq!(
            CurrentData::checked(None, Some("2027-01".into()), Some(1.0)),
            None
        );
    }

    #[test]
    fn the_file_written_is_the_file_read() {
        let current = CurrentData {
            version: DATA_VERSION.into(),
            as_of: DATA_AS_OF.into(),
            corrections: DATA_CORRECTIONS.parse().expect("a count"),
        };
        let json = current.to_json();
        let field = |key: &str| {
            json.split(&format!("\"{key}\":"))
                .nth(1)
                .and_then(|rest| rest.split([',', '}']).next())
                .map(|v| v.trim_matches('"').to_string())
        };
        let again = CurrentData::checked(
            field("version"),
            field("as_of"),
            field("corrections").and_then(|c| c.parse().ok()),
        );
        assert_eq!(again, Some(current));
        assert_eq!(
            DATA_CORRECTIONS,
            derived::latest_corrections(dataset()).len().to_string(),
            "build.rs counts what the rows say"
        );
    }
}
