//! The feedback tab's smaller forms as typed: dispatch, a line for the trail, the callback.

use crate::domain::feedback::Dispatch;
use crate::domain::repair::Rating;
use crate::domain::settings::Deadlines;
use crate::domain::staff::StaffId;

/// The id of the dispatch form's first field (处理人).
pub const HANDLER_ID: &str = "feedback-handler";
/// The id of the dispatch form's requirement field.
pub const REQUIREMENT_ID: &str = "feedback-requirement";
/// The id of the dispatch form's time-limit field.
pub const LIMIT_ID: &str = "feedback-limit";
/// The id of the one-line forms' field.
pub const NOTE_ID: &str = "feedback-note";
/// The id of the callback form's field.
pub const CALLBACK_ID: &str = "feedback-callback";

/// 派单 as typed.
#[derive(Debug, Clone, Default)]
pub struct DispatchDraft {
    /// 部门.
    pub department: Option<String>,
    /// The handler picked from the staff (None when typed by name only).
    pub handler: Option<StaffId>,
    /// 处理人.
    pub handler_name: String,
    /// 要求.
    pub requirement: String,
    /// 回复时限 as typed (blank: 设置's).
    pub limit: String,
    /// 需上报上级.
    pub needs_superior: bool,
    /// What is wrong, one message for the form.
    pub error: Option<String>,
}

impl DispatchDraft {
    /// The dispatch, or a message saying what to fix.
    pub fn validate(&self) -> Result<Dispatch, String> {
        let Some(department) = self.department.clone() else {
            return Err("请选择处理部门".into());
        };
        let handler_name = self.handler_name.trim().to_string();
        if handler_name.is_empty() {
            return Err("请填写处理人".into());
        }
        let reply_limit_min = match self.limit.trim() {
            "" => None,
            t => Some(Deadlines::parse_duration(t).map_err(|e| format!("回复时限：{e}"))?),
        };
        Ok(Dispatch {
            department,
            handler: self.handler,
            handler_name,
            requirement: self.requirement.trim().to_string(),
            reply_limit_min,
            needs_superior: self.needs_superior,
        })
    }
}

/// What a one-line form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// 处理进展: a line in the trail.
    Progress,
    /// 处理人回复: the handler answered the desk.
    Reply,
    /// 上报上级: to whom (the time is now).
    Escalate,
    /// 答复客户: the answer given to the customer.
    Answer,
    /// 关闭: the result.
    Close,
}

impl NoteKind {
    /// The form's heading.
    pub fn title(self) -> &'static str {
        match self {
            NoteKind::Progress => "记录处理进展",
            NoteKind::Reply => "记录处理人回复",
            NoteKind::Escalate => "上报上级",
            NoteKind::Answer => "答复客户",
            NoteKind::Close => "关闭",
        }
    }

    /// The field's label.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Progress => "进展",
            NoteKind::Reply => "回复内容",
            NoteKind::Escalate => "上报给",
            NoteKind::Answer => "答复内容",
            NoteKind::Close => "处理结果",
        }
    }

    /// What the field asks for.
    pub fn placeholder(self) -> &'static str {
        match self {
            NoteKind::Progress => "例如 已联系楼上业主，约定今晚十点后停工",
            NoteKind::Reply => "处理人反馈的处理情况",
            NoteKind::Escalate => "例如 刘洋（客服中心主任）",
            NoteKind::Answer => "告诉客户的处理情况",
            NoteKind::Close => "例如 楼上已调整施工时间，噪音问题解决",
        }
    }

    /// The message when the field is left blank.
    pub fn blank(self) -> &'static str {
        match self {
            NoteKind::Progress => "请填写处理进展",
            NoteKind::Reply => "请填写处理人回复的内容",
            NoteKind::Escalate => "请填写上报给谁",
            NoteKind::Answer => "请填写答复客户的内容",
            NoteKind::Close => "请填写处理结果",
        }
    }

    /// What a message about this form is about.
    pub fn about(self) -> &'static str {
        match self {
            NoteKind::Progress => "progress",
            NoteKind::Reply => "reply",
            NoteKind::Escalate => "escalate",
            NoteKind::Answer => "answer",
            NoteKind::Close => "close",
        }
    }
}

/// A one-line form.
#[derive(Debug, Clone)]
pub struct NoteDraft {
    /// What it records.
    pub kind: NoteKind,
    /// The text.
    pub text: String,
    /// What is wrong.
    pub error: Option<String>,
}

/// 回访 as typed.
#[derive(Debug, Clone, Default)]
pub struct CallbackDraft {
    /// 满意度.
    pub rating: Option<Rating>,
    /// What the customer said.
    pub note: String,
    /// Whom to call, with full numbers (the callback needs them).
    pub contacts: Vec<String>,
    /// What is wrong.
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dispatch_needs_a_department_and_a_handler_and_a_limit_as_people_say_it() {
        let mut d = DispatchDraft::default();
        assert_eq!(d.validate().unwrap_err(), "请选择处理部门");
        d.department = Some("秩序维护部".into());
        assert_eq!(d.validate().unwrap_err(), "请填写处理人");
        d.handler_name = " 吴勇 ".into();
        d.limit = "两天".into();
        assert!(d.validate().unwrap_err().starts_with("回复时限："));
        d.limit = "4小时".into();
        let ok = d.validate().unwrap();
        assert_eq!(ok.handler_name, "吴勇");
        assert_eq!(ok.reply_limit_min, Some(240));
        d.limit.clear();
        assert_eq!(d.validate().unwrap().reply_limit_min, None);
    }
}
