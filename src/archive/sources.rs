//! What each tab files at month end: its registers and the forms of the month. A new tab that
//! keeps records adds one [`TabSource`] to [`SOURCES`] (and its register module).

use super::registers;
use super::table::Workbook;
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// One tab's part of the month-end archive.
pub struct TabSource {
    /// The tab, as the desk names it.
    pub tab: &'static str,
    /// Its registers of the month, one workbook each.
    pub workbooks: fn(&Store, Month) -> Result<Vec<Workbook>, StoreError>,
    /// Every form of the month to file, in the order the archive writes them.
    pub forms: fn(&Store, Month) -> Result<Vec<PrintJob>, StoreError>,
}

/// Every tab that files something at month end, in the order of the desk's tabs.
pub const SOURCES: &[TabSource] = &[
    TabSource {
        tab: "今日",
        workbooks: registers::today::workbooks,
        forms: registers::today::forms,
    },
    TabSource {
        tab: "房屋与业主",
        workbooks: registers::register::workbooks,
        forms: registers::register::forms,
    },
    TabSource {
        tab: "业主入住",
        workbooks: registers::movein::workbooks,
        forms: registers::movein::forms,
    },
    TabSource {
        tab: "装修管理",
        workbooks: registers::renovation::workbooks,
        forms: registers::renovation::forms,
    },
    TabSource {
        tab: "报修管理",
        workbooks: registers::repairs::workbooks,
        forms: registers::repairs::forms,
    },
    TabSource {
        tab: "信息反馈",
        workbooks: registers::feedback::workbooks,
        forms: registers::feedback::forms,
    },
    TabSource {
        tab: "物品放行",
        workbooks: registers::gate::workbooks,
        forms: registers::gate::forms,
    },
    TabSource {
        tab: "钥匙管理",
        workbooks: registers::keys::workbooks,
        forms: registers::keys::forms,
    },
    TabSource {
        tab: "空置房管理",
        workbooks: registers::vacancy::workbooks,
        forms: registers::vacancy::forms,
    },
    TabSource {
        tab: "收费管理",
        workbooks: registers::fees::workbooks,
        forms: registers::fees::forms,
    },
    TabSource {
        tab: "物品拾遗",
        workbooks: registers::lostfound::workbooks,
        forms: registers::lostfound::forms,
    },
    TabSource {
        tab: "房屋代租",
        workbooks: registers::rental::workbooks,
        forms: registers::rental::forms,
    },
    TabSource {
        tab: "操作日志",
        workbooks: registers::audit::workbooks,
        forms: registers::audit::forms,
    },
];
