//! The parts the views, the claims and the newsroom share: the figure with its chart, readout and
//! table; the controls; and the one way anything is loaded on demand.

pub mod controls;
pub mod figure_view;
pub mod on_demand;
pub mod view_link;
