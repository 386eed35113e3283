//! What more than one tab's generator needs: fictional people (names, phones, ID numbers), a
//! unit of the high-rises, a time of the working day and a `Recorded` by name.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::rng::Rng;
use crate::domain::staff::Recorded;
use crate::domain::{Mobile, ResidentId, UnitAddress};

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "阎",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "建国", "红", "志强", "海燕",
    "俊杰", "晓东", "雪梅", "子涵", "浩然", "欣怡", "宇航", "思远", "梓萱", "一鸣", "佳琪", "国庆",
    "春燕", "玉兰",
];
/// Area codes of Henan cities, where the office's procedure comes from.
const REGIONS: &[&str] = &[
    "410102", "410103", "410105", "410122", "410181", "410301", "410402", "410702",
];
const PHONE_PREFIXES: &[&str] = &[
    "135", "136", "137", "138", "139", "150", "151", "158", "186", "187", "188", "177", "199",
];

/// A full name, surname first.
pub(super) fn name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

/// A mobile number of a Chinese carrier.
pub(super) fn mobile(rng: &mut Rng) -> Option<Mobile> {
    Mobile::parse(&format!(
        "{}{:08}",
        rng.pick(PHONE_PREFIXES),
        rng.below(100_000_000)
    ))
    .ok()
}

/// A valid fictional ID number (the check character computed), born 1945–2002.
pub(super) fn resident_id(rng: &mut Rng) -> Option<ResidentId> {
    let year = 1945 + rng.below(58) as i32;
    let birth =
        NaiveDate::from_ymd_opt(year, 1, 1)?.checked_add_days(chrono::Days::new(rng.below(365)))?;
    let first17 = format!(
        "{}{}{:03}",
        rng.pick(REGIONS),
        birth.format("%Y%m%d"),
        rng.below(1000)
    );
    let check = ResidentId::check_char(&first17)?;
    ResidentId::parse(&format!("{first17}{check}")).ok()
}

/// A unit of the demo estate's high-rises (buildings 1–8: 2 entrances, 28 floors, 4 doors).
pub(super) fn some_unit(rng: &mut Rng) -> Option<UnitAddress> {
    let (b, e, f, d) = (
        1 + rng.below(8),
        1 + rng.below(2),
        1 + rng.below(28),
        1 + rng.below(4),
    );
    UnitAddress::new(b as u32, e as u32, (f * 100 + d) as u32).ok()
}

/// `minutes_after_8` minutes into the working day that starts at 08:00 on `day`.
pub(super) fn at(day: NaiveDate, minutes_after_8: u64) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN))
        + TimeDelta::minutes(minutes_after_8 as i64)
}

/// Recorded by `name` (no staff id: the demo is not anyone on duty) at `at`.
pub(super) fn rec(name: &str, at: NaiveDateTime) -> Recorded {
    Recorded {
        by: None,
        by_name: name.to_string(),
        at,
    }
}
