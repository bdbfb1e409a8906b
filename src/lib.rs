//! dyad: news text in, CAMEO-coded political events out.
//!
//! The pipeline, one module per stage (see `ARCHITECTURE.md`):
//!
//! ```text
//! ingest → text → knowledge → coding → export
//! ```
//!
//! ```
//! let kb = dyad::knowledge::Knowledge::builtin();
//! let article = dyad::model::Article {
//!     id: "a1".into(),
//!     text: "Russian President Vladimir Putin visited Kazakhstan.".into(),
//!     date: dyad::model::Date::new(2024, 10, 2),
//!     ..Default::default()
//! };
//! let coded = dyad::pipeline::code(&kb, &article, dyad::model::Date::new(2024, 10, 2).unwrap());
//! assert_eq!(coded.events[0].code, "042");
//! assert_eq!((coded.events[0].source.as_str(), coded.events[0].target.as_str()), ("RUSGOV", "KAZ"));
//! ```

pub mod coding;
pub mod context;
pub mod eval;
pub mod export;
pub mod ingest;
pub mod knowledge;
pub mod model;
pub mod pipeline;
pub mod serve;
pub mod store;
pub mod text;
