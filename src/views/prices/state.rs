//! The Prices view's own URL parameter: `oxide=ndpr|nd|pr|dy|tb`.

use crate::data::Product;
use crate::url::{choice, name_of, Params, Query, Warnings};

/// The oxides by their URL names, in the order the control lists them; NdPr first, the default.
pub const OXIDES: [(&str, Product); 5] = [
    ("ndpr", Product::Ndpr),
    ("nd", Product::Nd),
    ("pr", Product::Pr),
    ("dy", Product::Dy),
    ("tb", Product::Tb),
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct State {
    pub oxide: Product,
}

impl Default for State {
    fn default() -> State {
        State {
            oxide: Product::Ndpr,
        }
    }
}

impl Params for State {
    const KEYS: &'static [&'static str] = &["oxide"];

    fn read(q: &Query, warnings: &mut Warnings) -> State {
        State {
            oxide: choice(q, "oxide", &OXIDES, warnings).unwrap_or(Product::Ndpr),
        }
    }

    fn write(&self, q: &mut Query) {
        let name = (self.oxide != Product::Ndpr).then(|| name_of(&OXIDES, self.oxide).to_string());
        q.set("oxide", name);
    }
}
