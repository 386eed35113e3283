//! 钥匙管理: the key cabinet (`UnitKey`), lending (`KeyLoan`), handing keys to owners
//! (`KeyIssue`), label checks, and the rules on when a key is due back.
//!
//! Contractors and repair staff return a key the same day, by the office's end of day
//! ([`KeySettings::end_of_day`], 18:00 unless changed in the keys tab).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};
use serde::{Deserialize, Serialize};

use super::Mobile;
use super::coded::coded;
use super::person::validate_name;

/// Where a key set is (状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyStatus {
    /// 在柜: in the cabinet.
    InCabinet,
    /// 借出: lent out.
    Lent,
    /// 已交业主: handed to the owner for good.
    WithOwner,
    /// 遗失: lost.
    Lost,
}

/// Who borrows a key (借用单位).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum BorrowerOrg {
    /// 维修: the office's repair staff.
    #[default]
    Repair,
    /// 装修公司.
    Contractor,
    /// 营销部 (the procedure's word): needs the department head's approval.
    Marketing,
    /// 其他.
    Other,
}

/// The result of a label check (标签检查).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum LabelCheck {
    /// 完好.
    #[default]
    Good,
    /// 已更换标签: the label was worn or unclear and was renewed.
    Relabelled,
    /// 未找到: the key was not on its hook; it is marked lost.
    Missing,
}

coded!(KeyStatus {
    InCabinet => "in_cabinet", "在柜";
    Lent => "lent", "借出";
    WithOwner => "with_owner", "已交业主";
    Lost => "lost", "遗失";
});
coded!(BorrowerOrg {
    Repair => "repair", "维修";
    Contractor => "contractor", "装修公司";
    // Stored as `sales` since the first schema; only the word shown changed.
    Marketing => "sales", "营销部";
    Other => "other", "其他";
});
coded!(LabelCheck {
    Good => "good", "完好";
    Relabelled => "relabelled", "已更换标签";
    Missing => "missing", "未找到";
});

impl BorrowerOrg {
    /// Whether the key must come back the same day (施工维修人员当天借用当天归还).
    pub fn same_day(self) -> bool {
        matches!(self, BorrowerOrg::Repair | BorrowerOrg::Contractor)
    }
}

/// The keys tab's own settings, kept in the `settings` table under `keys.*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySettings {
    /// When same-day keys are due back (下班时间).
    pub end_of_day: NaiveTime,
}

impl Default for KeySettings {
    fn default() -> Self {
        KeySettings {
            end_of_day: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

/// Reads a 下班时间 (end of the working day) as typed, with the shapes
/// [`parse_time_of_day`](super::date::parse_time_of_day) accepts.
///
/// A desk closes in the afternoon or evening, so an hour from 1 to 11 written without a word
/// for the morning (`6时`, `6点`, `5点半`, `5:30`) is read as that hour after noon — the way it is
/// said at the desk — and the screen then shows the 24-hour time it saved. A time that says it
/// is in the morning (`上午6点`, `06:00`, `0:30`) is refused with the afternoon reading offered,
/// since it would make every same-day loan impossible.
///
/// # Errors
/// The parser's message, or one saying the time is before noon.
pub fn parse_end_of_day(s: &str) -> Result<NaiveTime, String> {
    let t = super::date::parse_time_of_day(s).map_err(|e| e.to_string())?;
    if t.hour() >= 12 {
        return Ok(t);
    }
    // A part of the day (上午, 中午 …) was already applied by the parser; `06:00` is a 24-hour
    // time on purpose. Only a bare hour is taken as the afternoon.
    let zero_padded = super::text::normalize_digits(s).starts_with('0');
    if t.hour() >= 1 && !super::date::says_part_of_day(s) && !zero_padded {
        return Ok(t + TimeDelta::hours(12));
    }
    let (h, m) = (t.hour(), t.minute());
    if h == 0 {
        return Err(format!(
            "下班时间 {} 是半夜；请写 18:00 或 下午6点 这样的时间",
            t.format("%H:%M")
        ));
    }
    let afternoon = match m {
        0 => format!("下午{h}点"),
        30 => format!("下午{h}点半"),
        _ => format!("下午{h}点{m}分"),
    };
    Err(format!(
        "下班时间 {} 在中午以前；如指下午，请写 {:02}:{m:02} 或 {afternoon}",
        t.format("%H:%M"),
        h + 12
    ))
}

/// Reads a loan's 应还时间: a date and time or a time alone (today), in the shapes
/// [`parse_datetime`](super::date::parse_datetime) accepts, or a date alone meaning that day's
/// end of day (`settings`): `11-30`, `明天`.
///
/// # Errors
/// A message for the field.
pub fn parse_due(
    s: &str,
    today: NaiveDate,
    settings: &KeySettings,
) -> Result<NaiveDateTime, String> {
    use super::date::{DateTimeError, parse_datetime, parse_day};
    match parse_datetime(s, today) {
        Err(DateTimeError::NoTime) => parse_day(s, today)
            .map(|d| d.and_time(settings.end_of_day))
            .map_err(|e| e.to_string()),
        other => other.map_err(|e| e.to_string()),
    }
}

/// A key set in the cabinet: for a unit, or for a common room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitKey {
    /// The unit, or `None` for a common room.
    pub unit: Option<super::UnitAddress>,
    /// The common room (`2号楼配电室`) when there is no unit.
    pub place: String,
    /// 标签/挂钩号, unique in the cabinet.
    pub hook: String,
    /// How many keys on the ring.
    pub count: u32,
    /// 存放位置.
    pub location: String,
}

/// A loan as the keeper records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyLoan {
    /// 借用人.
    pub borrower: String,
    /// 借用人电话: the keeper rings it when the key is late.
    pub phone: Mobile,
    /// 借用单位.
    pub org: BorrowerOrg,
    /// 用途.
    pub purpose: String,
    /// 部门主管 who approved it (营销部 only).
    pub approver: String,
    /// 借出时间.
    pub out_at: NaiveDateTime,
    /// 应还时间.
    pub due_at: NaiveDateTime,
}

/// Why a loan cannot be recorded as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoanError {
    /// Same-day borrowers after the end of day.
    #[error("已过下班时间（{0}），施工维修人员借的钥匙须当天归还，今天不能再借")]
    AfterEndOfDay(String),
    /// A due time not after the time out.
    #[error("应还时间须晚于借出时间")]
    DueBeforeOut,
    /// A same-day borrower asked for a later day.
    #[error("施工维修人员须当天归还，应还时间最晚为今天 {0}")]
    NotSameDay(String),
    /// 营销部 without the department head's approval.
    #[error("营销部借钥匙须有部门主管签字，请填写主管姓名")]
    NeedsApprover,
    /// Other borrowers need a due time.
    #[error("请填写应还时间")]
    NeedsDue,
}

/// When a key lent at `out_at` to `org` is due back.
///
/// Same-day borrowers are due at the end of that day whatever they asked; others are due at
/// `requested`, which they must give.
///
/// # Errors
/// A [`LoanError`] when the loan breaks the rules.
pub fn due_back(
    org: BorrowerOrg,
    out_at: NaiveDateTime,
    requested: Option<NaiveDateTime>,
    settings: &KeySettings,
) -> Result<NaiveDateTime, LoanError> {
    if org.same_day() {
        let end = out_at.date().and_time(settings.end_of_day);
        let end_text = settings.end_of_day.format("%H:%M").to_string();
        if out_at >= end {
            return Err(LoanError::AfterEndOfDay(end_text));
        }
        return match requested {
            Some(r) if r > end => Err(LoanError::NotSameDay(end_text)),
            Some(r) if r <= out_at => Err(LoanError::DueBeforeOut),
            Some(r) => Ok(r),
            None => Ok(end),
        };
    }
    match requested {
        None => Err(LoanError::NeedsDue),
        Some(r) if r <= out_at => Err(LoanError::DueBeforeOut),
        Some(r) => Ok(r),
    }
}

impl KeyLoan {
    /// The rules of a loan besides its due time: names and the 营销部 approver.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Err(e) = validate_name(&self.borrower) {
            out.push(format!("借用人{e}"));
        }
        if self.purpose.trim().is_empty() {
            out.push("请填写借用用途".into());
        }
        if self.org == BorrowerOrg::Marketing && self.approver.trim().is_empty() {
            out.push(LoanError::NeedsApprover.to_string());
        }
        out
    }
}

/// The condition a returned key is recorded in: what the keeper typed, or 完好 when the box
/// was left empty (its placeholder says 默认完好, and the register must never show a blank).
pub fn return_condition(typed: &str) -> String {
    match typed.trim() {
        "" => "完好".to_string(),
        t => t.to_string(),
    }
}

/// How long a key is overdue at `now`, or `None` if it is not (due exactly now is not yet late).
pub fn overdue_by(due_at: NaiveDateTime, now: NaiveDateTime) -> Option<TimeDelta> {
    (now > due_at).then(|| now - due_at)
}

/// How long a key is overdue, for the overdue list: `2 小时 15 分钟`; a key a few seconds late
/// is already `1 分钟` late.
pub fn duration_text(d: TimeDelta) -> String {
    super::date::span_text(d.num_minutes().max(1))
}

/// Keys handed to the owner (钥匙发放): whose identity was checked and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyIssue {
    /// Who received them.
    pub recipient: String,
    /// The document checked, one of [`ID_DOCUMENTS`].
    pub document: String,
    /// Its last four characters, enough to find the document again without keeping it whole.
    pub document_tail: String,
    /// How many keys were handed over.
    pub count: u32,
    /// The recipient signed the 钥匙发放登记表.
    pub signed: bool,
}

impl KeyIssue {
    /// What must be true before keys are handed over.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Err(e) = validate_name(&self.recipient) {
            out.push(format!("领取人{e}"));
        }
        if !ID_DOCUMENTS.contains(&self.document.as_str()) {
            out.push("请选择核验的证件".into());
        }
        let tail = self.document_tail.trim();
        if tail.chars().count() != 4 || !tail.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.push("请填写证件号后四位".into());
        }
        if self.count == 0 {
            out.push("请填写交付的钥匙数量".into());
        }
        if !self.signed {
            out.push("领取人须在钥匙发放登记表上签字".into());
        }
        out
    }
}

/// Identity documents the keeper checks before handing keys over (核验证件).
pub const ID_DOCUMENTS: &[&str] = &[
    "居民身份证",
    "护照",
    "港澳居民来往内地通行证",
    "房产证",
    "其他",
];

#[cfg(test)]
mod tests;
