//! Snapshots: stub replaced below.
use crate::{EngineError, Screener};
use std::path::Path;
pub(crate) const MANIFEST: &str = "manifest.json";
pub(crate) fn write(_s: &Screener, _dir: &Path) -> Result<(), EngineError> { Err(EngineError::Internal("todo".into())) }
pub(crate) fn open(_dir: &Path) -> Result<Screener, EngineError> { Err(EngineError::Internal("todo".into())) }
