//! The archive's tables in the desk's terms: workbooks of sheets of typed cells, as each tab
//! hands its registers over. No file format here; the archive writes them as .xlsx.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::money::Fen;

/// One cell of a register, typed so the spreadsheet shows dates as dates and money as money.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing recorded.
    Empty,
    /// Text as the desk shows it (IDs and phones already masked).
    Text(String),
    /// A count or a number that is not money.
    Int(i64),
    /// Money, written as a number of yuan with a ¥ format.
    Money(Fen),
    /// A day.
    Date(NaiveDate),
    /// A local time.
    Time(NaiveDateTime),
    /// A share from 0 to 1, written with a % format.
    Ratio(f64),
}

impl Cell {
    /// Text, or [`Cell::Empty`] when blank.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// A time if there is one.
    pub fn time(t: Option<NaiveDateTime>) -> Cell {
        t.map_or(Cell::Empty, Cell::Time)
    }

    /// A day if there is one.
    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// Money if there is some recorded.
    pub fn money(f: Option<Fen>) -> Cell {
        f.map_or(Cell::Empty, Cell::Money)
    }

    /// `是` or `否`.
    pub fn yes_no(b: bool) -> Cell {
        Cell::Text(if b { "是" } else { "否" }.to_string())
    }
}

/// One sheet: Chinese column headers and its rows, each as long as the headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's tab name (at most 31 characters, no `[]:*?/\`).
    pub name: String,
    /// Column headers.
    pub headers: Vec<&'static str>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// An empty sheet with its headers.
    pub fn new(name: &str, headers: &[&'static str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Appends a row. A row of the wrong length is a defect of the register that built it.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "sheet {}", self.name);
        self.rows.push(row);
    }
}

/// One register as one .xlsx file.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// File name without the month or extension, e.g. `钥匙登记` (the archive writes
    /// `钥匙登记-2026-11.xlsx`).
    pub name: &'static str,
    /// One line for 说明.txt: what the file holds.
    pub about: &'static str,
    /// Its sheets, in order.
    pub sheets: Vec<Sheet>,
}
