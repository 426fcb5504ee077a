//! storyline: follow a developing news story.
//!
//! storyline ingests the reports a user has about a story (text files, HTML pages, JSONL,
//! WARC archives), keeps them in a store, and — as the later stages land — groups them into
//! stories and builds a dossier for each: a dated timeline, who said what, who's who, a cited
//! summary, and where the sources differ.
//!
//! Data flows one way (see ARCHITECTURE.md):
//!
//! ```text
//! sources → model::Article → analysis (pure, per article, parallel) → store → stories → dossier → views, serve
//! ```
//!
//! ```
//! use storyline::{ingest, store::{ArticleStore, sqlite::SqliteStore, ListQuery}};
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.txt"), " date 2025-05-11 Zelenskyy said he would wait for Putin.").unwrap();
//! let mut store = SqliteStore::in_memory().unwrap();
//! let report = ingest::ingest(&mut store, &[dir.path().to_path_buf()], &Default::default(), &mut ingest::Silent).unwrap();
//! assert_eq!(report.ingested, 1);
//! let rows = store.articles(&ListQuery::default()).unwrap();
//! assert_eq!((rows[0].id.as_str(), rows[0].published.as_deref()), ("a", Some("2025-05-11")));
//! let hits = storyline::search::search(&store, "Zelensky", 10, 0).unwrap();
//! assert_eq!(hits[0].article.id, "a");
//! ```

pub mod analysis;
pub mod dossier;
pub mod extract;
pub mod ingest;
pub mod json;
pub mod model;
pub mod search;
pub mod serve;
pub mod sources;
pub mod store;
pub mod stories;
pub mod text;
pub mod views;

pub use model::{Article, DateSource, Span};
