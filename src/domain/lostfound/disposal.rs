//! How long an unclaimed item is kept (设置's 保管期, 90 days unless changed) and its disposal
//! by the supervisor: 上交派出所, 捐赠 or 处理, with the reason.
//!
//! An item is kept for the whole period: found on 11月1日 with 90 days, it is kept to 1月30日
//! (the owner may still come that day) and may be disposed of from 1月31日. Identity documents
//! are not kept: they go to the police at once. Cash and documents go only to the police.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Valuable;
use crate::domain::coded::coded;
use crate::domain::normalize_digits;

/// The period an office keeps an item until it sets another in 设置.
pub const DEFAULT_KEEP_DAYS: u32 = 90;
/// The longest period 设置 accepts: two years.
pub const MAX_KEEP_DAYS: u32 = 730;

coded! {
    /// What becomes of an unclaimed item.
    DisposalMethod {
        /// 上交派出所.
        Police = ("police", "上交派出所"),
        /// 捐赠.
        Donate = ("donate", "捐赠"),
        /// 处理 (thrown away, or used up as worthless).
        Discard = ("discard", "处理"),
    }
}

/// The supervisor's disposal of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disposal {
    /// 处置方式.
    pub method: DisposalMethod,
    /// 处置原因.
    pub reason: String,
    /// 接收单位/经手人: the police station and officer, the charity; may be empty for 处理.
    pub receiver: String,
}

/// Reads 设置's 保管期 as typed: `90`, `90天`, full-width digits forgiven; 1 to
/// [`MAX_KEEP_DAYS`].
///
/// # Errors
/// A message for the field.
pub fn parse_keep_days(text: &str) -> Result<u32, String> {
    let t = normalize_digits(text);
    let t = t.strip_suffix('天').unwrap_or(&t).trim();
    let days: u32 = t
        .parse()
        .map_err(|_| "保管期请填天数，例如 90 或 90天".to_string())?;
    if days == 0 || days > MAX_KEEP_DAYS {
        return Err(format!("保管期应在 1 到 {MAX_KEEP_DAYS} 天之间"));
    }
    Ok(days)
}

/// The last day an item found on `found_on` is kept for its owner.
pub fn keep_until(found_on: NaiveDate, keep_days: u32) -> NaiveDate {
    found_on
        .checked_add_days(Days::new(u64::from(keep_days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The day an item may be disposed of (and 今日 lists it): the day after it was kept to, or
/// the day it was found for an identity document.
pub fn due_on(valuables: &[Valuable], found_on: NaiveDate, keep_days: u32) -> NaiveDate {
    if valuables.contains(&Valuable::IdCard) {
        return found_on;
    }
    keep_until(found_on, keep_days)
        .succ_opt()
        .unwrap_or(NaiveDate::MAX)
}

/// Whether `disposal` of an item holding `valuables`, found on `found_on`, may be made on
/// `today` under a period of `keep_days`.
///
/// # Errors
/// What is missing or why not yet, in words for the desk.
pub fn check_disposal(
    valuables: &[Valuable],
    found_on: NaiveDate,
    today: NaiveDate,
    keep_days: u32,
    disposal: &Disposal,
) -> Result<(), String> {
    if disposal.reason.trim().is_empty() {
        return Err("请填写处置原因".to_string());
    }
    if disposal.method != DisposalMethod::Discard && disposal.receiver.trim().is_empty() {
        return Err(format!("{}须写明接收单位或经手人", disposal.method.label()));
    }
    let id_card = valuables.contains(&Valuable::IdCard);
    if (id_card || valuables.contains(&Valuable::Cash)) && disposal.method != DisposalMethod::Police
    {
        return Err("现金和身份证件只能上交派出所".to_string());
    }
    if id_card {
        return Ok(());
    }
    let due = due_on(valuables, found_on, keep_days);
    if today < due {
        let kept = keep_until(found_on, keep_days);
        return Err(format!(
            "保管期未满：{} 拾获，保管至 {}，{} 起才能处置（还差 {} 天）",
            found_on.format("%Y-%m-%d"),
            kept.format("%Y-%m-%d"),
            due.format("%Y-%m-%d"),
            (due - today).num_days()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn give(method: DisposalMethod) -> Disposal {
        Disposal {
            method,
            reason: "保管期满无人认领".into(),
            receiver: "花园路派出所 李警官".into(),
        }
    }

    #[test]
    fn an_item_is_kept_the_whole_period_and_disposed_of_the_day_after() {
        let found = day(1, 1);
        // 90 days after 1月1日 is 4月1日: the owner may still come that day.
        assert_eq!(keep_until(found, 90), day(4, 1));
        assert_eq!(due_on(&[], found, 90), day(4, 2));
        let donate = give(DisposalMethod::Donate);
        let on_day_n = check_disposal(&[], found, day(4, 1), 90, &donate).unwrap_err();
        assert!(on_day_n.contains("保管期未满"), "{on_day_n}");
        assert!(on_day_n.contains("2026-04-02 起才能处置（还差 1 天）"));
        assert_eq!(check_disposal(&[], found, day(4, 2), 90, &donate), Ok(()));
        // A shorter period set in 设置 moves the edge with it.
        assert!(check_disposal(&[], found, day(1, 31), 30, &donate).is_err());
        assert_eq!(check_disposal(&[], found, day(2, 1), 30, &donate), Ok(()));
    }

    #[test]
    fn identity_documents_go_to_the_police_at_once_and_cash_only_to_them() {
        let found = day(11, 20);
        let id = [Valuable::IdCard];
        assert_eq!(due_on(&id, found, 90), found);
        assert_eq!(
            check_disposal(&id, found, found, 90, &give(DisposalMethod::Police)),
            Ok(())
        );
        let donate = check_disposal(&id, found, found, 90, &give(DisposalMethod::Donate));
        assert_eq!(donate, Err("现金和身份证件只能上交派出所".to_string()));
        // Cash waits out the period like anything else, then goes to the police.
        let cash = [Valuable::Cash];
        assert!(check_disposal(&cash, found, found, 90, &give(DisposalMethod::Police)).is_err());
        let later = due_on(&cash, found, 90);
        assert!(check_disposal(&cash, found, later, 90, &give(DisposalMethod::Discard)).is_err());
        assert_eq!(
            check_disposal(&cash, found, later, 90, &give(DisposalMethod::Police)),
            Ok(())
        );
    }

    #[test]
    fn a_disposal_needs_its_reason_and_a_receiver_unless_thrown_away() {
        let found = day(1, 1);
        let today = day(6, 1);
        let mut d = give(DisposalMethod::Donate);
        d.reason = " ".into();
        assert_eq!(
            check_disposal(&[], found, today, 90, &d),
            Err("请填写处置原因".to_string())
        );
        d.reason = "无人认领".into();
        d.receiver.clear();
        assert!(
            check_disposal(&[], found, today, 90, &d)
                .unwrap_err()
                .contains("接收单位")
        );
        d.method = DisposalMethod::Discard;
        assert_eq!(check_disposal(&[], found, today, 90, &d), Ok(()));
    }

    #[test]
    fn the_period_as_typed() {
        assert_eq!(parse_keep_days("90"), Ok(90));
        assert_eq!(parse_keep_days(" ６０天 "), Ok(60));
        assert!(parse_keep_days("0").is_err());
        assert!(parse_keep_days("三个月").is_err());
        assert!(parse_keep_days("731").is_err());
    }
}
