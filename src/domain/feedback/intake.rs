//! The one intake form for everything that reaches the desk, the dispatch to a department, and
//! the editable list of departments.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Category, Channel, Severity};
use crate::domain::repair;
use crate::domain::staff::StaffId;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Mobile, UnitAddress};

/// Where the matter is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Where {
    /// A unit of the register.
    Unit {
        /// Row id.
        id: UnitId,
        /// Its address.
        address: UnitAddress,
    },
    /// A public area, e.g. `5号楼1单元电梯厅`.
    Public(String),
    /// Nowhere in particular (a suggestion about the service).
    None,
}

impl Where {
    /// The unit, if it is one.
    pub fn unit(&self) -> Option<UnitId> {
        match self {
            Where::Unit { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// `3-2-1502`, the public place, or empty: for tables.
    pub fn short(&self) -> String {
        match self {
            Where::Unit { address, .. } => address.short(),
            Where::Public(place) => place.trim().to_string(),
            Where::None => String::new(),
        }
    }

    /// `3号楼2单元1502室`, `公共区域：…`, or `—`.
    pub fn describe(&self) -> String {
        match self {
            Where::Unit { address, .. } => address.to_string(),
            Where::Public(place) => format!("公共区域：{}", place.trim()),
            Where::None => "—".to_string(),
        }
    }
}

/// What the desk writes down when a call, visit or message comes in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    /// 来源.
    pub channel: Channel,
    /// 反映人: the owner found in the register, or a name as given.
    pub name: String,
    /// 联系电话 (stored in full, shown masked).
    pub phone: Option<Mobile>,
    /// The person of the register, when found there.
    pub person: Option<i64>,
    /// 房号 or 公共区域.
    pub place: Where,
    /// 反映内容.
    pub content: String,
    /// 分类.
    pub category: Category,
    /// 一般 / 重大.
    pub severity: Severity,
    /// 受理时间: the deadlines count from here.
    pub received_at: NaiveDateTime,
    /// 受理人 (the store writes the person signed in when empty).
    pub received_by_name: String,
    /// For a 报修 in a public area: the area's service officer, who confirms the repair.
    pub officer: Option<(StaffId, String)>,
}

/// A field of [`Intake`], for putting a message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntakeField {
    /// 反映人.
    Name,
    /// 联系电话.
    Phone,
    /// 房号 / 公共区域.
    Place,
    /// 反映内容.
    Content,
    /// 分类.
    Category,
    /// 区域客户服务员 (public 报修).
    Officer,
}

/// The longest content the desk keeps in one matter.
pub const MAX_CONTENT: usize = 1000;

impl Intake {
    /// Checks what a parser cannot: names and texts filled in, a 报修 placed where a repair can
    /// be sent. Each problem against its field, in words the receptionist can act on.
    pub fn check(&self) -> Vec<(IntakeField, String)> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push((
                IntakeField::Name,
                "请填写反映人（不愿留名的写“匿名”）".to_string(),
            ));
        }
        if self.content.trim().is_empty() {
            problems.push((IntakeField::Content, "请写清楚反映的内容".to_string()));
        } else if self.content.trim().chars().count() > MAX_CONTENT {
            problems.push((
                IntakeField::Content,
                format!("内容太长，最多{MAX_CONTENT}字，请精简后再保存"),
            ));
        }
        if let Where::Public(place) = &self.place
            && place.trim().is_empty()
        {
            problems.push((IntakeField::Place, "请填写公共区域的位置".to_string()));
        }
        if self.category == super::Category::Repair {
            match &self.place {
                Where::None => problems.push((
                    IntakeField::Place,
                    "报修要选择房号，或填写公共区域的位置".to_string(),
                )),
                Where::Public(_) if self.officer.is_none() => problems.push((
                    IntakeField::Officer,
                    "公共区域报修要选择区域客户服务员（由其确认维修）".to_string(),
                )),
                _ => {}
            }
        }
        problems
    }

    /// The repair order a 报修 opens in 报修管理, with the details carried over: the desk's
    /// category `category`, the appointment at the time received, free of charge until the
    /// technician quotes. A public repair needs its area's service officer.
    pub fn as_repair(
        &self,
        category: &str,
        public_officer: Option<(StaffId, String)>,
    ) -> Result<repair::Intake, String> {
        let place = match &self.place {
            Where::Unit { id, address } => repair::Place::Unit {
                id: *id,
                address: *address,
            },
            Where::Public(location) => {
                let (officer, officer_name) = public_officer.ok_or_else(|| {
                    "公共区域报修要选择区域客户服务员（由其确认维修）".to_string()
                })?;
                repair::Place::Public {
                    location: location.trim().to_string(),
                    officer,
                    officer_name,
                }
            }
            Where::None => return Err("报修要选择房号，或填写公共区域的位置".to_string()),
        };
        Ok(repair::Intake {
            place,
            reporter: self.name.trim().to_string(),
            phone: self.phone.clone(),
            channel: match self.channel {
                Channel::Phone => repair::Channel::Call,
                Channel::Visit => repair::Channel::Visit,
                Channel::Staff => repair::Channel::Patrol,
                Channel::WeChat | Channel::Letter | Channel::Other => repair::Channel::Other,
            },
            category: category.to_string(),
            description: self.content.trim().to_string(),
            appointment: self.received_at,
            chargeable: false,
            quote: String::new(),
            quote_amount: Fen(0),
        })
    }
}

/// Sending the matter to a department with a 工作联系单.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispatch {
    /// 发往部门, one of the list in 设置.
    pub department: String,
    /// 处理人, when they have an account.
    pub handler: Option<StaffId>,
    /// 处理人's name.
    pub handler_name: String,
    /// 处理要求.
    pub requirement: String,
    /// 回复时限 in minutes; `None` is 设置's `feedback_reply_min` (24 h).
    pub reply_limit_min: Option<u32>,
    /// 需请示上级: the matter must be reported up within the escalation time.
    pub needs_superior: bool,
}

/// A field of [`Dispatch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DispatchField {
    /// 发往部门.
    Department,
    /// 处理人.
    Handler,
    /// 回复时限.
    ReplyLimit,
}

impl Dispatch {
    /// Checks the dispatch: a department and a handler named, a limit of at least a minute.
    pub fn check(&self) -> Vec<(DispatchField, String)> {
        let mut problems = Vec::new();
        if self.department.trim().is_empty() {
            problems.push((DispatchField::Department, "请选择发往部门".to_string()));
        }
        if self.handler_name.trim().is_empty() {
            problems.push((DispatchField::Handler, "请填写处理人".to_string()));
        }
        match self.reply_limit_min {
            Some(0) => problems.push((
                DispatchField::ReplyLimit,
                "回复时限至少1分钟；不填则按设置里的时限".to_string(),
            )),
            Some(m) if m > 30 * 24 * 60 => {
                problems.push((DispatchField::ReplyLimit, "回复时限最长30天".to_string()))
            }
            _ => {}
        }
        problems
    }
}

/// The departments the office starts with; the list is editable in 设置.
pub const DEFAULT_DEPARTMENTS: [&str; 5] =
    ["工程部", "秩序维护部", "环境部", "财务/收费", "客服中心"];

/// Reads the department list as 设置 shows it, `工程部、秩序维护部`: separated by `、`, commas,
/// semicolons or line breaks; each 1 to 12 characters, no repeats, at least one.
pub fn parse_departments(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(['、', ',', '，', '\n', ';', '；']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if part.chars().count() > 12 {
            return Err(format!("部门“{part}”太长，每个部门最多12个字"));
        }
        if out.iter().any(|d| d == part) {
            return Err(format!("部门“{part}”重复了"));
        }
        out.push(part.to_string());
    }
    if out.is_empty() {
        return Err("至少要有一个部门，例如 工程部".to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::Category;

    fn intake() -> Intake {
        Intake {
            channel: Channel::Phone,
            name: "王建国".into(),
            phone: Mobile::parse("13812345678").ok(),
            person: None,
            place: Where::Unit {
                id: UnitId(7),
                address: UnitAddress::parse("3-2-1502").unwrap(),
            },
            content: "楼上装修噪音，晚上十点还在施工".into(),
            category: Category::Complaint,
            severity: Severity::General,
            received_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            received_by_name: "张敏".into(),
            officer: None,
        }
    }

    #[test]
    fn an_intake_needs_a_name_and_content_and_a_repair_a_place() {
        assert!(intake().check().is_empty());
        let mut i = intake();
        i.name = " ".into();
        i.content = String::new();
        let fields: Vec<_> = i.check().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [IntakeField::Name, IntakeField::Content]);

        let mut i = intake();
        i.category = Category::Repair;
        i.place = Where::None;
        assert!(i.check()[0].1.contains("报修要选择房号"));
        i.place = Where::Public("5号楼电梯厅".into());
        assert_eq!(i.check()[0].0, IntakeField::Officer);
        assert!(
            i.as_repair("其他", None)
                .unwrap_err()
                .contains("区域客户服务员")
        );
        let r = i
            .as_repair("公共设施", Some((StaffId(3), "王强".into())))
            .unwrap();
        assert_eq!(r.place.short(), "5号楼电梯厅");
        assert_eq!(r.appointment, i.received_at);
        assert!(!r.chargeable);
        assert!(r.validate().is_empty());
    }

    #[test]
    fn a_repair_carries_the_details_over() {
        let mut i = intake();
        i.category = Category::Repair;
        i.content = "厨房水管漏水".into();
        let r = i.as_repair("给排水", None).unwrap();
        assert_eq!(r.reporter, "王建国");
        assert_eq!(r.description, "厨房水管漏水");
        assert_eq!(r.channel, repair::Channel::Call);
        assert_eq!(r.place.short(), "3-2-1502");
        assert_eq!(r.phone, i.phone);
    }

    #[test]
    fn a_dispatch_names_department_and_handler() {
        let d = Dispatch {
            department: "".into(),
            handler: None,
            handler_name: " ".into(),
            requirement: String::new(),
            reply_limit_min: Some(0),
            needs_superior: false,
        };
        let fields: Vec<_> = d.check().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                DispatchField::Department,
                DispatchField::Handler,
                DispatchField::ReplyLimit
            ]
        );
    }

    #[test]
    fn the_department_list_as_typed() {
        assert_eq!(
            parse_departments("工程部、秩序维护部，环境部\n财务/收费").unwrap(),
            ["工程部", "秩序维护部", "环境部", "财务/收费"]
        );
        assert!(parse_departments(" ").unwrap_err().contains("至少"));
        assert!(
            parse_departments("工程部、工程部")
                .unwrap_err()
                .contains("重复")
        );
    }
}
