//! The limits a workbook is read within, stated once: the README's "Files ratebook reads"
//! gives the same numbers. Each keeps memory and time bounded whatever a workbook claims;
//! none is near what a real inspection's cases need.
//!
//! Nothing here reads a file.

/// The last row a sheet can have (row 1,048,576), counted from 0: a cell further down is not
/// in any workbook a spreadsheet program writes.
pub(super) const LAST_ROW: u32 = 1_048_575;

/// The last column a sheet can have (XFD), counted from 0.
pub(super) const LAST_COLUMN: u32 = 16_383;

/// Cells kept from a sheet: from the header row to the last row holding a case, and from the
/// first column to the header's last, 50 million in all (100,000 cases of 500 columns).
pub(super) const CELLS_KEPT: u64 = 50_000_000;

/// Text kept from a sheet's cells: 256 MB (a real inspection's cases hold a few).
pub(super) const TEXT_KEPT: u64 = 256 * 1024 * 1024;

/// Cells in the block a whole-sheet reader (`.xls`, `.ods`) holds at once, summed over the
/// workbook's sheets: from each sheet's first used cell to its last, 6 million in all
/// (100,000 cases of 60 columns).
pub(super) const CELLS_HELD_WHOLE: u64 = 6_000_000;

/// Text held at once by a whole-sheet reader (`.xls`, `.ods`), which copies a cell's text
/// into every cell that repeats or shares it: 256 MB.
pub(super) const TEXT_HELD_WHOLE: u64 = 256 * 1024 * 1024;

/// A part of a workbook read whole into memory (shared strings, styles, the workbook part, an
/// `.ods` file's content): at most this many bytes once decompressed.
pub(super) const PART_READ_WHOLE: u64 = 128 * 1024 * 1024;

/// The name of the last column (XFD) and the last row, for a diagnostic.
pub(super) fn last_cell() -> String {
    super::cell_name(LAST_ROW, LAST_COLUMN)
}
