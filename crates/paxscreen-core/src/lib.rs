//! Domain types of paxscreen, shared by every other crate.
//!
//! Data flows one way: bytes -> `paxscreen-formats` / `paxscreen-watchlists` ->
//! [`Traveller`] and [`WatchlistEntry`] -> `paxscreen-names` -> `paxscreen-engine` ->
//! [`Hit`]. These types are the only things that cross crate boundaries, so they hold
//! no parsing or scoring logic beyond validating their own small value formats
//! (dates, country codes, genders).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// Implements `Deserialize` for a small value type through its `&str` parser, with
/// no `String` allocated per value: a 1M-entry snapshot decodes millions of dates and
/// country codes (`#[serde(try_from = "String")]` allocated and freed one each, a
/// tenth of the snapshot's load time).
macro_rules! deserialize_from_str {
    ($ty:ty, $expecting:literal, $parse:expr) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$ty, E> {
                        $parse(s).map_err(E::custom)
                    }
                }
                d.deserialize_str(Visitor)
            }
        }
    };
}

pub mod columns;
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
