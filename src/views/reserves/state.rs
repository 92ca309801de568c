//! The Reserves view's own URL parameters: `edition=2025` and `measure=tonnes|share|years`.

use crate::url::{choice, set_choice, year, Params, Query, Warnings};

/// What the bars measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    #[default]
    Tonnes,
    Share,
    /// Reserves divided by the edition's latest mine production.
    Years,
}

/// The measures by their URL names, in the order the control lists them.
pub const MEASURES: [(&str, Measure); 3] = [
    ("tonnes", Measure::Tonnes),
    ("share", Measure::Share),
    ("years", Measure::Years),
];

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct State {
    /// `None`: the default edition (`figure::edition` also falls back for one not on record).
    pub edition: Option<u16>,
    pub measure: Measure,
}

impl Params for State {
    const KEYS: &'static [&'static str] = &["edition", "measure"];

    fn read(q: &Query, warnings: &mut Warnings) -> State {
        State {
            edition: year(q, "edition", warnings),
            measure: choice(q, "measure", &MEASURES, warnings).unwrap_or_default(),
        }
    }

    fn write(&self, q: &mut Query) {
        q.set("edition", self.edition.map(|e| e.to_string()));
        set_choice(q, "measure", &MEASURES, self.measure);
    }
}
