//! Domain types of paxscreen, shared by every other crate.
//!
//! Data flows one way: bytes -> `paxscreen-formats` / `paxscreen-watchlists` ->
//! [`Traveller`] and [`WatchlistEntry`] -> `paxscreen-names` -> `paxscreen-engine` ->
//! [`Hit`]. These types are the only things that cross crate boundaries, so they hold
//! no parsing or scoring logic beyond validating their own small value formats
//! (dates, country codes, genders).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod country;
pub mod date;
pub mod hit;
pub mod traveller;
pub mod watchlist;

pub use country::Country;
pub use date::{DobSpec, PartialDate, ValueError};
pub use hit::{
    DobEvidence, DocumentEvidence, Evidence, GenderEvidence, Hit, NationalityEvidence, TokenMatch,
};
pub use traveller::{Document, Gender, RejectedTraveller, Traveller, TravellerRecord};
pub use watchlist::{ListedName, NameQuality, WatchlistEntry};
