//! 认领: the owner proves the item is theirs — who they are (name, ID number, phone) and a
//! description that matches what the desk wrote down — and signs the 认领 line on paper. Who
//! released it, and when, is the write's signer and time (the supervisor, for a valuable).

use serde::{Deserialize, Serialize};

use crate::domain::person::validate_name;
use crate::domain::{Mobile, ResidentId};

/// A claim as the desk records it. The ID number and phone are validated types, so a claim
/// cannot be made without them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// 认领人.
    pub name: String,
    /// 身份证号 (stored in full, shown and printed masked).
    pub id_number: ResidentId,
    /// 联系电话.
    pub phone: Mobile,
    /// What the claimant said the item is like, in their own words.
    pub description: String,
    /// The desk compared it with the item's 特征 and found it matches.
    pub matches: bool,
}

/// A field of [`Claim`], for a message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimField {
    /// 认领人.
    Name,
    /// 身份证号.
    IdNumber,
    /// 联系电话.
    Phone,
    /// 认领人描述.
    Description,
    /// 核对相符.
    Matches,
}

impl Claim {
    /// What the claim still lacks: a name, the claimant's own description, and the desk's
    /// word that it matches.
    pub fn check(&self) -> Vec<(ClaimField, String)> {
        let mut out = Vec::new();
        if let Err(e) = validate_name(&self.name) {
            out.push((ClaimField::Name, format!("认领人{e}")));
        }
        if self.description.trim().is_empty() {
            out.push((
                ClaimField::Description,
                "请记下认领人对物品的描述（颜色、型号、内容等）".to_string(),
            ));
        }
        if !self.matches {
            out.push((
                ClaimField::Matches,
                "认领人的描述须与登记的特征相符，核对后勾选".to_string(),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_needs_a_name_a_description_and_the_desks_check() {
        let first17 = "41010519800101012";
        let id = ResidentId::parse(&format!(
            "{first17}{}",
            ResidentId::check_char(first17).unwrap()
        ))
        .unwrap();
        let mut c = Claim {
            name: "王建国".into(),
            id_number: id,
            phone: Mobile::parse("13812345678").unwrap(),
            description: "黑色华为，蓝色壳".into(),
            matches: true,
        };
        assert!(c.check().is_empty());
        c.name = "".into();
        c.description = " ".into();
        c.matches = false;
        let fields: Vec<_> = c.check().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                ClaimField::Name,
                ClaimField::Description,
                ClaimField::Matches
            ]
        );
        // The number is personal: a careless format shows it masked.
        assert!(!format!("{c:?}").contains(first17));
    }
}
