//! Printed paper forms (维修单, 业主信息卡, receipts …) as PDF files.
//!
//! Everything is drawn with one embedded typeface, Noto Sans SC (see
//! `assets/fonts/README.md`), so a form prints the same on every desk computer.
//! [`FormDoc`] is a small top-to-bottom document builder on printpdf: titles,
//! header lines, paragraphs, ruled tables and label/value grids, signature lines and
//! copy labels (第一联 …). Every text is checked against the font before anything is
//! drawn, so a character the font lacks becomes a [`FormError::MissingGlyphs`] the
//! user can act on, never a blank box on paper.
//!
//! [`extract_text`] reads the text back out of a finished PDF, for verification.
//!
//! ```no_run
//! use wuye_desk::forms::{Align, Column, FormDoc, FormError, PageSize, Table};
//!
//! fn repair_slip() -> Result<Vec<u8>, FormError> {
//!     let mut doc = FormDoc::new("维修单", PageSize::A5Landscape)?;
//!     doc.copies(&["第一联 维修班存根", "第二联 客服中心留存", "第三联 业主留存"], |doc, _| {
//!         doc.title("维修单")?;
//!         doc.header_line("幸福家园物业服务中心", "WX-202611-007", "2026年11月29日")?;
//!         doc.key_value_grid(&[("房号", "3号楼2单元1502室"), ("报修人", "张伟")], 2)?;
//!         let mut materials = Table::new(vec![
//!             Column::new("材料名称", 3.0),
//!             Column::new("数量", 1.0).align(Align::Right),
//!         ]);
//!         materials.push_row(["PVC管件", "2"]);
//!         doc.table(&materials)?;
//!         doc.signature_line(&["业主签字", "日期"])
//!     })?;
//!     doc.finish()
//! }
//! ```

mod blocks;
mod cashier_day;
pub mod chart;
mod dated;
mod draw;
mod engine;
mod error;
mod feedback_log;
pub mod font;
mod grid;
mod handover_sheet;
mod job_args;
mod jobs;
mod key_logs;
mod layout;
mod lostfound;
mod metrics;
mod month_summary;
mod move_in_list;
mod owner_card;
pub mod pdf_text;
mod receipt;
mod refund_voucher;
mod release_pass;
mod reminder;
mod renovation;
mod renovation_jobs;
mod renovation_passes;
mod renovation_patrol;
mod rental;
mod repair_report;
mod repair_slip;
mod vacancy_application;
mod vacancy_sheet;
mod work_order;

pub use cashier_day::cashier_day;
pub use dated::dated;
pub use draw::Align;
pub use engine::{FormDoc, PageSize};
pub use error::FormError;
pub use feedback_log::{complaint_register, feedback_log};
pub use grid::{Column, Table};
pub use handover_sheet::handover_sheet;
pub use job_args::{FORMS, PrintArgs};
pub use jobs::{PrintError, PrintJob, render, render_at, render_filed};
pub use key_logs::{key_issue_register, key_loan_register};
pub use lostfound::{found_notice, lost_found_register};
pub use month_summary::{by_building as repairs_by_building_text, month_summary};
pub use move_in_list::move_in_list;
pub use owner_card::owner_card;
pub use pdf_text::{PdfTextError, extract_text};
pub use receipt::{RECEIPT_COPIES, receipt};
pub use refund_voucher::{REFUND_COPIES, refund_voucher};
pub use release_pass::{PASS_COPIES, release_pass, release_pass_as, release_register};
pub use reminder::{arrears_list, masked_name, reminders};
pub use renovation::{WORKING_HOURS, renovation_application, renovation_permit};
pub use renovation_passes::worker_passes;
pub use renovation_patrol::{patrol_log, rectification_notice, requirement};
pub use rental::{rental_entrustment, tenant_registration};
pub use repair_report::{SUMMARY_ROWS, daily_report, line_note};
pub use repair_slip::{COPIES as REPAIR_SLIP_COPIES, repair_slip, repair_slip_as};
pub use vacancy_application::vacancy_application;
pub use vacancy_sheet::vacancy_sheet;
pub use work_order::work_order;
