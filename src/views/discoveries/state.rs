//! The Discoveries view's own URL parameters: `country=Sweden` and
//! `basis=reserve|resource|expected-additional-resource|internal-estimate|forecast|potential-resource`.

use crate::data::Basis;
use crate::url::{choice, name_of, text, Params, Query, Warnings};

/// The kinds of estimate by their URL names, in the order the control lists them.
pub const BASES: [(&str, Basis); 6] = [
    ("reserve", Basis::Reserve),
    ("resource", Basis::Resource),
    (
        "expected-additional-resource",
        Basis::ExpectedAdditionalResource,
    ),
    ("internal-estimate", Basis::InternalEstimate),
    ("forecast", Basis::Forecast),
    ("potential-resource", Basis::PotentialResource),
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// Finds in one country (by its dataset name); `None`: all.
    pub country: Option<String>,
    /// Finds of one kind of estimate; `None`: all.
    pub basis: Option<Basis>,
}

impl Params for State {
    const KEYS: &'static [&'static str] = &["country", "basis"];

    fn read(q: &Query, warnings: &mut Warnings) -> State {
        State {
            country: text(q, "country", warnings),
            basis: choice(q, "basis", &BASES, warnings),
        }
    }

    fn write(&self, q: &mut Query) {
        q.set("country", self.country.clone());
        q.set("basis", self.basis.map(|b| name_of(&BASES, b).to_string()));
    }
}
