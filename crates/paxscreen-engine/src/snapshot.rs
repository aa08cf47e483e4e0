//! Snapshots: the built index on disk, so that `screen` and `serve` start in well under
//! a second instead of re-analysing every watchlist name.
//!
//! Layout of a snapshot folder:
//! - `<gen>-forms.fst`, `<gen>-keys.fst`, `<gen>-deletes.fst`: the fst dictionaries,
//!   memory-mapped when opened;
//! - `<gen>-tables.bin`, `<gen>-entries.bin`: postings, tokens, names and entries (bincode);
//! - `manifest.json`: format version, content version, sources and, per file, its size
//!   and CRC-32. It is written last (temp file, fsync, rename, fsync of the folder), so a
//!   reader sees either the old generation or the new one, never a mix; files of older
//!   generations are removed afterwards.

use crate::index::{FstBytes, Index, Tables};
use crate::{EngineError, Screener, WatchlistInfo};
use fst::Map;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) const MANIFEST: &str = "manifest.json";
const FORMAT: &str = "paxscreen-snapshot";
/// 2: tables carry the per-name token weight sums.
/// 3: token postings ordered by name weight (lightest first).
/// 4: tables carry each name's entry birth-year span.
/// 5: the birth-year spans sit beside the token postings instead.
const FORMAT_VERSION: u32 = 5;

#[derive(Debug, Serialize, Deserialize)]
struct SnapshotFile {
    role: String,
    name: String,
    bytes: u64,
    crc32: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    format_version: u32,
    /// [`paxscreen_names::ANALYSIS_VERSION`] of the paxscreen that analysed the listed
    /// names (0 in snapshots written before it was recorded).
    #[serde(default)]
    analysis_version: u32,
    version: String,
    created_at: String,
    entries: u64,
    names: u64,
    sources: Vec<String>,
    files: Vec<SnapshotFile>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> EngineError + '_ {
    move |source| EngineError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn bad(path: &Path, reason: impl Into<String>) -> EngineError {
    EngineError::Snapshot {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Writes `bytes` to `dir/name` atomically: temp file in the same folder, fsync, rename.
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), EngineError> {
    let target = dir.join(name);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io_err(dir))?;
    tmp.write_all(bytes).map_err(io_err(&target))?;
    tmp.as_file().sync_all().map_err(io_err(&target))?;
    tmp.persist(&target).map_err(|e| EngineError::Io {
        path: target.clone(),
        source: e.error,
    })?;
    Ok(())
}

fn sync_dir(dir: &Path) -> Result<(), EngineError> {
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io_err(dir))
}

pub(crate) fn write(s: &Screener, dir: &Path) -> Result<(), EngineError> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let index = &s.index;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let gen = format!("{}-{nanos:x}", s.info.version);
    let tables = bincode::serialize(&index.tables)
        .map_err(|e| EngineError::Internal(format!("serialize tables: {e}")))?;
    let entries = bincode::serialize(&index.entries)
        .map_err(|e| EngineError::Internal(format!("serialize entries: {e}")))?;
    let parts: [(&str, &[u8]); 5] = [
        ("forms", index.forms_fst.as_fst().as_bytes()),
        ("keys", index.keys_fst.as_fst().as_bytes()),
        ("deletes", index.deletes_fst.as_fst().as_bytes()),
        ("tables", &tables),
        ("entries", &entries),
    ];
    let mut files = Vec::new();
    for (role, bytes) in parts {
        let ext = if role == "tables" || role == "entries" {
            "bin"
        } else {
            "fst"
        };
        let name = format!("{gen}-{role}.{ext}");
        write_atomic(dir, &name, bytes)?;
        files.push(SnapshotFile {
            role: role.to_string(),
            name,
            bytes: bytes.len() as u64,
            crc32: crc32fast::hash(bytes),
        });
    }
    let manifest = Manifest {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        analysis_version: paxscreen_names::ANALYSIS_VERSION,
        version: s.info.version.clone(),
        created_at: crate::now_rfc3339(),
        entries: s.info.entries,
        names: s.info.names,
        sources: s.info.sources.clone(),
        files,
    };
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| EngineError::Internal(format!("manifest: {e}")))?;
    write_atomic(dir, MANIFEST, &json)?;
    sync_dir(dir)?;
    // Remove earlier generations (readers that opened them keep their mappings).
    let keep: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let ours = name.ends_with(".fst") || name.ends_with(".bin");
            if ours && !keep.contains(&name.as_str()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}

/// Maps a snapshot file read-only.
#[allow(unsafe_code)]
fn map_file(path: &Path) -> Result<memmap2::Mmap, EngineError> {
    let file = File::open(path).map_err(io_err(path))?;
    // SAFETY: snapshot files are never modified in place: writers create new files and
    // rename them into place, so the mapped bytes cannot change under us.
    unsafe { memmap2::Mmap::map(&file) }.map_err(io_err(path))
}

pub(crate) fn open(dir: &Path) -> Result<Screener, EngineError> {
    let mpath = dir.join(MANIFEST);
    let text = std::fs::read(&mpath).map_err(io_err(&mpath))?;
    let m: Manifest = serde_json::from_slice(&text)
        .map_err(|e| bad(&mpath, format!("unreadable manifest: {e}")))?;
    if m.format != FORMAT {
        return Err(bad(
            &mpath,
            format!("not a paxscreen snapshot (format {:?})", m.format),
        ));
    }
    if m.format_version != FORMAT_VERSION {
        return Err(bad(&mpath, format!("snapshot format version {} (this paxscreen reads {FORMAT_VERSION}): rebuild it with `paxscreen index`", m.format_version)));
    }
    // The listed names were analysed when the snapshot was written: with another
    // analysis they would meet traveller names differently from a fresh index.
    if m.analysis_version != paxscreen_names::ANALYSIS_VERSION {
        return Err(bad(
            &mpath,
            format!(
                "listed names analysed by name analysis version {} (this paxscreen: {}): rebuild it with `paxscreen index`",
                m.analysis_version,
                paxscreen_names::ANALYSIS_VERSION
            ),
        ));
    }
    let mut maps: std::collections::HashMap<String, (PathBuf, memmap2::Mmap)> =
        std::collections::HashMap::new();
    for f in &m.files {
        let path = dir.join(&f.name);
        if f.name.contains('/') || f.name.contains('\\') {
            return Err(bad(
                &mpath,
                format!("file name {:?} leaves the folder", f.name),
            ));
        }
        let map = map_file(&path)?;
        if map.len() as u64 != f.bytes {
            return Err(bad(
                &path,
                format!("corrupt: {} bytes, manifest says {}", map.len(), f.bytes),
            ));
        }
        if maps.insert(f.role.clone(), (path, map)).is_some() {
            return Err(bad(&mpath, format!("manifest lists {:?} twice", f.role)));
        }
    }
    // Checksums of the files on all cores (about 300 MB at 1M entries).
    {
        use rayon::prelude::*;
        m.files.par_iter().try_for_each(|f| {
            let Some((path, map)) = maps.get(&f.role) else {
                return Ok(());
            };
            let crc = crc32fast::hash(map);
            if crc != f.crc32 {
                return Err(bad(
                    path,
                    format!("corrupt: checksum {crc:08x}, manifest says {:08x}", f.crc32),
                ));
            }
            Ok(())
        })?;
    }
    let mut take = |role: &str| {
        maps.remove(role)
            .ok_or_else(|| bad(&mpath, format!("manifest lists no {role} file")))
    };
    let fst_map = |(path, map): (PathBuf, memmap2::Mmap)| {
        Map::new(FstBytes::Mapped(map)).map_err(|e| bad(&path, format!("corrupt fst: {e}")))
    };
    let forms_fst = fst_map(take("forms")?)?;
    let keys_fst = fst_map(take("keys")?)?;
    let deletes_fst = fst_map(take("deletes")?)?;
    let (tpath, tmap) = take("tables")?;
    let (epath, emap) = take("entries")?;
    // The two tables are independent: deserialize them on two cores (at 1M entries
    // each takes about half a second).
    let (tables, entries) = rayon::join(
        || bincode::deserialize::<Tables>(&tmap),
        || bincode::deserialize::<Vec<paxscreen_core::WatchlistEntry>>(&emap),
    );
    let tables = tables.map_err(|e| bad(&tpath, format!("corrupt tables: {e}")))?;
    let entries = entries.map_err(|e| bad(&epath, format!("corrupt entries: {e}")))?;
    if tables.forms.len() != forms_fst.len()
        || tables.keys.len() != keys_fst.len()
        || tables.delete_forms.len() != deletes_fst.len()
    {
        return Err(bad(&mpath, "tables and fst dictionaries disagree"));
    }
    if tables.name_weight.len() != tables.names.len()
        || tables.token_name_years.len() != tables.token_names.flat().len()
    {
        return Err(bad(
            &tpath,
            "corrupt tables: name weights or birth years and names disagree",
        ));
    }
    if tables
        .names
        .iter()
        .any(|n| n.entry as usize >= entries.len())
    {
        return Err(bad(&epath, "names refer to missing entries"));
    }
    if !tables.names.is_sorted_by_key(|n| n.entry) {
        return Err(bad(&epath, "names are not stored in entry order"));
    }
    let ((name_tokens, entry_names), birth_dates) = rayon::join(
        || {
            (
                crate::index::NameCards::new(&tables.names, &tables.name_weight),
                crate::index::entry_names(&tables.names, entries.len()),
            )
        },
        || crate::index::birth_dates(&entries),
    );
    let index = Index {
        id: crate::index::next_index_id(),
        name_tokens,
        birth_dates,
        entry_names,
        entries,
        tables,
        forms_fst,
        keys_fst,
        deletes_fst,
    };
    let info = WatchlistInfo {
        version: m.version,
        entries: index.entries.len() as u64,
        names: index.tables.names.len() as u64,
        loaded_at: crate::now_rfc3339(),
        sources: m.sources,
    };
    Ok(Screener { index, info })
}
