//! Recognising the roster's columns by their Chinese headers.
//!
//! Office sheets spell the same column many ways (`*业主姓名`, `建筑面积（㎡）`,
//! `手 机 号`); [`normalize_header`] strips the decoration and [`Field::from_header`]
//! maps what is left through a fixed synonym table. [`find_header_row`] picks the
//! header row among the first rows of a sheet.

/// A roster column the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 楼栋 (building).
    Building,
    /// 单元 (entrance).
    Entrance,
    /// 房号 (room).
    Room,
    /// 房屋 (a combined address such as `3-2-1502`).
    Address,
    /// 建筑面积 (building area, m²).
    Area,
    /// 房屋状态 (occupancy status).
    Status,
    /// 业主姓名 (owner's name).
    OwnerName,
    /// 联系电话 (phone).
    Phone,
    /// 身份证号 (resident ID number).
    IdNumber,
    /// 与业主关系 (relation to the owner).
    Relation,
    /// 入住日期 (move-in date).
    MoveIn,
    /// 紧急联系人 (emergency contact).
    EmergencyContact,
    /// 紧急联系电话 (emergency contact's phone).
    EmergencyPhone,
    /// 备注 (note).
    Note,
}

/// Every field with its accepted headers (already normalised), canonical name first.
const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Building, &["楼栋", "楼号", "栋号", "楼栋号", "幢"]),
    (Field::Entrance, &["单元", "单元号"]),
    (Field::Room, &["房号", "房间号", "室号", "门牌号"]),
    (
        Field::Address,
        &["房屋", "房屋地址", "房屋编号", "地址", "楼栋单元房号"],
    ),
    (Field::Area, &["建筑面积", "面积"]),
    (Field::Status, &["状态", "房屋状态"]),
    (Field::OwnerName, &["业主姓名", "业主", "姓名", "户主"]),
    (
        Field::Phone,
        &["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式"],
    ),
    (
        Field::IdNumber,
        &["身份证号", "身份证号码", "证件号码", "身份证"],
    ),
    (Field::Relation, &["关系", "与业主关系", "身份"]),
    (Field::MoveIn, &["入住日期", "入住时间", "交房日期"]),
    (Field::EmergencyContact, &["紧急联系人"]),
    (Field::EmergencyPhone, &["紧急联系电话", "紧急联系人电话"]),
    (Field::Note, &["备注"]),
];

/// How many rows from the top of a sheet are searched for the header row.
pub const HEADER_SEARCH_ROWS: usize = 10;

impl Field {
    /// All fields, in the order of [`crate::import::RawRosterRow`].
    pub const ALL: [Field; 14] = [
        Field::Building,
        Field::Entrance,
        Field::Room,
        Field::Address,
        Field::Area,
        Field::Status,
        Field::OwnerName,
        Field::Phone,
        Field::IdNumber,
        Field::Relation,
        Field::MoveIn,
        Field::EmergencyContact,
        Field::EmergencyPhone,
        Field::Note,
    ];

    /// The headers accepted for this field, canonical (shown to the receptionist) first.
    pub fn synonyms(self) -> &'static [&'static str] {
        SYNONYMS
            .iter()
            .find(|(f, _)| *f == self)
            .map_or(&[][..], |(_, names)| *names)
    }

    /// The canonical Chinese header of this field, e.g. `业主姓名`.
    pub fn label(self) -> &'static str {
        self.synonyms().first().copied().unwrap_or("")
    }

    /// The field a header cell names, if any, after [`normalize_header`].
    pub fn from_header(header: &str) -> Option<Field> {
        let key = normalize_header(header);
        if key.is_empty() {
            return None;
        }
        SYNONYMS
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
            .map(|(f, _)| *f)
    }

    /// Whether this field locates the unit (楼栋, 房号 or a combined 房屋 column).
    fn locates_unit(self) -> bool {
        matches!(self, Field::Building | Field::Room | Field::Address)
    }
}

/// Strips what offices decorate headers with: whitespace (also full-width), full-width
/// letters and punctuation (folded to ASCII), `*` required-markers, colons and any
/// parenthesised or bracketed unit such as `（㎡）`, `(元)`, `【必填】`.
pub fn normalize_header(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        let c = fold_full_width(c);
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '*' | ':' | '：' | '※' => {}
            _ if c.is_whitespace() => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Maps full-width ASCII variants (`Ａ`, `（`, `＊`) and the ideographic space to ASCII.
fn fold_full_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        _ => c,
    }
}

/// The columns recognised in one header row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeaderMap {
    /// `(column index, field, header as found)`, one entry per field, left to right.
    pub columns: Vec<(usize, Field, String)>,
    /// Non-empty headers that name no field, or name a field already taken by a column
    /// further left.
    pub ignored: Vec<String>,
}

impl HeaderMap {
    /// Recognises the headers of one row of cells (as displayed text).
    pub fn from_cells(cells: &[String]) -> HeaderMap {
        let mut map = HeaderMap::default();
        for (col, text) in cells.iter().enumerate() {
            let shown = text.trim();
            if shown.is_empty() {
                continue;
            }
            match Field::from_header(shown) {
                Some(field) if map.column_of(field).is_none() => {
                    map.columns.push((col, field, shown.to_owned()));
                }
                _ => map.ignored.push(shown.to_owned()),
            }
        }
        // A lone 房号 column without 楼栋 holds the whole address ("3-2-1502").
        if map.column_of(Field::Building).is_none() && map.column_of(Field::Address).is_none() {
            for entry in &mut map.columns {
                if entry.1 == Field::Room {
                    entry.1 = Field::Address;
                }
            }
        }
        map
    }

    /// The column index holding `field`, if the header row has it.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, f, _)| *f == field)
            .map(|(col, _, _)| *col)
    }

    /// Whether this row is good enough to be the header: it locates the unit and names
    /// the owner.
    pub fn is_usable(&self) -> bool {
        self.columns.iter().any(|(_, f, _)| f.locates_unit())
            && self.columns.iter().any(|(_, f, _)| *f == Field::OwnerName)
    }
}

/// Picks the header row among the first [`HEADER_SEARCH_ROWS`] rows: the usable one with
/// the most recognised columns (the upper one on a tie). Returns its index in `rows`.
pub fn find_header_row(rows: &[Vec<String>]) -> Option<(usize, HeaderMap)> {
    let mut best: Option<(usize, HeaderMap)> = None;
    for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let map = HeaderMap::from_cells(row);
        if !map.is_usable() {
            continue;
        }
        let better = best
            .as_ref()
            .is_none_or(|(_, b)| map.columns.len() > b.columns.len());
        if better {
            best = Some((i, map));
        }
    }
    best
}

/// The list of accepted headers, for the "no header row" error message.
pub fn expected_headers_text() -> String {
    SYNONYMS
        .iter()
        .map(|(_, names)| names.join("/"))
        .collect::<Vec<_>>()
        .join("，")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn normalises_decorated_headers() {
        assert_eq!(normalize_header(" *业主 姓名 "), "业主姓名");
        assert_eq!(normalize_header("建筑面积（㎡）"), "建筑面积");
        assert_eq!(normalize_header("建筑面积(m²)"), "建筑面积");
        assert_eq!(normalize_header("＊身份证号【必填】"), "身份证号");
        assert_eq!(normalize_header("联系电话："), "联系电话");
        assert_eq!(normalize_header("手\u{3000}机"), "手机");
    }

    #[test]
    fn maps_every_synonym() {
        for (field, names) in SYNONYMS {
            for name in *names {
                assert_eq!(Field::from_header(name), Some(*field), "{name}");
            }
        }
        assert_eq!(Field::from_header("建筑面积（m²）"), Some(Field::Area));
        assert_eq!(
            Field::from_header("紧急联系人电话"),
            Some(Field::EmergencyPhone)
        );
        assert_eq!(Field::from_header("序号"), None);
        assert_eq!(Field::from_header(""), None);
    }

    #[test]
    fn every_field_has_a_label() {
        for field in Field::ALL {
            assert!(!field.label().is_empty());
        }
        assert_eq!(Field::OwnerName.label(), "业主姓名");
    }

    #[test]
    fn header_row_below_a_title() {
        let rows = vec![
            row(&["幸福小区业主花名册"]),
            row(&[]),
            row(&[
                "序号",
                "楼栋",
                "单元",
                "房号",
                "*业主姓名",
                "手机",
                "手机号",
            ]),
            row(&["1", "3", "2", "1502", "张三", "13800138000", ""]),
        ];
        let (i, map) = find_header_row(&rows).expect("header found");
        assert_eq!(i, 2);
        assert_eq!(map.column_of(Field::Room), Some(3));
        assert_eq!(map.column_of(Field::Phone), Some(5));
        assert_eq!(map.ignored, vec!["序号".to_owned(), "手机号".to_owned()]);
    }

    #[test]
    fn header_needs_unit_and_owner() {
        assert!(find_header_row(&[row(&["业主姓名", "电话"])]).is_none());
        assert!(find_header_row(&[row(&["楼栋", "单元", "房号"])]).is_none());
    }

    #[test]
    fn lone_room_column_is_the_address() {
        let map = HeaderMap::from_cells(&row(&["房号", "业主"]));
        assert_eq!(map.column_of(Field::Address), Some(0));
        assert_eq!(map.column_of(Field::Room), None);
        let map = HeaderMap::from_cells(&row(&["楼号", "房号", "业主"]));
        assert_eq!(map.column_of(Field::Room), Some(1));
    }
}
