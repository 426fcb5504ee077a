//! One integration binary (as ripgrep does): the real `storyline` binary driven on fixture
//! files in temporary folders, and the parsers fed hostile input.

mod util;

mod bad_input;
mod cli;
mod dossier;
mod extractors;
mod formats;
mod props;
mod seeds_gold;
mod shared_eval;
mod stories;
