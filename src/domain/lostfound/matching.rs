//! 寻物登记 and its matching: an owner says what they lost, where and when; the items in store
//! found from the day before on are scored by the kind, the words they share (Chinese has no
//! spaces, so words are pairs of characters, and runs of letters and digits such as `Mate60`),
//! the place (the same building, a shared word such as 大堂) and how soon after the loss they
//! were found.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Category, FoundItem};
use crate::domain::Mobile;
use crate::domain::person::validate_name;

/// What an owner looking for something tells the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LossReport {
    /// 失主.
    pub name: String,
    /// 联系电话: the desk rings when something turns up.
    pub phone: Mobile,
    /// 类别, if the owner's thing is of a known kind.
    pub category: Option<Category>,
    /// 遗失物品 and its features, in the owner's words.
    pub description: String,
    /// 遗失地点 (as near as they know).
    pub place: String,
    /// 遗失日期 (as near as they know).
    pub lost_on: NaiveDate,
    /// 登记时间.
    pub at: NaiveDateTime,
}

/// What is looked for: the part of a report the matching reads (a form being filled in has it
/// before it has a valid phone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sought<'a> {
    /// The kind, if known.
    pub category: Option<Category>,
    /// The thing and its features, in the owner's words.
    pub description: &'a str,
    /// Where it was lost.
    pub place: &'a str,
    /// When.
    pub lost_on: NaiveDate,
}

/// A field of [`LossReport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LossField {
    /// 失主.
    Name,
    /// 电话.
    Phone,
    /// 遗失物品及特征.
    Description,
    /// 遗失地点.
    Place,
    /// 遗失日期.
    LostOn,
}

impl LossReport {
    /// What the matching reads of it.
    pub fn sought(&self) -> Sought<'_> {
        Sought {
            category: self.category,
            description: &self.description,
            place: &self.place,
            lost_on: self.lost_on,
        }
    }

    /// What the report lacks.
    pub fn check(&self) -> Vec<(LossField, String)> {
        check_loss(&self.name, &self.sought(), self.at.date())
    }
}

/// What a report of `name` looking for `sought`, taken on `today`, lacks (its phone is a
/// [`Mobile`], checked when typed).
pub fn check_loss(name: &str, sought: &Sought<'_>, today: NaiveDate) -> Vec<(LossField, String)> {
    let mut out = Vec::new();
    if let Err(e) = validate_name(name) {
        out.push((LossField::Name, format!("失主{e}")));
    }
    let description = sought.description.trim();
    if description.is_empty() {
        out.push((
            LossField::Description,
            "请写下遗失的物品和特征，例如 黑色钱包，内有银行卡".to_string(),
        ));
    } else if description.chars().count() > super::MAX_DESCRIPTION {
        out.push((
            LossField::Description,
            format!("描述太长，最多{}字", super::MAX_DESCRIPTION),
        ));
    }
    if sought.place.trim().chars().count() > super::MAX_SHORT {
        out.push((
            LossField::Place,
            format!("地点太长，最多{}字", super::MAX_SHORT),
        ));
    }
    if sought.lost_on > today {
        out.push((LossField::LostOn, "遗失日期晚于今天，请核对".to_string()));
    }
    out
}

/// How well an item fits a report, and why (the screen shows the words in common).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Score {
    /// The higher, the likelier.
    pub total: u32,
    /// The same kind.
    pub same_category: bool,
    /// Words of the owner's description found in the item's name or features.
    pub words: Vec<String>,
    /// The places agree (the same building, or a shared word).
    pub place: bool,
}

/// Points for the same kind of thing.
const CATEGORY: u32 = 30;
/// Points per shared word, up to [`WORDS_MAX`].
const WORD: u32 = 12;
const WORDS_MAX: u32 = 48;
/// Points for the same building, and for a shared word of the place.
const BUILDING: u32 = 15;
const PLACE_WORD: u32 = 10;
/// Points for an item found within [`SOON_DAYS`] of the loss.
const SOON: u32 = 10;
const SOON_DAYS: i64 = 3;
/// The least score shown as a match.
pub const THRESHOLD: u32 = 25;

/// Characters that carry no meaning in a pair (的, 了 …), and those that only say "building,
/// unit, floor" in a place, which every place shares.
const FILLER: &[char] = &[
    '的', '了', '在', '是', '有', '个', '一', '和', '与', '及', '把', '被', '内', '里', '上', '约',
];
const PLACE_FILLER: &[char] = &[
    '号', '楼', '栋', '幢', '单', '元', '层', '室', '区', '附', '近',
];

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The words of `text`: pairs of Chinese characters (without `skip`), and runs of letters or
/// digits of two characters or more, lowercased.
fn words(text: &str, skip: &[char]) -> Vec<String> {
    let text = crate::domain::normalize_digits(text).to_lowercase();
    let mut out: Vec<String> = Vec::new();
    let mut push = |w: String| {
        if !out.contains(&w) {
            out.push(w);
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i - start >= 2 {
                push(chars[start..i].iter().collect());
            }
            continue;
        }
        if is_cjk(c)
            && let Some(&n) = chars.get(i + 1)
            && is_cjk(n)
            && !skip.contains(&c)
            && !skip.contains(&n)
        {
            push([c, n].iter().collect());
        }
        i += 1;
    }
    out
}

/// The building a place names: `3号楼大堂`, `3栋`, `3-2-1502` → 3.
fn building(place: &str) -> Option<u32> {
    let t = crate::domain::normalize_digits(place);
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &t[digits.len()..];
    let names_building = ["号楼", "栋", "幢", "#", "-"]
        .iter()
        .any(|s| rest.starts_with(s));
    if digits.is_empty() || !names_building {
        return None;
    }
    digits.parse().ok()
}

/// How `item` fits what is `sought`; `None` if it cannot be the owner's (found more than a day
/// before the loss) or fits too little.
pub fn score(report: &Sought<'_>, item: &FoundItem) -> Option<Score> {
    let found_on = item.found_at.date();
    if found_on < report.lost_on.pred_opt().unwrap_or(report.lost_on) {
        return None;
    }
    let mut s = Score {
        same_category: report.category == Some(item.category),
        ..Score::default()
    };
    if s.same_category {
        s.total += CATEGORY;
    }
    let theirs = words(
        &format!(
            "{} {} {}",
            item.category.label(),
            item.name,
            item.description
        ),
        FILLER,
    );
    s.words = words(report.description, FILLER)
        .into_iter()
        .filter(|w| theirs.contains(w))
        .collect();
    s.total += (WORD * s.words.len() as u32).min(WORDS_MAX);
    // Neither the kind nor a word: the place and the day alone would match everything there.
    if !s.same_category && s.words.is_empty() {
        return None;
    }
    match (building(report.place), building(&item.place)) {
        (Some(a), Some(b)) if a == b => {
            s.place = true;
            s.total += BUILDING;
        }
        _ => {}
    }
    let here = words(&item.place, PLACE_FILLER);
    if words(report.place, PLACE_FILLER)
        .iter()
        .any(|w| here.contains(w))
    {
        s.place = true;
        s.total += PLACE_WORD;
    }
    if (found_on - report.lost_on).num_days() <= SOON_DAYS {
        s.total += SOON;
    }
    (s.total >= THRESHOLD).then_some(s)
}

/// The items that fit what is `sought`, the likeliest first (ties: the one found first).
pub fn rank<'a, K: Copy>(
    report: &Sought<'_>,
    items: impl IntoIterator<Item = (K, &'a FoundItem)>,
) -> Vec<(K, Score)> {
    let mut out: Vec<(K, Score, NaiveDateTime)> = items
        .into_iter()
        .filter_map(|(k, item)| score(report, item).map(|s| (k, s, item.found_at)))
        .collect();
    out.sort_by(|a, b| b.1.total.cmp(&a.1.total).then(a.2.cmp(&b.2)));
    out.into_iter().map(|(k, s, _)| (k, s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lostfound::{Finder, FinderKind};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn item(category: Category, name: &str, description: &str, place: &str, d: u32) -> FoundItem {
        FoundItem {
            category,
            name: name.into(),
            description: description.into(),
            place: place.into(),
            found_at: day(d).and_hms_opt(9, 0, 0).unwrap(),
            finder: Finder {
                kind: FinderKind::Staff,
                name: "孙阿姨".into(),
                phone: None,
                staff: None,
            },
            storage: "A架".into(),
            valuables: Vec::new(),
            cash: None,
            witnesses: Vec::new(),
        }
    }

    fn report(category: Option<Category>, description: &str, place: &str, d: u32) -> LossReport {
        LossReport {
            name: "王建国".into(),
            phone: Mobile::parse("13812345678").unwrap(),
            category,
            description: description.into(),
            place: place.into(),
            lost_on: day(d),
            at: day(22).and_hms_opt(10, 0, 0).unwrap(),
        }
    }

    #[test]
    fn words_are_pairs_of_characters_and_runs_of_letters() {
        assert_eq!(
            words("黑色华为Mate60的壳", FILLER),
            ["黑色", "色华", "华为", "mate60"]
        );
        assert_eq!(words("3号楼大堂", PLACE_FILLER), ["大堂"]);
        assert_eq!(building("３号楼1单元大堂"), Some(3));
        assert_eq!(building("3-2-1502"), Some(3));
        assert_eq!(building("东门岗亭"), None);
        assert_eq!(building("2楼"), None);
    }

    #[test]
    fn the_owners_words_and_place_find_their_item_first() {
        let phone = item(
            Category::Phone,
            "华为手机",
            "黑色，蓝色手机壳",
            "1号楼大堂",
            20,
        );
        let other_phone = item(Category::Phone, "苹果手机", "白色", "9号楼电梯", 21);
        let umbrella = item(Category::Daily, "雨伞", "黑色长柄", "1号楼大堂", 20);
        let r = report(
            Some(Category::Phone),
            "黑色华为手机，蓝色壳",
            "1号楼大堂",
            20,
        );
        let ranked = rank(
            &r.sought(),
            [(1, &phone), (2, &other_phone), (3, &umbrella)],
        );
        let keys: Vec<_> = ranked.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys[0], 1, "{ranked:?}");
        let best = &ranked[0].1;
        assert!(best.same_category && best.place);
        assert!(best.words.contains(&"华为".to_string()));
        // The other phone is of the same kind but elsewhere and unlike: a weaker match.
        assert!(keys.contains(&2));
        assert!(ranked[1].1.total < best.total);
        // The umbrella shares 黑色 and the place: shown, but last.
        assert_eq!(keys.last(), Some(&3));
    }

    #[test]
    fn an_item_found_before_the_loss_or_with_nothing_in_common_is_no_match() {
        let wallet = item(Category::Wallet, "钱包", "棕色皮夹", "东门", 10);
        let r = report(Some(Category::Wallet), "棕色钱包", "东门", 15);
        assert!(
            score(&r.sought(), &wallet).is_none(),
            "found five days before"
        );
        // The day before still counts: owners misremember by a day.
        let r = report(Some(Category::Wallet), "棕色钱包", "东门", 11);
        assert!(score(&r.sought(), &wallet).is_some());
        // Same place and day, but another kind with no word in common.
        let keys = item(Category::Keys, "钥匙串", "三把", "东门", 11);
        assert!(score(&r.sought(), &keys).is_none());
    }

    #[test]
    fn a_day_not_yet_given_offers_items_of_any_day() {
        let wallet = item(Category::Wallet, "钱包", "棕色皮夹", "东门", 10);
        let mut r = report(Some(Category::Wallet), "棕色钱包", "东门", 15);
        r.lost_on = NaiveDate::MIN;
        assert!(score(&r.sought(), &wallet).is_some());
    }

    #[test]
    fn another_building_adds_nothing_for_the_place() {
        let a = item(Category::Bag, "书包", "蓝色", "3号楼大堂", 20);
        let r = report(Some(Category::Bag), "蓝色书包", "5号楼大堂", 20);
        let s = score(&r.sought(), &a).unwrap();
        // 大堂 is shared, the building is not.
        assert_eq!(
            s.total,
            CATEGORY + WORD * s.words.len() as u32 + PLACE_WORD + SOON
        );
    }

    #[test]
    fn a_report_needs_a_name_and_what_was_lost() {
        let mut r = report(None, "", "", 20);
        r.name = " ".into();
        r.lost_on = day(23);
        let fields: Vec<_> = r.check().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [LossField::Name, LossField::Description, LossField::LostOn]
        );
    }
}
