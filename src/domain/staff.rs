//! Staff of the office (人员) and the record of who did what when.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::Mobile;

/// The row id of a staff member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StaffId(pub i64);

/// The roles of the office's procedure (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Role {
    /// 客户接待员.
    #[default]
    Receptionist,
    /// 客户服务员.
    ServiceOfficer,
    /// 客服中心主管.
    Supervisor,
    /// 维修工.
    Technician,
    /// 班长.
    TeamLead,
    /// 收费员.
    Cashier,
    /// 值岗人员.
    Guard,
    /// 钥匙保管人.
    KeyKeeper,
}

impl Role {
    /// Every role, in the order the procedure introduces them.
    pub const ALL: [Role; 8] = [
        Role::Receptionist,
        Role::ServiceOfficer,
        Role::Supervisor,
        Role::Technician,
        Role::TeamLead,
        Role::Cashier,
        Role::Guard,
        Role::KeyKeeper,
    ];

    /// The Chinese title the desk reads.
    pub fn label(self) -> &'static str {
        match self {
            Role::Receptionist => "客户接待员",
            Role::ServiceOfficer => "客户服务员",
            Role::Supervisor => "客服中心主管",
            Role::Technician => "维修工",
            Role::TeamLead => "班长",
            Role::Cashier => "收费员",
            Role::Guard => "值岗人员",
            Role::KeyKeeper => "钥匙保管人",
        }
    }

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Receptionist => "receptionist",
            Role::ServiceOfficer => "service_officer",
            Role::Supervisor => "supervisor",
            Role::Technician => "technician",
            Role::TeamLead => "team_lead",
            Role::Cashier => "cashier",
            Role::Guard => "guard",
            Role::KeyKeeper => "key_keeper",
        }
    }

    /// The role stored under `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    /// 姓名.
    pub name: String,
    /// 岗位.
    pub role: Role,
    /// 电话.
    pub phone: Option<Mobile>,
    /// Still working here; former staff stay so old records keep their names.
    pub active: bool,
}

/// Who recorded something and when: stored on every record a tab creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// The staff member at the desk (当班人员); `None` for the command line and the demo.
    pub by: Option<StaffId>,
    /// Their name at the time, kept so the record reads the same if they leave.
    pub by_name: String,
    /// Local time of the entry.
    pub at: NaiveDateTime,
}

impl std::fmt::Display for StaffId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("boss"), None);
    }
}
