//! The frozen copy of the widget for this version of the data, `v/<version>/` (docs/embedding.md,
//! "Versions"): a snippet that pins it keeps showing the figures its article was written with after
//! the data moves on. Every path the widget loads is relative to its page (Trunk's
//! `public_url = "./"`, the start script's and the split loader's `./` imports, the rows file
//! fetched by bare name), so a copy one folder down loads only from that folder.

use std::fs;
use std::path::Path;

use rare_earth_explorer::data::DATA_VERSION;

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
