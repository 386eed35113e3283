//! Owners and residents (业主与住户) of a unit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;

use super::{Mobile, ResidentId};

/// The row id of a person in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PersonId(pub i64);

/// How a person relates to the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Relation {
    /// 业主: on the title deed; a unit may have several.
    #[default]
    Owner,
    /// 家属: family of an owner living there.
    Family,
    /// 租户: a tenant.
    Tenant,
    /// 其他: anyone else the desk needs to reach.
    Other,
}

impl Relation {
    /// The relation as written in a spreadsheet (`业主`, `户主`, `配偶`, `租客` …).
    pub fn from_label(text: &str) -> Option<Self> {
        match text.trim() {
            "业主" | "户主" | "产权人" | "共有人" => Some(Relation::Owner),
            "家属" | "配偶" | "子女" | "父母" | "亲属" | "家人" => {
                Some(Relation::Family)
            }
            "租户" | "租客" | "承租人" => Some(Relation::Tenant),
            "其他" => Some(Relation::Other),
            _ => None,
        }
    }
}

coded!(Relation {
    Owner => "owner", "业主";
    Family => "family", "家属";
    Tenant => "tenant", "租户";
    Other => "other", "其他";
});

/// An owner or resident of one unit. A person living in two units appears once per unit,
/// as the paper owner files do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// 姓名.
    pub name: String,
    /// 联系电话.
    pub phone: Option<Mobile>,
    /// 身份证号.
    pub id_number: Option<ResidentId>,
    /// 与房屋关系.
    pub relation: Relation,
    /// 入住日期.
    pub move_in: Option<NaiveDate>,
    /// 紧急联系人 (name).
    pub emergency_contact: String,
    /// 紧急联系电话.
    pub emergency_phone: Option<Mobile>,
    /// 备注.
    pub note: String,
}

/// Longest name the desk accepts; real names are 2–4 characters, minority and foreign names longer.
pub const MAX_NAME_CHARS: usize = 30;

/// Checks a person's name as typed: not blank, not absurdly long, no digits, no tab, line break
/// or other invisible control character (each named as what it is: a name pasted from a
/// spreadsheet cell often carries a tab or a line break).
pub fn validate_name(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    if name.is_empty() {
        return Err("请填写姓名");
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err("姓名太长，最多30个字");
    }
    if name.chars().any(|c| matches!(c, '\t' | '\n' | '\r')) {
        return Err("姓名里有制表符或换行，请删掉");
    }
    if name.chars().any(char::is_control) {
        return Err("姓名里有看不见的控制字符，请删掉后重新输入");
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        return Err("姓名里不能有数字");
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(validate_name(" 张伟 "), Ok("张伟".to_string()));
        assert_eq!(
            validate_name("阿依古丽·买买提"),
            Ok("阿依古丽·买买提".to_string())
        );
        assert!(validate_name("   ").is_err());
        assert_eq!(validate_name("张3"), Err("姓名里不能有数字"));
        assert_eq!(validate_name("张\t伟"), Err("姓名里有制表符或换行，请删掉"));
        assert_eq!(
            validate_name("张\r\n伟"),
            Err("姓名里有制表符或换行，请删掉")
        );
        assert_eq!(
            validate_name("张\u{7}伟"),
            Err("姓名里有看不见的控制字符，请删掉后重新输入")
        );
        assert!(validate_name(&"长".repeat(31)).is_err());
    }

    #[test]
    fn relations_round_trip() {
        for &r in Relation::ALL {
            assert_eq!(Relation::from_code(r.code()), Some(r));
            assert_eq!(Relation::from_label(r.label()), Some(r));
        }
        assert_eq!(Relation::from_label("配偶"), Some(Relation::Family));
    }
}
