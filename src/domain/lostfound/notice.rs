//! What the 招领启事 at the entrance may say about an item: its kind, where and on which day it
//! was found — never its name, model, colour, marks, contents or amount, which the owner must
//! tell the desk to prove the item is theirs.

use chrono::NaiveDate;

use super::{Category, FoundItem};
use crate::domain::date::paper_date;

/// One line of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicLine {
    /// 编号, which the owner may quote.
    pub number: String,
    /// The kind only: `手机`, `钱包`.
    pub what: String,
    /// 拾获地点.
    pub place: String,
    /// 拾获日期, `2026年11月20日`.
    pub found_on: String,
}

/// The notice's line for an item: the kind, the place and the day, nothing else of it.
pub fn public_line(number: &str, item: &FoundItem) -> PublicLine {
    PublicLine {
        number: number.to_string(),
        what: item.category.label().to_string(),
        place: item.place.trim().to_string(),
        found_on: paper_date(item.found_at.date()),
    }
}

/// The same as one sentence, for the screen: `手机，2026年11月20日在1号楼大堂拾获`.
pub fn public_text(category: Category, place: &str, found_on: NaiveDate) -> String {
    format!(
        "{}，{}在{}拾获",
        category.label(),
        paper_date(found_on),
        place.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lostfound::{Finder, FinderKind, Valuable};

    #[test]
    fn the_notice_tells_kind_place_and_day_and_nothing_the_owner_must_prove() {
        let item = FoundItem {
            category: Category::Phone,
            name: "华为Mate60手机".into(),
            description: "黑色，背面有划痕，蓝色手机壳".into(),
            place: "1号楼大堂".into(),
            found_at: NaiveDate::from_ymd_opt(2026, 11, 20)
                .unwrap()
                .and_hms_opt(8, 40, 0)
                .unwrap(),
            finder: Finder {
                kind: FinderKind::Staff,
                name: "孙阿姨".into(),
                phone: None,
                staff: None,
            },
            storage: "保险柜".into(),
            valuables: vec![Valuable::Phone],
            cash: None,
            witnesses: vec!["张敏".into(), "刘洋".into()],
        };
        let line = public_line("SW-202611-0001", &item);
        assert_eq!(line.what, "手机");
        assert_eq!(line.place, "1号楼大堂");
        assert_eq!(line.found_on, "2026年11月20日");
        let all = format!("{line:?}");
        for secret in ["华为", "Mate", "黑色", "划痕", "蓝色", "保险柜", "孙阿姨"] {
            assert!(!all.contains(secret), "{secret} on the notice");
        }
        assert_eq!(
            public_text(item.category, &item.place, item.found_at.date()),
            "手机，2026年11月20日在1号楼大堂拾获"
        );
    }
}
