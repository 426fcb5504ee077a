//! One integration binary (as ripgrep does): the real `storyline` binary driven on fixture
//! files in temporary folders, the parsers fed hostile input, and `storyline serve` driven
//! over HTTP and in a headless Chromium.

mod util;
mod http;
mod webdriver;

mod bad_input;
mod cli;
mod dossier;
mod extractors;
mod formats;
mod props;
mod shared_eval;
mod stories;
mod serve;
mod browser;
mod fuzz;
mod limits;
mod multilingual;
