//! Staff of the office (人员) and the record of who did what when.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;

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

coded!(Role {
    Receptionist => "receptionist", "客户接待员";
    ServiceOfficer => "service_officer", "客户服务员";
    Supervisor => "supervisor", "客服中心主管";
    Technician => "technician", "维修工";
    TeamLead => "team_lead", "班长";
    Cashier => "cashier", "收费员";
    Guard => "guard", "值岗人员";
    KeyKeeper => "key_keeper", "钥匙保管人";
});

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
    /// Who signs the record: the person signed in, or the countersigner. The store fills this
    /// in from its session whatever the caller passes; `None` only in the demo's history.
    pub by: Option<StaffId>,
    /// Their name at the time, kept so the record reads the same if they leave
    /// (`刘洋（经办：张敏）` for a countersigned record).
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
        for &r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("boss"), None);
    }
}
