//! The office's own details, printed on every form, and the deadlines the tabs enforce.

use super::text::normalize_digits;
use serde::{Deserialize, Serialize};

/// What the office prints at the top of every form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// 物业公司 / 管理处名称.
    pub company: String,
    /// 小区名称, also in the window title.
    pub estate: String,
    /// 电话.
    pub phone: String,
    /// 地址.
    pub address: String,
    /// Folder the desk saves printed forms to without asking; empty means ask each time.
    pub print_folder: String,
}

impl Default for Office {
    fn default() -> Self {
        Office {
            company: "物业服务中心".to_string(),
            estate: "未命名小区".to_string(),
            phone: String::new(),
            address: String::new(),
            print_folder: String::new(),
        }
    }
}

impl Office {
    /// Checks what a receptionist typed; returns each problem against its field.
    pub fn validate(&self) -> Vec<(OfficeField, &'static str)> {
        let mut problems = Vec::new();
        if self.company.trim().is_empty() {
            problems.push((OfficeField::Company, "请填写物业公司或管理处名称"));
        }
        if self.estate.trim().is_empty() {
            problems.push((OfficeField::Estate, "请填写小区名称"));
        }
        if self.company.chars().count() > 40 {
            problems.push((OfficeField::Company, "名称太长，最多40个字"));
        }
        if self.estate.chars().count() > 30 {
            problems.push((OfficeField::Estate, "小区名称太长，最多30个字"));
        }
        if self
            .phone
            .chars()
            .any(|c| !(c.is_ascii_digit() || "-— ()（）转".contains(c)))
        {
            problems.push((OfficeField::Phone, "电话只能有数字、空格、横线和括号"));
        }
        problems
    }
}

/// A field of [`Office`], for putting a message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeField {
    /// 物业公司.
    Company,
    /// 小区名称.
    Estate,
    /// 电话.
    Phone,
    /// 地址.
    Address,
}

/// Deadlines from the procedure, in minutes; the office may tighten or relax them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    /// 报修: technician on site after the appointment (15 min).
    pub repair_arrival_min: u32,
    /// 报修: from team-lead review back on site (30 min).
    pub repair_review_min: u32,
    /// 报修: callback after completion (24 h).
    pub repair_callback_min: u32,
    /// 信息反馈: handler replies to the receptionist (24 h).
    pub feedback_reply_min: u32,
    /// 信息反馈: report up to a superior (2 h).
    pub escalation_min: u32,
    /// 投诉: reply to the customer, general matters (24 h).
    pub complaint_general_min: u32,
    /// 投诉: reply to the customer, major matters (48 h).
    pub complaint_major_min: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            repair_arrival_min: 15,
            repair_review_min: 30,
            repair_callback_min: 24 * 60,
            feedback_reply_min: 24 * 60,
            escalation_min: 2 * 60,
            complaint_general_min: 24 * 60,
            complaint_major_min: 48 * 60,
        }
    }
}

impl Deadlines {
    /// Each deadline with its Chinese label, its key in storage and its value.
    pub fn entries(&self) -> [(&'static str, &'static str, u32); 7] {
        [
            (
                "repair_arrival_min",
                "报修：预约后到场",
                self.repair_arrival_min,
            ),
            (
                "repair_review_min",
                "报修：评审后返回现场",
                self.repair_review_min,
            ),
            (
                "repair_callback_min",
                "报修：完工后回访",
                self.repair_callback_min,
            ),
            (
                "feedback_reply_min",
                "信息反馈：处理人回复",
                self.feedback_reply_min,
            ),
            ("escalation_min", "信息反馈：上报上级", self.escalation_min),
            (
                "complaint_general_min",
                "投诉：一般问题回复",
                self.complaint_general_min,
            ),
            (
                "complaint_major_min",
                "投诉：重大问题回复",
                self.complaint_major_min,
            ),
        ]
    }

    /// Sets the deadline stored under `key`; false if there is no such deadline.
    pub fn set(&mut self, key: &str, minutes: u32) -> bool {
        let slot = match key {
            "repair_arrival_min" => &mut self.repair_arrival_min,
            "repair_review_min" => &mut self.repair_review_min,
            "repair_callback_min" => &mut self.repair_callback_min,
            "feedback_reply_min" => &mut self.feedback_reply_min,
            "escalation_min" => &mut self.escalation_min,
            "complaint_general_min" => &mut self.complaint_general_min,
            "complaint_major_min" => &mut self.complaint_major_min,
            _ => return false,
        };
        *slot = minutes;
        true
    }

    /// The keys of the deadlines some tab uses; 设置 shows only these (today: every one, the
    /// 信息反馈 tab uses the last four).
    pub const IN_USE: [&'static str; 7] = [
        "repair_arrival_min",
        "repair_review_min",
        "repair_callback_min",
        "feedback_reply_min",
        "escalation_min",
        "complaint_general_min",
        "complaint_major_min",
    ];

    /// The deadlines 设置 shows: those some tab uses.
    pub fn shown(&self) -> Vec<(&'static str, &'static str, u32)> {
        self.entries()
            .into_iter()
            .filter(|(key, _, _)| Self::IN_USE.contains(key))
            .collect()
    }

    /// Parses a deadline as people say it: `15分钟`, `2小时`, `2小时30分`, `1天`, `24h`;
    /// a bare number is minutes. From 1 minute to 30 days.
    pub fn parse_duration(text: &str) -> Result<u32, &'static str> {
        const FORMAT: &str = "请按 15分钟、2小时、2小时30分 或 1天 这样填写";
        let text: String = normalize_digits(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        if text.is_empty() {
            return Err("请填写时限，例如 15分钟、2小时、1天");
        }
        let mut total: u64 = 0;
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 || digits > 6 {
                return Err(FORMAT);
            }
            let number: u64 = rest[..digits].parse().map_err(|_| FORMAT)?;
            rest = &rest[digits..];
            let unit = ["分钟", "分", "min", "m", "小时", "时", "h", "天", "日", "d"]
                .into_iter()
                .find(|u| rest.starts_with(u));
            let (per, len) = match unit {
                Some(u @ ("分钟" | "分" | "min" | "m")) => (1, u.len()),
                Some(u @ ("小时" | "时" | "h")) => (60, u.len()),
                Some(u) => (24 * 60, u.len()),
                // A bare number is minutes (`1440`, or the 30 of `2小时30`).
                None if rest.is_empty() => (1, 0),
                None => return Err(FORMAT),
            };
            total += number * per;
            rest = &rest[len..];
        }
        if total == 0 || total > 30 * 24 * 60 {
            return Err("时限应在1分钟到30天之间");
        }
        u32::try_from(total).map_err(|_| "时限应在1分钟到30天之间")
    }
}

/// A deadline as people say it: `15分钟`, `24小时`, `2小时30分钟`, `5天`.
pub fn duration_text(minutes: u32) -> String {
    let (hours, mins) = (minutes / 60, minutes % 60);
    match (hours, mins) {
        (0, m) => format!("{m}分钟"),
        // The procedure says 24 h and 48 h; days only past three of them.
        (h, 0) if h > 72 && h % 24 == 0 => format!("{}天", h / 24),
        (h, 0) => format!("{h}小时"),
        (h, m) => format!("{h}小时{m}分钟"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_default_to_the_procedure() {
        let d = Deadlines::default();
        assert_eq!(d.repair_arrival_min, 15);
        assert_eq!(d.repair_review_min, 30);
        assert_eq!(d.complaint_major_min, 2880);
    }

    #[test]
    fn deadlines_are_typed_and_shown_as_people_say_them() {
        for (typed, minutes) in [
            ("15分钟", 15),
            ("15分", 15),
            ("１５分钟", 15),
            ("2小时", 120),
            ("2 小时 30 分", 150),
            ("2小时30分钟", 150),
            ("2小时30", 150),
            ("24h", 1440),
            ("1天", 1440),
            ("1440", 1440),
            ("30天", 43200),
        ] {
            assert_eq!(Deadlines::parse_duration(typed), Ok(minutes), "{typed}");
        }
        for bad in [
            "",
            "十五分钟",
            "15秒",
            "30分2小时x",
            "0分钟",
            "31天",
            "-5",
            "99999999小时",
        ] {
            assert!(Deadlines::parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(duration_text(15), "15分钟");
        assert_eq!(duration_text(30), "30分钟");
        assert_eq!(duration_text(120), "2小时");
        assert_eq!(duration_text(1440), "24小时");
        assert_eq!(duration_text(2880), "48小时");
        assert_eq!(duration_text(150), "2小时30分钟");
        assert_eq!(duration_text(7 * 1440), "7天");
        for m in [1, 15, 59, 60, 61, 1440, 2880, 4321, 43200] {
            assert_eq!(Deadlines::parse_duration(&duration_text(m)), Ok(m), "{m}");
        }
    }

    #[test]
    fn only_the_deadlines_a_tab_uses_are_shown() {
        let keys: Vec<_> = Deadlines::default()
            .shown()
            .into_iter()
            .map(|(k, _, _)| k)
            .collect();
        assert_eq!(keys, Deadlines::IN_USE);
        assert!(
            keys.contains(&"complaint_major_min"),
            "the 信息反馈 tab uses it"
        );
        assert_eq!(keys.len(), Deadlines::default().entries().len());
    }

    #[test]
    fn every_entry_can_be_set_back() {
        let mut d = Deadlines::default();
        for (key, _, _) in Deadlines::default().entries() {
            assert!(d.set(key, 7));
        }
        assert!(d.entries().iter().all(|(_, _, v)| *v == 7));
        assert!(!d.set("nonsense", 1));
    }

    #[test]
    fn office_needs_names() {
        let o = Office {
            company: " ".into(),
            estate: "".into(),
            ..Office::default()
        };
        let fields: Vec<_> = o.validate().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, vec![OfficeField::Company, OfficeField::Estate]);
    }
}
