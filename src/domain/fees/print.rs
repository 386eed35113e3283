//! [`CopyMode`]: how the office prints the forms that have copies (收款收据, 维修单, 放行条),
//! chosen once in 设置 (`print.copy_mode`). See docs/FORMS.md for the sizes and why.

use serde::{Deserialize, Serialize};

/// How the copies of a multi-copy form come out of the printer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CopyMode {
    /// A laser printer on plain paper: each copy printed on its own sheet and labelled
    /// (第一联 存根 …). The form's usual paper size (A4, or A5 for the 放行条).
    #[default]
    Laser,
    /// A dot-matrix printer on continuous multi-part carbon paper, 241 × 140 mm (二等分): one
    /// print makes every ply, the plies carry their own labels, so none is printed.
    DotMatrixHalf,
    /// The same on 241 × 93 mm paper (三等分).
    DotMatrixThird,
}

crate::domain::coded::coded!(CopyMode {
    Laser => "a4", "A4 激光打印（每联单独打印并标明联次）";
    DotMatrixHalf => "241x140", "针式打印 二等分 241×140 mm（一次打出多联）";
    DotMatrixThird => "241x93", "针式打印 三等分 241×93 mm（一次打出多联）";
});

impl CopyMode {
    /// Whether one print makes all the copies (carbon plies): the form is printed once, with
    /// no copy labels.
    pub fn carbon(self) -> bool {
        !matches!(self, CopyMode::Laser)
    }

    /// The paper, width × height in millimetres, for the continuous sizes.
    pub fn paper_mm(self) -> Option<(u32, u32)> {
        match self {
            CopyMode::Laser => None,
            CopyMode::DotMatrixHalf => Some((241, 140)),
            CopyMode::DotMatrixThird => Some((241, 93)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_laser_is_the_default() {
        for &m in CopyMode::ALL {
            assert_eq!(CopyMode::from_code(m.code()), Some(m));
        }
        assert_eq!(CopyMode::default(), CopyMode::Laser);
        assert!(!CopyMode::Laser.carbon() && CopyMode::DotMatrixThird.carbon());
        assert_eq!(CopyMode::DotMatrixHalf.paper_mm(), Some((241, 140)));
    }
}
