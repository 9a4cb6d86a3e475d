//! Inspection stage: a case's answers, kept compactly. The column names are held once per
//! cases file and shared; each case keeps one byte per answer column (empty, yes, no or not
//! applicable), so a loaded cases file takes less memory than its text on disk.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Answer;

/// One case's answers to key questions and prompts, by column id; empty cells are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// The answer columns of the cases file, sorted; shared by every case of the file.
    columns: Arc<[String]>,
    /// One byte per column of `columns`: the answer's [`code`], 0 for an empty cell.
    cells: Box<[u8]>,
}

/// An answer as one byte: 0 is an empty cell.
fn code(answer: Answer) -> u8 {
    match answer {
        Answer::Yes => 1,
        Answer::No => 2,
        Answer::NotApplicable => 3,
    }
}

fn decode(byte: u8) -> Option<Answer> {
    match byte {
        1 => Some(Answer::Yes),
        2 => Some(Answer::No),
        3 => Some(Answer::NotApplicable),
        _ => None,
    }
}

impl Answers {
    /// No answers yet, over the answer columns `columns` (sorted, each once).
    pub fn new(columns: Arc<[String]>) -> Answers {
        let cells = vec![0; columns.len()].into_boxed_slice();
        Answers { columns, cells }
    }

    /// The number of column `id` in this case's column list.
    pub fn column(&self, id: &str) -> Option<usize> {
        self.columns.binary_search_by(|c| c.as_str().cmp(id)).ok()
    }

    /// The answer in column number `column` (from [`Answers::column`]).
    pub fn at(&self, column: usize) -> Option<Answer> {
        self.cells.get(column).copied().and_then(decode)
    }

    /// The answer in column `id`, with the column's number found once for every case that
    /// shares `self`'s column list (`cache` remembers it between calls): a tally over many
    /// cases of one file looks the column up once, not once per case.
    pub fn get_cached(&self, id: &str, cache: &mut ColumnCache) -> Option<Answer> {
        let column = match &cache.0 {
            Some((columns, column)) if Arc::ptr_eq(columns, &self.columns) => *column,
            _ => {
                let column = self.column(id);
                cache.0 = Some((self.columns.clone(), column));
                column
            }
        }?;
        self.at(column)
    }

    /// The answer in column `id`; `None` for an empty cell or a column the file does not have.
    pub fn get(&self, id: &str) -> Option<Answer> {
        self.at(self.column(id)?)
    }

    /// Whether the case answered the column `id` at all.
    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Record the answer in column `id`, which must be one of the file's answer columns;
    /// returns whether it is.
    pub fn insert(&mut self, id: &str, answer: Answer) -> bool {
        match self.column(id) {
            Some(column) => self.set(column, answer),
            None => false,
        }
    }

    /// Record the answer in column number `column`; returns whether there is such a column.
    pub fn set(&mut self, column: usize, answer: Answer) -> bool {
        match self.cells.get_mut(column) {
            Some(cell) => {
                *cell = code(answer);
                true
            }
            None => false,
        }
    }

    /// Every answer with its column, in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Answer)> {
        self.cells
            .iter()
            .enumerate()
            .filter_map(|(c, a)| Some((self.columns[c].as_str(), decode(*a)?)))
    }
}

/// A column's number in the column list last seen, for [`Answers::get_cached`].
#[derive(Debug, Default)]
pub struct ColumnCache(Option<(Arc<[String]>, Option<usize>)>);

impl From<BTreeMap<String, Answer>> for Answers {
    fn from(map: BTreeMap<String, Answer>) -> Answers {
        let columns: Arc<[String]> = map.keys().cloned().collect();
        let cells = map.values().map(|a| code(*a)).collect();
        Answers { columns, cells }
    }
}

impl FromIterator<(String, Answer)> for Answers {
    fn from_iter<I: IntoIterator<Item = (String, Answer)>>(iter: I) -> Answers {
        Answers::from(iter.into_iter().collect::<BTreeMap<_, _>>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_found_by_column_whatever_order_they_are_given_in() {
        let columns: Arc<[String]> = ["2.1.1", "2.1.1a", "2.1.2"].map(String::from).into();
        let mut answers = Answers::new(columns);
        assert!(answers.insert("2.1.2", Answer::No));
        assert!(answers.insert("2.1.1", Answer::Yes));
        assert!(!answers.insert("9.9.9", Answer::Yes));
        assert_eq!(answers.get("2.1.1"), Some(Answer::Yes));
        assert_eq!(answers.get("2.1.1a"), None);
        assert_eq!(answers.get("9.9.9"), None);
        let order: Vec<&str> = answers.iter().map(|(c, _)| c).collect();
        assert_eq!(order, ["2.1.1", "2.1.2"]);
    }

    #[test]
    fn a_cached_column_is_found_again_for_another_file_s_columns() {
        let one: Answers = [("2.1.1".to_string(), Answer::Yes)].into_iter().collect();
        let other: Answers = [
            ("2.1.0".to_string(), Answer::NotApplicable),
            ("2.1.1".to_string(), Answer::No),
        ]
        .into_iter()
        .collect();
        let mut cache = ColumnCache::default();
        assert_eq!(one.get_cached("2.1.1", &mut cache), Some(Answer::Yes));
        assert_eq!(other.get_cached("2.1.1", &mut cache), Some(Answer::No));
        assert_eq!(one.get_cached("2.1.1", &mut cache), Some(Answer::Yes));
    }
}
