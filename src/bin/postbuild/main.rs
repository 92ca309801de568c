//! Finishes Trunk's build (a `post_build` hook, see Trunk.toml) in the staged `dist/`:
//!
//! 1. splits the wasm: the code of the parts loaded on demand moves into chunks, the rows only
//!    they read into a text file named by its content (`split`);
//! 2. writes the heights table into the loader `embed.js`, and the same loader as
//!    `embed-<hash>.js` for snippets with an integrity hash (`loader`);
//! 3. moves Trunk's inline start-up script into a file, so the page runs under a Content Security
//!    Policy without `'unsafe-inline'`, and fetches the JS glue and the wasm only when the app is
//!    wanted (`start_script`);
//! 4. writes the story for readers without JavaScript into `index.html` (`story`);
//! 5. puts the Content-Security-Policy and the names of the rows file and the versioned loader
//!    into the head, and writes `404.html` (`head`);
//! 6. writes a page per view and language with the build-time copy of that view and the link
//!    preview's tags naming its card, the first view's in English as `index.html` (`copies`);
//! 7. draws every view's default chart in both languages into `static/`, as SVG and PNG, and its
//!    link preview card (`static_images`, rasterised by `preview`);
//! 8. writes the list of what changed in this data as a page per language (`what_changed`);
//! 9. last, copies all of it into `v/<data version>/` for embeds that pin this data, and says at the
//!    top which data is current, for those copies to read (`versions`).
//!
//! A native program: it uses the library's own figures and drawing code.

mod copies;
mod head;
mod loader;
mod preview;
mod split;
mod start_script;
mod static_images;
mod story;
mod versions;
mod wasm_sections;
mod what_changed;

use std::path::Path;
use std::{env, fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let dir = match env::var_os("TRUNK_STAGING_DIR").or_else(|| env::args_os().nth(1)) {
        Some(dir) => PathBuf::from(dir),
        None => {
            eprintln!("usage: postbuild <dist dir> (or TRUNK_STAGING_DIR set by Trunk)");
            return ExitCode::FAILURE;
        }
    };
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("postbuild: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path) -> Result<(), String> {
    let rows = if split::split_wasm(dir)? {
        Some(split::write_rows(dir)?)
    } else {
        None
    };
    let loader = loader::write(dir)?;
    let index_path = dir.join("index.html");
    let html =
        fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    let html = start_script::externalise(dir, &html)?;
    let html = story::write(html)?;
    let html = head::write(dir, &html, rows.as_deref(), &loader)?;
    let html = copies::write(dir, &html)?;
    what_changed::write(dir, &html)?;
    fs::write(&index_path, html).map_err(|e| format!("{}: {e}", index_path.display()))?;
    static_images::write(dir, &preview::Rasteriser::new()?)?;
    versions::write(dir)?;
    versions::write_current(dir)
}
