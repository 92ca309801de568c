//! The frozen copy of the widget for this version of the data, `v/<version>/` (docs/embedding.md,
//! "Versions"): a snippet that pins it keeps showing the figures its article was written with after
//! the data moves on, and says so when the top of the site names newer data (`CURRENT_FILE`). Every path the widget loads is relative to its page (Trunk's
//! `public_url = "./"`, the start script's and the split loader's `./` imports, the rows file
//! fetched by bare name), so a copy one folder down loads only from that folder.

use std::fs;
use std::path::Path;

use rare_earth_explorer::data::derived::latest_corrections;
use rare_earth_explorer::data::{dataset, CurrentData, CURRENT_FILE, DATA_AS_OF, DATA_VERSION};

/// The folder the versions live in, at the top of the build.
pub const VERSIONS: &str = "v";

/// Copies every file of `dir` (except earlier copies under `v/`) to `v/<DATA_VERSION>/`. Run last:
/// the copy is whatever the build wrote. Only this version's folder is written; a deploy keeps the
/// earlier ones by uploading without deleting.
pub fn write(dir: &Path) -> Result<(), String> {
    let target = dir.join(VERSIONS).join(DATA_VERSION);
    if target.exists() {
        fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    copy_folder(dir, &target, true)
}

/// Writes `CURRENT_FILE` at the top of the build, after the frozen copy (it is the site's, not a
/// version's): which data is current, as of when, and how many published figures its latest
/// corrections changed. A frozen copy reads it at `../../` and says when newer data exists; a
/// deploy replaces it with each new build.
pub fn write_current(dir: &Path) -> Result<(), String> {
    let current = CurrentData {
        version: DATA_VERSION.to_string(),
        as_of: DATA_AS_OF.to_string(),
        corrections: latest_corrections(dataset()).len() as u32,
    };
    fs::write(dir.join(CURRENT_FILE), current.to_json()).map_err(|e| format!("{CURRENT_FILE}: {e}"))
}

fn copy_folder(from: &Path, to: &Path, top: bool) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let path = entry.path();
        if top && entry.file_name() == VERSIONS {
            continue;
        }
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let copy = to.join(entry.file_name());
        if kind.is_dir() {
            copy_folder(&path, &copy, false)?;
        } else {
            fs::copy(&path, &copy).map_err(|e| format!("{}: {e}", copy.display()))?;
        }
    }
    Ok(())
}
