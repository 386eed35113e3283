//! Basements (地下室, 地下车库): not in the register, but inspected like vacant units
//! (DOMAIN.md §8: 地下室检查记录表, the supervisor spot-checks). A basement belongs to a
//! building so it appears on that building's sheet and in its coverage.

use serde::{Deserialize, Serialize};

/// The row id of a basement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BasementId(pub i64);

/// The longest name accepted (it must fit the sheet's 房号 column).
pub const NAME_MAX: usize = 20;

/// A basement as entered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Basement {
    /// 楼栋 the basement is under (or whose sheet lists it).
    pub building: u32,
    /// e.g. `3号楼地下室`, `地下车库B1`.
    pub name: String,
    /// 备注, e.g. where the key is kept.
    pub note: String,
    /// Inactive basements (sealed, handed to the parking company) are no longer inspected.
    pub active: bool,
}

/// Why a basement cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BasementError {
    /// Building 0.
    #[error("请填写楼栋号（大于0的整数）")]
    Building,
    /// Empty name.
    #[error("请填写地下室名称，例如 3号楼地下室")]
    NameEmpty,
    /// Too long for the sheet.
    #[error("名称最多{NAME_MAX}个字")]
    NameLong,
    /// Note too long.
    #[error("备注最多100个字")]
    NoteLong,
}

impl Basement {
    /// Checks the fields.
    ///
    /// # Errors
    /// The first field that is wrong.
    pub fn check(&self) -> Result<(), BasementError> {
        if self.building == 0 {
            return Err(BasementError::Building);
        }
        let name = self.name.trim();
        if name.is_empty() {
            return Err(BasementError::NameEmpty);
        }
        if name.chars().count() > NAME_MAX {
            return Err(BasementError::NameLong);
        }
        if self.note.chars().count() > 100 {
            return Err(BasementError::NoteLong);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(building: u32, name: &str) -> Basement {
        Basement {
            building,
            name: name.into(),
            note: String::new(),
            active: true,
        }
    }

    #[test]
    fn names_and_buildings_are_checked() {
        assert_eq!(b(3, "3号楼地下室").check(), Ok(()));
        assert_eq!(b(0, "3号楼地下室").check(), Err(BasementError::Building));
        assert_eq!(b(3, "  ").check(), Err(BasementError::NameEmpty));
        assert_eq!(b(3, &"地".repeat(NAME_MAX)).check(), Ok(()));
        assert_eq!(
            b(3, &"地".repeat(NAME_MAX + 1)).check(),
            Err(BasementError::NameLong)
        );
    }
}
