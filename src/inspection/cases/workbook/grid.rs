//! A sheet's cells, as the workbook library hands them over one by one, made into the rows
//! the cases reader reads: from the header row (the first row that names the `case` column)
//! on, and from the sheet's first used column to the header's last. Only those cells are
//! kept; a value right of the header's last column is counted, for a warning, and not kept.
//! What is kept stays within [`CELLS_KEPT`], whatever the sheet's far corner.
//!
//! Nothing here reads a file or knows which library read the cells.

use super::container::Refused;
use super::limits::{CELLS_KEPT, LAST_COLUMN, LAST_ROW, TEXT_KEPT, last_cell};

/// A cell: its row and column (from 0) and its text.
type Cell = (u32, u32, String);

/// The cells of one sheet, taken as they come.
#[derive(Default)]
pub(super) struct Grid {
    /// The header's row, once a cell naming `case` is seen.
    header_row: Option<u32>,
    /// The header's last column, once a cell of a later row shows the header row is complete.
    header_end: Option<u32>,
    /// The first column any cell stands in.
    first_column: Option<u32>,
    cells: Vec<Cell>,
    /// The bytes of text kept.
    text: u64,
    /// The cells right of the header's last column: the first, and how many.
    beyond: Option<(u32, u32)>,
    beyond_count: u64,
}

/// A sheet's rows from its header on, as the cases reader takes them.
pub(super) struct Rows {
    /// The sheet row the header stands on, counted from 1.
    pub(super) header_row: usize,
    /// The sheet column the first column stands in (0 for A).
    pub(super) first_column: usize,
    /// The rows as CSV, every row as wide as the header.
    pub(super) csv: Vec<u8>,
    /// The first cell right of the header's last column (`XFD20`), and how many there are.
    pub(super) beyond: Option<(String, u64)>,
}

impl Grid {
    /// Take one cell. A cell beyond the last a sheet can have is refused, and so is a sheet
    /// whose cases would take more than [`CELLS_KEPT`] cells.
    pub(super) fn add(&mut self, row: u32, column: u32, text: String) -> Result<(), Refused> {
        if row > LAST_ROW || column > LAST_COLUMN {
            return Err(Refused::Damaged(format!(
                "it has a cell at {}, beyond the last cell a sheet can have ({})",
                super::cell_name(row, column),
                last_cell()
            )));
        }
        if text.trim().is_empty() {
            return Ok(());
        }
        self.first_column = Some(self.first_column.map_or(column, |c| c.min(column)));
        match (self.header_row, self.header_end) {
            (None, _) => {
                if text.trim().eq_ignore_ascii_case("case") {
                    self.header_row = Some(row);
                }
                self.keep((row, column, text))
            }
            (Some(header), None) if row == header => self.keep((row, column, text)),
            (Some(header), None) => {
                let end = self.header_end_now(header);
                self.header_end = Some(end);
                self.add_after_header(header, end, (row, column, text))
            }
            (Some(header), Some(end)) => self.add_after_header(header, end, (row, column, text)),
        }
    }

    fn header_end_now(&self, header: u32) -> u32 {
        (self.cells.iter())
            .filter(|c| c.0 == header)
            .map(|c| c.1)
            .max()
            .unwrap_or(0)
    }

    fn add_after_header(&mut self, header: u32, end: u32, cell: Cell) -> Result<(), Refused> {
        let (row, column) = (cell.0, cell.1);
        if row < header {
            // Above the header: titles and notes, which are not read.
            return Ok(());
        }
        if column > end {
            if self.beyond.is_none() {
                self.beyond = Some((row, column));
            }
            self.beyond_count += 1;
            return Ok(());
        }
        let rows = u64::from(row - header) + 1;
        if rows * (u64::from(end) + 1) > CELLS_KEPT {
            return Err(Refused::TooLarge(format!(
                "its cases reach row {} over {} columns, more than the {} million cells ratebook reads from a sheet",
                row + 1,
                end + 1,
                CELLS_KEPT / 1_000_000
            )));
        }
        self.keep(cell)
    }

    fn keep(&mut self, cell: Cell) -> Result<(), Refused> {
        if self.cells.len() as u64 >= CELLS_KEPT {
            return Err(Refused::TooLarge(format!(
                "it has more than {} million cells before its cases end, the most ratebook reads from a sheet",
                CELLS_KEPT / 1_000_000
            )));
        }
        self.text += cell.2.len() as u64;
        if self.text > TEXT_KEPT {
            return Err(Refused::TooLarge(format!(
                "its cells hold more than {} MB of text, the most ratebook reads from a sheet",
                TEXT_KEPT / (1024 * 1024)
            )));
        }
        self.cells.push(cell);
        Ok(())
    }

    /// Whether a row names the `case` column.
    pub(super) fn has_header(&self) -> bool {
        self.header_row.is_some()
    }

    /// The rows from the header on; `None` when no row names the `case` column.
    pub(super) fn rows(mut self) -> Option<Rows> {
        let header = self.header_row?;
        let end = self
            .header_end
            .unwrap_or_else(|| self.header_end_now(header));
        let first = self.first_column.unwrap_or(0).min(end);
        // In row order; where a cell is given twice, the later one stands.
        // Every cell after the header row was kept only within the header's columns.
        self.cells.retain(|c| c.0 >= header);
        self.cells.reverse();
        self.cells.sort_by_key(|c| (c.0, c.1));
        self.cells.dedup_by_key(|c| (c.0, c.1));
        let width = (end - first + 1) as usize;
        let last_row = self.cells.last().map_or(header, |c| c.0);
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(vec![]);
        let mut cells = self.cells.into_iter().peekable();
        let mut record: Vec<String> = vec![String::new(); width];
        for row in header..=last_row {
            record.iter_mut().for_each(String::clear);
            while let Some(cell) = cells.next_if(|c| c.0 == row) {
                record[(cell.1 - first) as usize] = cell.2;
            }
            // Writing to memory cannot fail.
            csv.write_record(&record).ok()?;
        }
        Some(Rows {
            header_row: header as usize + 1,
            first_column: first as usize,
            csv: csv.into_inner().ok()?,
            beyond: self
                .beyond
                .map(|(row, column)| (super::cell_name(row, column), self.beyond_count)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(cells: &[(u32, u32, &str)]) -> Result<Grid, Refused> {
        let mut grid = Grid::default();
        for (row, column, text) in cells {
            grid.add(*row, *column, text.to_string())?;
        }
        Ok(grid)
    }

    fn csv(rows: &Rows) -> &str {
        std::str::from_utf8(&rows.csv).unwrap()
    }

    #[test]
    fn the_rows_run_from_the_header_over_its_columns() {
        let rows = grid(&[
            (0, 0, "Example team: case data"),
            (2, 1, "case"),
            (2, 2, "domain"),
            (3, 1, "C1"),
            (3, 2, "court"),
            (5, 1, "C2"),
        ])
        .unwrap()
        .rows()
        .unwrap();
        assert_eq!((rows.header_row, rows.first_column), (3, 0));
        assert_eq!(csv(&rows), ",case,domain\n,C1,court\n,,\n,C2,\n");
        assert!(rows.beyond.is_none());
    }

    #[test]
    fn a_value_right_of_the_header_is_counted_not_kept() {
        let rows = grid(&[
            (0, 0, "case"),
            (1, 0, "C1"),
            (1, 16_383, "note"),
            (1_048_575, 16_383, "x"),
        ])
        .unwrap()
        .rows()
        .unwrap();
        assert_eq!(csv(&rows), "case\nC1\n");
        assert_eq!(rows.beyond, Some(("XFD2".to_string(), 2)));
    }

    #[test]
    fn a_cell_past_the_last_a_sheet_can_have_is_refused() {
        let refused = grid(&[(1_048_576, 0, "x")]).err().unwrap();
        assert_eq!(
            refused,
            Refused::Damaged(
                "it has a cell at A1048577, beyond the last cell a sheet can have (XFD1048576)"
                    .into()
            )
        );
    }

    #[test]
    fn cases_over_too_many_cells_are_refused_before_they_are_kept() {
        let mut cells = vec![(0, 0, "case"), (0, 9_999, "last")];
        cells.push((1_000_000, 0, "C1"));
        assert!(matches!(grid(&cells), Err(Refused::TooLarge(_))));
    }

    #[test]
    fn cells_holding_too_much_text_are_refused() {
        let mut grid = Grid::default();
        grid.add(0, 0, "case".into()).unwrap();
        let long = "x".repeat(64 * 1024 * 1024);
        let refused = (1..10).find_map(|row| grid.add(row, 0, long.clone()).err());
        assert!(matches!(refused, Some(Refused::TooLarge(_))));
    }

    #[test]
    fn no_row_naming_case_is_no_rows() {
        assert!(
            grid(&[(0, 0, "id"), (1, 0, "C1")])
                .unwrap()
                .rows()
                .is_none()
        );
    }
}
