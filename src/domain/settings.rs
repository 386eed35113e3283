//! The office's own details, printed on every form, and the deadlines the tabs enforce.

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

    /// Parses a deadline as typed: whole minutes, 1 to 30 days.
    pub fn parse_minutes(text: &str) -> Result<u32, &'static str> {
        let minutes: u32 = text.trim().parse().map_err(|_| "请填写整数分钟，例如 15")?;
        if minutes == 0 || minutes > 30 * 24 * 60 {
            return Err("时限应在1分钟到30天（43200分钟）之间");
        }
        Ok(minutes)
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
    fn every_entry_can_be_set_back() {
        let mut d = Deadlines::default();
        for (key, _, _) in Deadlines::default().entries() {
            assert!(d.set(key, 7));
        }
        assert!(d.entries().iter().all(|(_, _, v)| *v == 7));
        assert!(!d.set("nonsense", 1));
    }

    #[test]
    fn minutes_are_checked() {
        assert_eq!(Deadlines::parse_minutes(" 15 "), Ok(15));
        assert!(Deadlines::parse_minutes("0").is_err());
        assert!(Deadlines::parse_minutes("十五").is_err());
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
