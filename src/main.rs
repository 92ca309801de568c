//! Entry point: install the panic hook and mount the explorer. Everything else lives in the library.

fn main() {
    rare_earth_explorer::start();
}
