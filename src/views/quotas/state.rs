//! The Quotas view's own URL parameters: `quota=total|split|batches`, `from=2016` and `to=2024`.

use crate::url::{choice, set_choice, year, Params, Query, Warnings};

/// How the quota columns are broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Breakdown {
    /// Mining and smelting/separation side by side.
    #[default]
    Total,
    /// Light (rock-type) and ionic (medium-heavy) mining quotas.
    Split,
    Batches,
}

/// The breakdowns by their URL names, in the order the control lists them.
pub const BREAKDOWNS: [(&str, Breakdown); 3] = [
    ("total", Breakdown::Total),
    ("split", Breakdown::Split),
    ("batches", Breakdown::Batches),
];

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct State {
    pub breakdown: Breakdown,
    /// The years shown; `None` for the first or last on record (`figure::year_span`).
    pub from: Option<u16>,
    pub to: Option<u16>,
}

impl Params for State {
    const KEYS: &'static [&'static str] = &["quota", "from", "to"];

    fn read(q: &Query, warnings: &mut Warnings) -> State {
        State {
            breakdown: choice(q, "quota", &BREAKDOWNS, warnings).unwrap_or_default(),
            from: year(q, "from", warnings),
            to: year(q, "to", warnings),
        }
    }

    fn write(&self, q: &mut Query) {
        set_choice(q, "quota", &BREAKDOWNS, self.breakdown);
        q.set("from", self.from.map(|y| y.to_string()));
        q.set("to", self.to.map(|y| y.to_string()));
    }
}
