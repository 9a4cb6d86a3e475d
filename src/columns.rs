//! Plain-text columns, shared by the rule printer (band rows in `show`) and the reports
//! (ratings pages, comparisons).

/// Lay rows out in columns two spaces apart, each as wide as its widest cell. A row with a
/// single cell (a heading) is written as it is and does not widen the first column.
pub fn align(rows: &[Vec<String>]) -> Vec<String> {
    let mut widths: Vec<usize> = vec![];
    for row in rows.iter().filter(|r| r.len() > 1) {
        for (i, cell) in row.iter().enumerate() {
            let width = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if row.len() > 1 && i + 1 < row.len() {
                    let pad = widths
                        .get(i)
                        .copied()
                        .unwrap_or(0)
                        .saturating_sub(cell.chars().count());
                    line.push_str(&" ".repeat(pad + 2));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}
