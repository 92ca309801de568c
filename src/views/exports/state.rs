//! The Exports view's own URL parameter: `show=volume|value|unit-value|magnets`.

use crate::url::{choice, set_choice, Params, Query, Warnings};

/// What the first chart shows: the yearly columns, one measure at a time (never a dual axis), or
/// magnet exports month by month beside the headline tonnage, on one tonnage axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    #[default]
    Volume,
    Value,
    UnitValue,
    Magnets,
}

/// The measures by their URL names, in the order the control lists them.
pub const MEASURES: [(&str, Measure); 4] = [
    ("volume", Measure::Volume),
    ("value", Measure::Value),
    ("unit-value", Measure::UnitValue),
    ("magnets", Measure::Magnets),
];

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct State {
    pub measure: Measure,
}

impl Params for State {
    const KEYS: &'static [&'static str] = &["show"];

    fn read(q: &Query, warnings: &mut Warnings) -> State {
        State {
            measure: choice(q, "show", &MEASURES, warnings).unwrap_or_default(),
        }
    }

    fn write(&self, q: &mut Query) {
        set_choice(q, "show", &MEASURES, self.measure);
    }
}
