//! Breakdown stage: small-cell suppression. A cell answered by fewer cases than the rules allow
//! (but not none) is suppressed; then, wherever a shown total and its parts would let one
//! suppressed cell be worked out by subtraction, another cell of that sum is suppressed too
//! (complementary suppression), until no sum has exactly one suppressed cell.

/// One cell of a table: how many cases (or answers) it counts, how many of them are yes, and
/// whether its figures may be shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Cases (or answers) counted.
    pub n: u32,
    /// Of them, those answering yes.
    pub yes: u32,
    /// Whether the count is too small to show, or would give a small one away.
    pub suppressed: bool,
}

impl Count {
    /// Count one more case, answering yes or no.
    pub fn add(&mut self, yes: bool) {
        self.n += 1;
        self.yes += u32::from(yes);
    }

    /// 100 × yes / n, exact; `None` when nothing was counted.
    pub fn percent(&self) -> Option<f64> {
        (self.n > 0).then(|| 100.0 * f64::from(self.yes) / f64::from(self.n))
    }
}

/// A sum a reader can see: `total` is the sum of `parts` (indices into the table's cells).
#[derive(Debug, Clone)]
pub struct Relation {
    /// The cell that is the sum.
    pub total: usize,
    /// The cells it is the sum of.
    pub parts: Vec<usize>,
}

/// Suppress every cell with `0 < n < below`, then the complements each relation needs. A
/// complement is the relation's smallest shown part that counts anything; where no such part
/// is left, the total itself.
pub fn suppress(cells: &mut [Count], relations: &[Relation], below: u32) {
    for cell in cells.iter_mut() {
        cell.suppressed = cell.n > 0 && cell.n < below;
    }
    loop {
        let mut changed = false;
        for relation in relations {
            let members = relation.parts.iter().chain([&relation.total]);
            let hidden = members.filter(|&&i| cells[i].suppressed).count();
            if hidden != 1 {
                continue;
            }
            let complement = relation
                .parts
                .iter()
                .copied()
                .filter(|&i| !cells[i].suppressed && cells[i].n > 0)
                .min_by_key(|&i| (cells[i].n, i))
                .or((!cells[relation.total].suppressed).then_some(relation.total));
            if let Some(i) = complement {
                cells[i].suppressed = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(ns: &[u32]) -> Vec<Count> {
        ns.iter()
            .map(|&n| Count {
                n,
                yes: 0,
                suppressed: false,
            })
            .collect()
    }

    fn hidden(cells: &[Count]) -> Vec<usize> {
        (0..cells.len()).filter(|&i| cells[i].suppressed).collect()
    }

    #[test]
    fn a_small_cell_takes_the_next_smallest_with_it() {
        // Groups 3, 40, 12 and their total 55: 3 alone could be worked out as 55 − 40 − 12.
        let mut table = cells(&[3, 40, 12, 55]);
        suppress(
            &mut table,
            &[Relation {
                total: 3,
                parts: vec![0, 1, 2],
            }],
            5,
        );
        assert_eq!(hidden(&table), [0, 2]);
    }

    #[test]
    fn two_small_cells_protect_each_other_and_empty_cells_show() {
        let mut table = cells(&[3, 4, 0, 30, 37]);
        suppress(
            &mut table,
            &[Relation {
                total: 4,
                parts: vec![0, 1, 2, 3],
            }],
            5,
        );
        assert_eq!(hidden(&table), [0, 1]);
    }

    #[test]
    fn with_no_other_part_the_total_is_suppressed() {
        let mut table = cells(&[3, 0, 3]);
        suppress(
            &mut table,
            &[Relation {
                total: 2,
                parts: vec![0, 1],
            }],
            5,
        );
        assert_eq!(hidden(&table), [0, 2]);
    }

    #[test]
    fn suppression_spreads_across_rows_and_columns_until_no_sum_gives_a_cell_away() {
        // A 2 × 2 table with row and column totals and a grand total:
        //   2  10 | 12
        //  20  30 | 50
        //  22  40 | 62
        let mut table = cells(&[2, 10, 12, 20, 30, 50, 22, 40, 62]);
        let relations = [
            Relation {
                total: 2,
                parts: vec![0, 1],
            },
            Relation {
                total: 5,
                parts: vec![3, 4],
            },
            Relation {
                total: 8,
                parts: vec![6, 7],
            },
            Relation {
                total: 6,
                parts: vec![0, 3],
            },
            Relation {
                total: 7,
                parts: vec![1, 4],
            },
            Relation {
                total: 8,
                parts: vec![2, 5],
            },
        ];
        suppress(&mut table, &relations, 5);
        for relation in &relations {
            let members = relation.parts.iter().chain([&relation.total]);
            assert_ne!(members.filter(|&&i| table[i].suppressed).count(), 1);
        }
        assert!(table[0].suppressed);
    }
}
