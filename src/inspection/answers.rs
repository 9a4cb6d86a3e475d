//! Inspection stage: a case's answers, kept compactly. The column names are held once per
//! cases file and shared; each case keeps only its answered cells, as a column number and a
//! one-byte answer, so a loaded cases file takes a small multiple of its size on disk.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Answer;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// The answer columns of the cases file, sorted; shared by every case of the file.
    columns: Arc<[String]>,
    /// (column number in `columns`, answer), sorted by column number.
    cells: Vec<(u32, Answer)>,
}

impl Answers {
    /// No answers yet, over the answer columns `columns` (sorted, each once).
    pub fn new(columns: Arc<[String]>) -> Answers {
        Answers {
            columns,
            cells: vec![],
        }
    }

    fn column(&self, id: &str) -> Option<u32> {
        self.columns
            .binary_search_by(|c| c.as_str().cmp(id))
            .ok()
            .and_then(|i| u32::try_from(i).ok())
    }

    fn cell(&self, id: &str) -> Result<usize, usize> {
        match self.column(id) {
            Some(column) => self.cells.binary_search_by_key(&column, |(c, _)| *c),
            None => Err(usize::MAX),
        }
    }

    /// The answer in column `id`, with the column's number found once for every case that
    /// shares `self`'s column list (`cache` remembers it between calls): a tally over many
    /// cases of one file looks the column up once, not once per case.
    pub fn get_cached(&self, id: &str, cache: &mut ColumnCache) -> Option<&Answer> {
        let column = match &cache.0 {
            Some((columns, column)) if Arc::ptr_eq(columns, &self.columns) => *column,
            _ => {
                let column = self.column(id);
                cache.0 = Some((self.columns.clone(), column));
                column
            }
        }?;
        let i = self.cells.binary_search_by_key(&column, |(c, _)| *c).ok()?;
        Some(&self.cells[i].1)
    }

    /// The answer in column `id`; `None` for an empty cell or a column the file does not have.
    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.cell(id).ok().map(|i| &self.cells[i].1)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Answer> {
        self.cell(id).ok().map(|i| &mut self.cells[i].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.cell(id).is_ok()
    }

    /// Record the answer in column `id`, which must be one of the file's answer columns;
    /// returns whether it is.
    pub fn insert(&mut self, id: &str, answer: Answer) -> bool {
        let Some(column) = self.column(id) else {
            return false;
        };
        match self.cells.binary_search_by_key(&column, |(c, _)| *c) {
            Ok(i) => self.cells[i].1 = answer,
            Err(i) => self.cells.insert(i, (column, answer)),
        }
        true
    }

    /// Give back the room kept for more answers, once a case's row is read.
    pub fn shrink_to_fit(&mut self) {
        self.cells.shrink_to_fit();
    }

    /// Every answer with its column, in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.cells
            .iter()
            .map(|(c, a)| (self.columns[*c as usize].as_str(), a))
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Answer> {
        self.cells.iter_mut().map(|(_, a)| a)
    }
}

/// A column's number in the column list last seen, for [`Answers::get_cached`].
#[derive(Debug, Default)]
pub struct ColumnCache(Option<(Arc<[String]>, Option<u32>)>);

impl From<BTreeMap<String, Answer>> for Answers {
    fn from(map: BTreeMap<String, Answer>) -> Answers {
        let columns: Arc<[String]> = map.keys().cloned().collect();
        let cells = map
            .values()
            .enumerate()
            .map(|(i, a)| (u32::try_from(i).unwrap_or(u32::MAX), *a))
            .collect();
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
        assert_eq!(answers.get("2.1.1"), Some(&Answer::Yes));
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
        assert_eq!(one.get_cached("2.1.1", &mut cache), Some(&Answer::Yes));
        assert_eq!(other.get_cached("2.1.1", &mut cache), Some(&Answer::No));
        assert_eq!(one.get_cached("2.1.1", &mut cache), Some(&Answer::Yes));
    }
}
