//! 信息反馈 and 投诉及建议: everything that reaches the desk, classified, dispatched with a
//! 工作联系单, answered and closed (DOMAIN.md §4, chapter 4 of the procedure).
//!
//! Plain data and pure rules: the vocabulary and numbers here, the intake form and the dispatch
//! in [`intake`], the steps and what each state allows in [`steps`], the procedure's clocks in
//! [`deadlines`].

pub mod deadlines;
pub mod intake;
pub mod steps;

use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;
use crate::domain::number::monthly_number;

pub use crate::domain::repair::Rating;
pub use deadlines::{Due, DueKind, FeedbackTimes, dues, running};
pub use intake::{
    DEFAULT_DEPARTMENTS, Dispatch, DispatchField, Intake, IntakeField, Where, parse_departments,
};
pub use steps::{EventKind, FeedbackEvent, PastFeedback, Step, missing_for_close};

coded! {
    /// How the matter reached the desk.
    Channel {
        /// 来电.
        Phone = ("phone", "来电"),
        /// 来访.
        Visit = ("visit", "来访"),
        /// 微信.
        WeChat = ("wechat", "微信"),
        /// 信函.
        Letter = ("letter", "信函"),
        /// 员工反馈: a member of staff passing on what they found or were told.
        Staff = ("staff", "员工反馈"),
        /// 其他.
        Other = ("other", "其他"),
    }
}

coded! {
    /// What the receptionist classified it as (信息的分析).
    Category {
        /// 报修: becomes a repair order in 报修管理, linked.
        Repair = ("repair", "报修"),
        /// 投诉.
        Complaint = ("complaint", "投诉"),
        /// 建议.
        Suggestion = ("suggestion", "建议"),
        /// 咨询.
        Inquiry = ("inquiry", "咨询"),
        /// 求助.
        Help = ("help", "求助"),
        /// 其他.
        Other = ("other", "其他"),
    }
}

coded! {
    /// 一般 or 重大: a major matter is answered within 48 h and reported to the supervisor.
    Severity {
        /// 一般.
        General = ("general", "一般"),
        /// 重大.
        Major = ("major", "重大"),
    }
}

coded! {
    /// Where a matter is in the procedure.
    FeedbackState {
        /// 待派单: recorded, not yet sent to a department.
        Received = ("received", "待派单"),
        /// 处理中: a department has the 工作联系单 (again, after a reopen).
        Dispatched = ("dispatched", "处理中"),
        /// 已回复: the handler answered the desk.
        Replied = ("replied", "已回复"),
        /// 已答复: the desk answered the customer.
        Answered = ("answered", "已答复"),
        /// 已关闭: answered, with the result written down.
        Closed = ("closed", "已关闭"),
    }
}

impl FeedbackState {
    /// Not closed.
    pub fn is_open(self) -> bool {
        self != FeedbackState::Closed
    }
}

/// The row id of a matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FeedbackId(pub i64);

monthly_number!(
    /// A matter's number `FK-YYYYMM-NNNN`: a monthly sequence with no gaps or duplicates.
    FeedbackNumber,
    "FK",
    "反馈编号"
);

monthly_number!(
    /// A 工作联系单's number `GZ-YYYYMM-NNNN`: a monthly sequence of the slips sent out.
    WorkOrderNumber,
    "GZ",
    "工作联系单号"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_and_parse() {
        let n = FeedbackNumber {
            year: 2026,
            month: 11,
            seq: 1,
        };
        assert_eq!(n.to_string(), "FK-202611-0001");
        assert_eq!(FeedbackNumber::parse("fk-２０２６１１-1"), Some(n));
        assert_eq!(FeedbackNumber::parse("FK-202613-0001"), None);
        let w: WorkOrderNumber = "GZ-202611-0012".parse().unwrap();
        assert_eq!(w.to_string(), "GZ-202611-0012");
        assert_eq!(WorkOrderNumber::parse("202611-12"), Some(w));
        assert!(
            "GZ-2026-1"
                .parse::<WorkOrderNumber>()
                .unwrap_err()
                .contains("GZ-202611-0001")
        );
        assert_eq!(WorkOrderNumber::parse("GZ-202611-00a1"), None);
        assert_eq!(WorkOrderNumber::parse("GZ-202611-0000"), None);
    }

    #[test]
    fn codes_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(*c));
        }
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(*c));
        }
        for s in FeedbackState::ALL {
            assert_eq!(FeedbackState::from_code(s.code()), Some(*s));
        }
        assert!(!FeedbackState::Closed.is_open());
        assert_eq!(Severity::Major.label(), "重大");
    }
}
