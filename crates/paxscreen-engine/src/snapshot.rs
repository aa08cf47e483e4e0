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
/// 6: entries in chunks that decode on all cores (see [`encode_entries`]).
/// 7: an entry without a date of birth has its own birth-year span (`BirthYears::NONE`).
/// 8: listed forms of three letters have deletion variants too (one typo tolerated).
const FORMAT_VERSION: u32 = 8;
/// Entries per chunk of the entries file.
const ENTRY_CHUNK: usize = 16_384;
/// The fewest bytes bincode writes for an entry (seven lengths and a gender tag): a
/// chunk's entry count is checked against its size before memory is set aside.
const MIN_ENTRY_BYTES: usize = 7 * 8 + 1;

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

/// Writes `parts`, one after another, to `dir/name` atomically: temp file in the same
/// folder, fsync, rename. Returns the file's size and CRC-32.
fn write_atomic(dir: &Path, name: &str, parts: &[&[u8]]) -> Result<(u64, u32), EngineError> {
    let target = dir.join(name);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io_err(dir))?;
    let mut crc = crc32fast::Hasher::new();
    let mut bytes = 0u64;
    for part in parts {
        tmp.write_all(part).map_err(io_err(&target))?;
        crc.update(part);
        bytes += part.len() as u64;
    }
    tmp.as_file().sync_all().map_err(io_err(&target))?;
    tmp.persist(&target).map_err(|e| EngineError::Io {
        path: target.clone(),
        source: e.error,
    })?;
    Ok((bytes, crc.finalize()))
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
    // One file at a time, each serialized buffer dropped once written: holding the
    // tables' and the entries' bytes together raised the peak of `paxscreen index`.
    let mut files = Vec::new();
    let mut put = |role: &str, ext: &str, parts: &[&[u8]]| -> Result<(), EngineError> {
        let name = format!("{gen}-{role}.{ext}");
        let (bytes, crc32) = write_atomic(dir, &name, parts)?;
        files.push(SnapshotFile {
            role: role.to_string(),
            name,
            bytes,
            crc32,
        });
        Ok(())
    };
    put("forms", "fst", &[index.forms_fst.as_fst().as_bytes()])?;
    put("keys", "fst", &[index.keys_fst.as_fst().as_bytes()])?;
    put("deletes", "fst", &[index.deletes_fst.as_fst().as_bytes()])?;
    {
        let tables = bincode::serialize(&index.tables)
            .map_err(|e| EngineError::Internal(format!("serialize tables: {e}")))?;
        put("tables", "bin", &[&tables])?;
    }
    {
        let entries = encode_entries(&index.entries)?;
        let parts: Vec<&[u8]> = entries.iter().map(Vec::as_slice).collect();
        put("entries", "bin", &parts)?;
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
    write_atomic(dir, MANIFEST, &[&json])?;
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

/// The entries file: the number of chunks (u32, little-endian), each chunk's length in
/// bytes (u64), then the chunks, each a bincode `Vec<WatchlistEntry>` of at most
/// [`ENTRY_CHUNK`] entries. Decoding one bincode vector of 1M entries took half of a
/// snapshot's load time on one core; chunks decode on all of them. Returned as the
/// header and the chunks, written one after another (not copied into one buffer).
fn encode_entries(entries: &[paxscreen_core::WatchlistEntry]) -> Result<Vec<Vec<u8>>, EngineError> {
    use rayon::prelude::*;
    let chunks: Vec<Vec<u8>> = entries
        .par_chunks(ENTRY_CHUNK)
        .map(bincode::serialize)
        .collect::<Result<_, _>>()
        .map_err(|e| EngineError::Internal(format!("serialize entries: {e}")))?;
    let count = u32::try_from(chunks.len())
        .map_err(|_| EngineError::Internal("too many entry chunks".into()))?;
    let mut header = Vec::with_capacity(4 + 8 * chunks.len());
    header.extend_from_slice(&count.to_le_bytes());
    for c in &chunks {
        header.extend_from_slice(&(c.len() as u64).to_le_bytes());
    }
    let mut out = Vec::with_capacity(1 + chunks.len());
    out.push(header);
    out.extend(chunks);
    Ok(out)
}

/// Reads the entries file of [`encode_entries`]; `Err` holds the reason it is corrupt.
fn decode_entries(bytes: &[u8]) -> Result<Vec<paxscreen_core::WatchlistEntry>, String> {
    use rayon::prelude::*;
    let count = bytes
        .get(..4)
        .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize)
        .ok_or("no chunk count")?;
    let header = count
        .checked_mul(8)
        .and_then(|n| n.checked_add(4))
        .filter(|&n| n <= bytes.len())
        .ok_or("chunk table runs past the end")?;
    let mut chunks = Vec::with_capacity(count);
    let mut at = header;
    for k in 0..count {
        let len = u64::from_le_bytes(bytes[4 + 8 * k..12 + 8 * k].try_into().expect("8 bytes"));
        let end = usize::try_from(len)
            .ok()
            .and_then(|len| at.checked_add(len))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| format!("chunk {k} runs past the end"))?;
        chunks.push(&bytes[at..end]);
        at = end;
    }
    if at != bytes.len() {
        return Err(format!("{} bytes after the last chunk", bytes.len() - at));
    }
    // Each chunk starts with its bincode length (u64): the entries are decoded straight
    // into their places in one vector (collecting the chunks and concatenating them
    // kept both copies alive: 200 MB more peak RSS at 1M entries).
    let counts: Vec<usize> = chunks
        .iter()
        .enumerate()
        .map(|(k, c)| {
            c.get(..8)
                .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
                .and_then(|n| usize::try_from(n).ok())
                .filter(|&n| n.saturating_mul(MIN_ENTRY_BYTES) <= c.len() - 8)
                .ok_or_else(|| format!("chunk {k} has no entry count"))
        })
        .collect::<Result<_, _>>()?;
    let mut entries = Vec::new();
    entries.resize_with(counts.iter().sum(), paxscreen_core::WatchlistEntry::default);
    let mut places = Vec::with_capacity(count);
    let mut rest = &mut entries[..];
    for &n in &counts {
        let (place, tail) = rest.split_at_mut(n);
        places.push(place);
        rest = tail;
    }
    chunks
        .par_iter()
        .zip(places)
        .enumerate()
        .try_for_each(|(k, (c, place))| {
            // Entry by entry into its slot, after the chunk's length (8 bytes), with the
            // options `bincode::serialize` wrote them with: no vector of a chunk's
            // entries is built, moved and dropped.
            use bincode::Options;
            let options = bincode::DefaultOptions::new()
                .with_fixint_encoding()
                .allow_trailing_bytes();
            let mut de = bincode::Deserializer::from_slice(&c[8..], options);
            for slot in place.iter_mut() {
                *slot = serde::Deserialize::deserialize(&mut de)
                    .map_err(|e| format!("chunk {k}: {e}"))?;
            }
            Ok::<(), String>(())
        })?;
    Ok(entries)
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
    let start = std::time::Instant::now();
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
    let checked = start.elapsed();
    let (tpath, tmap) = take("tables")?;
    let (epath, emap) = take("entries")?;
    // The two tables are independent: deserialize them on two cores (at 1M entries
    // each takes about half a second).
    let (tables, entries) = rayon::join(
        || bincode::deserialize::<Tables>(&tmap),
        || decode_entries(&emap),
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
    let decoded = start.elapsed();
    let ((name_tokens, entry_names, document_runs), (birth_dates, postings_hot)) = rayon::join(
        || {
            (
                crate::index::NameCards::new(&tables.names, &tables.name_weight),
                crate::index::entry_names(&tables.names, entries.len()),
                crate::index::document_runs(&tables.documents),
            )
        },
        || {
            (
                crate::index::birth_dates(&entries),
                crate::index::postings_hot(&tables, &entries),
            )
        },
    );
    let near_years = crate::index::near_years(&postings_hot);
    // Where opening goes (mapping and checksums, decoding the tables and entries,
    // deriving the query tables): the last two write fresh memory, whose first touch
    // is what makes loading slow in a VM's slow hours.
    tracing::debug!(
        checked_seconds = checked.as_secs_f64(),
        decode_seconds = (decoded - checked).as_secs_f64(),
        derive_seconds = (start.elapsed() - decoded).as_secs_f64(),
        "snapshot opened"
    );
    let index = Index {
        id: crate::index::next_index_id(),
        name_tokens,
        birth_dates,
        document_runs,
        entry_names,
        postings_hot,
        near_years,
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

#[cfg(test)]
mod tests {
    use super::*;
    use paxscreen_core::{Country, DobSpec, WatchlistEntry};

    fn entries(n: usize) -> Vec<WatchlistEntry> {
        (0..n)
            .map(|i| WatchlistEntry {
                id: format!("E{i}"),
                dobs: vec![
                    DobSpec::parse(&format!("{}-03-0{}", 1950 + i % 50, 1 + i % 9)).unwrap(),
                ],
                nationalities: vec![Country::from_code("IRQ").unwrap()],
                ..Default::default()
            })
            .collect()
    }

    #[test]
    fn entries_round_trip_over_several_chunks() {
        for n in [0, 1, ENTRY_CHUNK, 2 * ENTRY_CHUNK + 5] {
            let e = entries(n);
            let bytes = encode_entries(&e).unwrap().concat();
            assert_eq!(decode_entries(&bytes).unwrap(), e, "{n} entries");
        }
    }

    #[test]
    fn corrupt_entries_give_a_reason() {
        let bytes = encode_entries(&entries(ENTRY_CHUNK + 3)).unwrap().concat();
        assert_eq!(decode_entries(&bytes[..2]).unwrap_err(), "no chunk count");
        let mut huge = bytes.clone();
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(
            decode_entries(&huge).unwrap_err(),
            "chunk table runs past the end"
        );
        assert_eq!(
            decode_entries(&bytes[..bytes.len() - 1]).unwrap_err(),
            "chunk 1 runs past the end"
        );
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            decode_entries(&longer).unwrap_err(),
            "1 bytes after the last chunk"
        );
        // A chunk whose bytes are not entries (its length field says 8 zero bytes
        // more than it holds, so the decoder reads into the next chunk).
        let mut wrong = bytes;
        let len =
            |b: &[u8], k: usize| u64::from_le_bytes(b[4 + 8 * k..12 + 8 * k].try_into().unwrap());
        let (first, second) = (len(&wrong, 0), len(&wrong, 1));
        wrong[4..12].copy_from_slice(&(first - 8).to_le_bytes());
        wrong[12..20].copy_from_slice(&(second + 8).to_le_bytes());
        assert!(decode_entries(&wrong).unwrap_err().starts_with("chunk "));
        // An entry count the chunk cannot hold is refused before any allocation.
        let mut greedy = encode_entries(&entries(3)).unwrap().concat();
        greedy[12..20].copy_from_slice(&(u64::MAX / 2).to_le_bytes());
        assert_eq!(
            decode_entries(&greedy).unwrap_err(),
            "chunk 0 has no entry count"
        );
        // The smallest entry takes MIN_ENTRY_BYTES.
        let one = encode_entries(&[WatchlistEntry::default()])
            .unwrap()
            .concat();
        assert_eq!(one.len(), 4 + 8 + 8 + MIN_ENTRY_BYTES);
    }
}
