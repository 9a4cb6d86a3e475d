//! What kind of workbook a file is, and the checks made before the workbook library is let
//! near it. The library trusts what a file says of itself (how many strings it holds, how far
//! a sheet reaches, how large a part is once decompressed) and sizes its memory from it, so a
//! damaged or hostile file could make it ask for more memory than there is, which ends the
//! process with no diagnostic. Here the same claims are read first, cheaply, and a file whose
//! claims would take the reading past the limits in [`super::limits`] is refused:
//!
//! - a zip workbook (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`): the parts' decompressed sizes, as the
//!   archive declares them (the zip reader holds each part to its declared size); the shared
//!   strings' count against their part's size; whether it is encrypted;
//! - an `.ods`: its content is read whole by the library, so it is scanned to its end here,
//!   counting the cells and the text the library would hold; content that stops inside a
//!   sheet (which would make the library read for ever) is refused as damaged;
//! - an `.xls`: its sheets are read whole by the library, so its records are scanned for the
//!   block of cells each sheet reaches and the text its cells would copy.
//!
//! Nothing here reads a file: it is given the workbook's bytes, and quotes none of them.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::limits::{CELLS_HELD_WHOLE, LAST_COLUMN, LAST_ROW, PART_READ_WHOLE, TEXT_HELD_WHOLE};

/// The kind of workbook, which decides how its sheets are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Office Open XML (`.xlsx`, `.xlsm`): sheets read cell by cell.
    Xlsx,
    /// Excel binary (`.xlsb`): sheets read cell by cell.
    Xlsb,
    /// OpenDocument (`.ods`): read whole.
    Ods,
    /// Excel 97–2003 (`.xls`): read whole.
    Xls,
}

/// Why a workbook is not handed to the library.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// It is protected with a password.
    Encrypted,
    /// It is not a workbook any spreadsheet program wrote, or is cut short: why, in words.
    Damaged(String),
    /// Reading it would go past a limit: which, in words.
    TooLarge(String),
}

/// What kind of workbook `bytes` hold, once every check has passed; `limit` is the most
/// bytes its parts may come to decompressed.
pub(super) fn check(bytes: &[u8], limit: u64) -> Result<Kind, Refused> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        check_compound(bytes)
    } else {
        check_zip(bytes, limit)
    }
}

fn damaged(why: impl std::fmt::Display) -> Refused {
    Refused::Damaged(why.to_string())
}

const MB: u64 = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Zip workbooks

/// A part of a zip workbook: its name and its decompressed size as the archive declares it.
struct Part {
    name: String,
    size: u64,
}

fn check_zip(bytes: &[u8], limit: u64) -> Result<Kind, Refused> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged(format!("it is not a workbook's zip archive ({e})")))?;
    let mut parts = Vec::with_capacity(archive.len());
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| damaged(format!("its zip archive is damaged ({e})")))?;
        if entry.encrypted() {
            return Err(Refused::Encrypted);
        }
        total = total.saturating_add(entry.size());
        parts.push(Part {
            name: entry
                .name()
                .map_err(|e| damaged(format!("its zip archive is damaged ({e})")))?
                .to_ascii_lowercase(),
            size: entry.size(),
        });
    }
    if total > limit {
        return Err(Refused::TooLarge(format!(
            "its parts come to {} MB once decompressed, more than the {} MB ratebook reads",
            total / MB,
            limit / MB
        )));
    }
    let has = |name: &str| parts.iter().any(|p| p.name == name);
    let kind = if has("xl/workbook.bin") {
        Kind::Xlsb
    } else if has("content.xml") && (has("mimetype") || has("meta-inf/manifest.xml")) {
        Kind::Ods
    } else if parts.iter().any(|p| p.name.ends_with("workbook.xml")) {
        Kind::Xlsx
    } else {
        return Err(damaged("its zip archive holds no workbook"));
    };
    for part in &parts {
        // Sheets are read cell by cell, and pictures not at all; every other part is held
        // whole while the workbook is read.
        let streamed = kind != Kind::Ods && part.name.contains("worksheets/");
        let read = [".xml", ".rels", ".bin"]
            .iter()
            .any(|e| part.name.ends_with(e));
        if read && !streamed && part.size > PART_READ_WHOLE {
            return Err(Refused::TooLarge(format!(
                "its part {} is {} MB once decompressed; ratebook holds at most {} MB of such a part",
                crate::terminal::excerpt(&part.name, 120),
                part.size / MB,
                PART_READ_WHOLE / MB
            )));
        }
    }
    match kind {
        Kind::Xlsx => {
            for part in parts
                .iter()
                .filter(|p| p.name.ends_with("sharedstrings.xml"))
            {
                check_string_count(&mut archive, &part.name, part.size)?;
            }
        }
        Kind::Ods => {
            if has("meta-inf/manifest.xml") {
                let manifest = part_start(&mut archive, "meta-inf/manifest.xml", PART_READ_WHOLE)?;
                if memchr::memmem::find(&manifest, b"encryption-data").is_some() {
                    return Err(Refused::Encrypted);
                }
            }
            let content = part_start(&mut archive, "content.xml", PART_READ_WHOLE)?;
            scan_ods_content(&content)?;
        }
        Kind::Xlsb | Kind::Xls => {}
    }
    Ok(kind)
}

/// The part `name` (its name in lower case), to read decompressed.
fn open_part<'a, 'b>(
    archive: &'a mut zip::ZipArchive<Cursor<&'b [u8]>>,
    name: &str,
) -> Result<zip::read::ZipFile<'a, Cursor<&'b [u8]>>, Refused> {
    let index = (0..archive.len())
        .find(|i| {
            archive
                .name_for_index(*i)
                .is_some_and(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
        })
        .ok_or_else(|| damaged("one of its parts cannot be found"))?;
    archive
        .by_index(index)
        .map_err(|e| damaged(format!("one of its parts cannot be read ({e})")))
}

/// Up to `most` decompressed bytes from the start of the part `name`.
fn part_start(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    most: u64,
) -> Result<Vec<u8>, Refused> {
    let mut start = vec![];
    open_part(archive, name)?
        .take(most)
        .read_to_end(&mut start)
        .map_err(|e| damaged(format!("one of its parts cannot be read ({e})")))?;
    Ok(start)
}

/// The shared strings say how many they are, and the library makes room for that many: no
/// more than the part could hold (each takes at least five bytes, `<si/>`). The part is read
/// as XML up to its `sst` element, wherever that stands.
fn check_string_count(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    size: u64,
) -> Result<(), Refused> {
    let entry = open_part(archive, name)?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(entry));
    let mut buf = vec![];
    let count = loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                // A count the library could not read as a number makes it reserve nothing.
                break attribute(&e, "uniqueCount").and_then(|v| v.trim().parse::<u128>().ok());
            }
            Ok(Event::Eof) | Err(_) => break None,
            Ok(_) => {}
        }
    };
    if let Some(count) = count
        && count > u128::from(size / 5 + 1)
    {
        return Err(damaged(format!(
            "its shared strings say there are {count} of them, more than their part can hold"
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// OpenDocument content

/// What a whole-sheet reader would hold, added up over a workbook's sheets.
#[derive(Default)]
struct Held {
    /// Cells in each sheet's block, from its first used cell to its last.
    block: u64,
    /// Cells the reader makes one by one before it makes the block.
    made: u64,
    /// Bytes of text the cells hold (a repeated cell holds its text once a repeat).
    text: u64,
    /// The sheet read last and the far cell it reaches (`sheet "Cases" reaches cell IV65536`).
    far: Option<String>,
}

impl Held {
    fn within_limits(&self) -> Result<(), Refused> {
        let at = self
            .far
            .as_ref()
            .map(|far| format!("{far}: "))
            .unwrap_or_default();
        if self.block > CELLS_HELD_WHOLE || self.made > CELLS_HELD_WHOLE {
            return Err(Refused::TooLarge(format!(
                "{at}its sheets reach over more than {} million cells, the most ratebook holds at once from this kind of workbook",
                CELLS_HELD_WHOLE / 1_000_000
            )));
        }
        if self.text > TEXT_HELD_WHOLE {
            return Err(Refused::TooLarge(format!(
                "{at}its cells hold more than {} MB of text, the most ratebook holds at once from this kind of workbook",
                TEXT_HELD_WHOLE / MB
            )));
        }
        Ok(())
    }

    /// Note the sheet just read and the far cell it reaches (rows and columns from 0).
    fn reached(&mut self, sheet: &str, row: u64, column: u64) {
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        let column = u32::try_from(column).unwrap_or(u32::MAX);
        self.far = Some(format!(
            "sheet \"{}\" reaches cell {}",
            crate::terminal::excerpt(sheet, 40),
            super::cell_name(row, column)
        ));
    }
}

/// One sheet of an `.ods`, as its rows are scanned.
#[derive(Default)]
struct OdsSheet {
    name: String,
    /// Rows so far, repeats counted (at most a sheet's rows, as the library caps them).
    rows: u64,
    first_used_row: Option<u64>,
    last_used_row: u64,
    /// The widest used row's width.
    width: u64,
}

/// One row of an `.ods` as it is scanned.
#[derive(Default)]
struct OdsRow {
    repeats: u64,
    /// Columns so far, repeats counted.
    columns: u64,
    /// Columns up to the last used cell: what the library makes of the row.
    used: u64,
    text: u64,
}

/// An element's attribute, by its name as written (`table:name`).
fn attribute(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.to_string())
}

/// A repeat count (`table:number-rows-repeated`); 1 where there is none.
fn repeat_count(e: &quick_xml::events::BytesStart, name: &str) -> u64 {
    attribute(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

fn scan_ods_content(content: &[u8]) -> Result<(), Refused> {
    let mut reader = quick_xml::Reader::from_reader(content);
    reader.config_mut().check_end_names = false;
    let mut buf = vec![];
    let mut held = Held::default();
    let mut sheet: Option<OdsSheet> = None;
    let mut row: Option<OdsRow> = None;
    // A cell being read: its columns repeated, and where its text began.
    let mut cell: Option<(u64, u64)> = None;
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| damaged(format!("its content is not well-formed XML ({e})")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if sheet.is_some() => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table-row" if row.is_none() => {
                        row = Some(OdsRow {
                            repeats: repeat_count(e, "table:number-rows-repeated"),
                            ..OdsRow::default()
                        });
                        if empty {
                            end_row(&mut sheet, &mut row, &mut held);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" if cell.is_none() => {
                        let repeats = repeat_count(e, "table:number-columns-repeated");
                        let valued = !empty
                            || attribute(e, "office:value-type").is_some()
                            || attribute(e, "table:formula").is_some();
                        let Some(r) = row.as_mut() else {
                            return Err(damaged("its content has a cell outside any row"));
                        };
                        let at = r.columns;
                        r.columns =
                            (r.columns.saturating_add(repeats)).min(u64::from(LAST_COLUMN) + 1);
                        if valued {
                            r.used = r.columns;
                        }
                        if empty {
                            r.text = r.text.saturating_add(
                                (reader.buffer_position() - before).saturating_mul(r.columns - at),
                            );
                        } else {
                            cell = Some((r.columns - at, before));
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if sheet.is_some() => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let (Some((repeats, from)), Some(r)) = (cell.take(), row.as_mut()) {
                        let length = reader.buffer_position() - from;
                        r.text = r.text.saturating_add(length.saturating_mul(repeats));
                    }
                }
                "table:table-row" => end_row(&mut sheet, &mut row, &mut held),
                "table:table" => {
                    if let Some(done) = sheet.take()
                        && let Some(first) = done.first_used_row
                    {
                        let rows = done.last_used_row - first + 1;
                        held.block = held.block.saturating_add(rows.saturating_mul(done.width));
                        held.reached(&done.name, done.last_used_row, done.width.saturating_sub(1));
                    }
                    held.within_limits()?;
                }
                _ => {}
            },
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = attribute(&e, "table:name").unwrap_or_default();
                sheet = Some(OdsSheet {
                    name,
                    ..OdsSheet::default()
                });
            }
            Event::Eof => {
                if sheet.is_some() {
                    return Err(damaged("its content stops inside a sheet"));
                }
                return held.within_limits();
            }
            _ => {}
        }
        buf.clear();
    }
}

fn end_row(sheet: &mut Option<OdsSheet>, row: &mut Option<OdsRow>, held: &mut Held) {
    let (Some(s), Some(r)) = (sheet.as_mut(), row.take()) else {
        return;
    };
    let max_rows = u64::from(LAST_ROW) + 1;
    let repeats = r.repeats.min(max_rows.saturating_sub(s.rows));
    held.made = held.made.saturating_add(r.used);
    held.text = held.text.saturating_add(r.text.saturating_mul(repeats));
    if r.used > 0 && repeats > 0 {
        s.first_used_row.get_or_insert(s.rows);
        s.last_used_row = s.rows + repeats - 1;
        s.width = s.width.max(r.used);
    }
    s.rows += repeats;
}

// ---------------------------------------------------------------------------------------------
// Excel 97–2003

fn check_compound(bytes: &[u8]) -> Result<Kind, Refused> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| damaged(format!("its compound file is damaged ({e})")))?;
    if file.exists("/EncryptedPackage") || file.exists("/EncryptionInfo") {
        return Err(Refused::Encrypted);
    }
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| damaged("it holds no workbook stream"))?;
    let mut stream = vec![];
    file.open_stream(name)
        .and_then(|s| s.take(bytes.len() as u64).read_to_end(&mut stream))
        .map_err(|e| damaged(format!("its workbook stream cannot be read ({e})")))?;
    scan_biff(&stream)?;
    Ok(Kind::Xls)
}

/// A BIFF record: its type and its data.
struct Record<'a> {
    kind: u16,
    data: &'a [u8],
}

/// The records from `at` on, up to where the stream ends or a record runs past it.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = Record<'_>> {
    let mut at = at;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some(Record { kind, data })
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;

/// The workbook's globals (its shared strings, its sheets, whether it is encrypted), then
/// each sheet the globals name, as the library will read it.
fn scan_biff(stream: &[u8]) -> Result<(), Refused> {
    let mut sheets = vec![];
    let mut string_lengths = vec![];
    let mut globals = records(stream, 0).peekable();
    while let Some(record) = globals.next() {
        match record.kind {
            0x002F if u16_at(record.data, 0).is_some_and(|v| v != 0) => {
                return Err(Refused::Encrypted);
            }
            0x0085 => sheets.extend(u32_at(record.data, 0).map(|at| (at, sheet_name(record.data)))),
            0x00FC => {
                let mut parts = vec![record.data.get(8..).unwrap_or_default()];
                while let Some(next) = globals.next_if(|r| r.kind == CONTINUE) {
                    parts.push(next.data);
                }
                string_lengths = shared_string_lengths(&parts);
            }
            EOF => break,
            _ => {}
        }
    }
    let mut held = Held::default();
    for (at, name) in sheets {
        scan_biff_sheet(stream, (at as usize, &name), &string_lengths, &mut held)?;
        held.within_limits()?;
    }
    Ok(())
}

/// A sheet's name as its BoundSheet record gives it (BIFF8: a count of characters, a flag
/// byte, then one or two bytes a character).
fn sheet_name(data: &[u8]) -> String {
    let (Some(&count), Some(&flags)) = (data.get(6), data.get(7)) else {
        return String::new();
    };
    let chars = data.get(8..).unwrap_or_default();
    if flags & 1 == 0 {
        chars
            .iter()
            .take(usize::from(count))
            .map(|&b| char::from(b))
            .collect()
    } else {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(usize::from(count))
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    }
}

/// The cells of one sheet: the block they reach, how many, and the text they copy.
fn scan_biff_sheet(
    stream: &[u8],
    (at, name): (usize, &str),
    string_lengths: &[u64],
    held: &mut Held,
) -> Result<(), Refused> {
    let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0u32, u32::MAX, 0u32);
    let mut cells: u64 = 0;
    // Bytes of text the cells copy.
    let mut copied: u64 = 0;
    let mut depth = 0usize;
    let mut seen_bof = false;
    let mut cell = |row: u16, column: u16, text: u64| {
        let (row, column) = (u32::from(row), u32::from(column));
        top = top.min(row);
        bottom = bottom.max(row);
        left = left.min(column);
        right = right.max(column);
        cells += 1;
        copied = copied.saturating_add(text);
    };
    for record in records(stream, at) {
        let data = record.data;
        if depth > 0 {
            match record.kind {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match record.kind {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            0x0200 => {
                // The library makes room for the block the sheet's dimensions claim.
                let (first_row, last_row, first_column, last_column) = match data.len() {
                    10 => (
                        u64::from(u16_at(data, 0).unwrap_or(0)),
                        u64::from(u16_at(data, 2).unwrap_or(0)),
                        u64::from(u16_at(data, 4).unwrap_or(0)),
                        u64::from(u16_at(data, 6).unwrap_or(0)),
                    ),
                    14 | 16 => (
                        u64::from(u32_at(data, 0).unwrap_or(0)),
                        u64::from(u32_at(data, 4).unwrap_or(0)),
                        u64::from(u16_at(data, 8).unwrap_or(0)),
                        u64::from(u16_at(data, 10).unwrap_or(0)),
                    ),
                    _ => continue,
                };
                let first_column = if first_column > 0xFF || last_column < first_column {
                    0
                } else {
                    first_column
                };
                if last_row >= 1 && last_column >= 1 {
                    let rows = (last_row - 1)
                        .checked_sub(first_row)
                        .ok_or_else(|| damaged("a sheet's dimensions end before they begin"))?
                        + 1;
                    let columns = (last_column - 1).saturating_sub(first_column) + 1;
                    if rows.saturating_mul(columns) > CELLS_HELD_WHOLE {
                        held.reached(
                            name,
                            last_row.saturating_sub(1),
                            last_column.saturating_sub(1),
                        );
                        let at = held.far.clone().unwrap_or_default();
                        return Err(Refused::TooLarge(format!(
                            "{at}: it claims {rows} rows of {columns} columns, more than the {} million cells ratebook holds at once from this kind of workbook",
                            CELLS_HELD_WHOLE / 1_000_000
                        )));
                    }
                }
            }
            // Number, BoolErr, RK, Formula: one cell each.
            0x0203 | 0x0205 | 0x027E | 0x0006 => {
                if let (Some(row), Some(column)) = (u16_at(data, 0), u16_at(data, 2)) {
                    cell(row, column, 32);
                }
            }
            // Label and RString: a cell holding its own text.
            0x0204 | 0x00D6 => {
                if let (Some(row), Some(column)) = (u16_at(data, 0), u16_at(data, 2)) {
                    cell(row, column, 3 * data.len() as u64);
                }
            }
            // LabelSst: a cell holding a copy of a shared string.
            0x00FD => {
                if let (Some(row), Some(column), Some(i)) =
                    (u16_at(data, 0), u16_at(data, 2), u32_at(data, 6))
                {
                    let text = string_lengths.get(i as usize).copied().unwrap_or(0);
                    cell(row, column, text);
                }
            }
            // MulRk: a row of numbers.
            0x00BD if data.len() >= 6 => {
                if let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) {
                    let count = (data.len() - 6) / 6;
                    for i in 0..count {
                        cell(row, first.saturating_add(i as u16), 32);
                    }
                }
            }
            _ => {}
        }
    }
    if cells > 0 {
        let rows = u64::from(bottom - top) + 1;
        let columns = u64::from(right - left) + 1;
        held.block = held.block.saturating_add(rows * columns);
        held.reached(name, u64::from(bottom), u64::from(right));
    }
    held.made = held.made.saturating_add(cells);
    held.text = held.text.saturating_add(copied);
    Ok(())
}

/// The most bytes each shared string can take once decoded, in order. A string's characters
/// may run on into the next record (which then starts with one byte of flags); its formatting
/// runs and extra data are skipped wherever they fall.
fn shared_string_lengths(parts: &[&[u8]]) -> Vec<u64> {
    let mut reader = Parts {
        parts,
        part: 0,
        at: 0,
    };
    let mut lengths = vec![];
    loop {
        if reader.remaining_in_part() == 0 && !reader.next_part() {
            break;
        }
        let (Some(count), Some(flags)) = (reader.u16(), reader.u8()) else {
            break;
        };
        let runs = if flags & 0x08 != 0 {
            reader.u16().unwrap_or(0)
        } else {
            0
        };
        let extra = if flags & 0x04 != 0 {
            reader.u32().unwrap_or(0)
        } else {
            0
        };
        let mut wide = flags & 0x01 != 0;
        let mut left = u64::from(count);
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let here = (reader.remaining_in_part() / width).min(left as usize);
            reader.at += here * width;
            left -= here as u64;
            if left > 0 {
                if !reader.next_part() {
                    break;
                }
                let Some(flags) = reader.u8() else { break };
                wide = flags & 0x01 != 0;
            }
        }
        lengths.push(3 * u64::from(count));
        reader.skip(4 * u64::from(runs) + u64::from(extra));
    }
    lengths
}

/// Reading through a record and the records that continue it.
struct Parts<'a> {
    parts: &'a [&'a [u8]],
    part: usize,
    at: usize,
}

impl Parts<'_> {
    fn remaining_in_part(&self) -> usize {
        self.parts
            .get(self.part)
            .map_or(0, |p| p.len().saturating_sub(self.at))
    }

    fn next_part(&mut self) -> bool {
        self.part += 1;
        self.at = 0;
        self.part < self.parts.len()
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let bytes = self.parts.get(self.part)?.get(self.at..self.at + N)?;
        self.at += N;
        bytes.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }

    fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    fn skip(&mut self, mut bytes: u64) {
        while bytes > 0 {
            let here = (self.remaining_in_part() as u64).min(bytes);
            self.at += here as usize;
            bytes -= here;
            if bytes > 0 && !self.next_part() {
                break;
            }
        }
    }
}
