//! The 月末归档 screen: month and folder with 开始归档 on the left, the progress bar (or the
//! finished archive with 打开文件夹) under them; the archived months on the right.

use iced::widget::{button, column, progress_bar, row, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::{ArchiveTab, FOLDER_ID, MONTH_ID, Message};
use crate::domain::date::table_datetime;
use crate::store::ArchivedMonth;
use crate::ui::widget::{heading, hint, master_detail};

impl ArchiveTab {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        master_detail(self.controls(), self.archived(), self.message())
    }

    fn controls(&self) -> Element<'_, Message> {
        let busy = self.job.is_some();
        let month = text_input("2026-11", &self.month)
            .id(MONTH_ID)
            .on_input_maybe((!busy).then_some(Message::Month))
            .on_submit(Message::Start)
            .padding(6)
            .width(Length::Fixed(110.0));
        let folder = text_input("归档保存到的文件夹", &self.folder)
            .id(FOLDER_ID)
            .on_input_maybe((!busy).then_some(Message::Folder))
            .padding(6)
            .width(Length::Fill);
        let start = button(text("开始归档")).on_press_maybe((!busy).then_some(Message::Start));
        let mut body = column![
            heading("月末归档"),
            hint("把一个月的全部登记（表格）和表单（PDF）连同校验清单存成一个文件夹和一个压缩包，不用本程序也能打开。归档后该月已完成的记录再修改须主管签字。"),
            row![
                text("月份"),
                button(text("上一月")).on_press_maybe((!busy).then_some(Message::StepMonth(-1))),
                month,
                button(text("下一月")).on_press_maybe((!busy).then_some(Message::StepMonth(1))),
                start
            ]
                .spacing(8)
                .align_y(Alignment::Center),
            row![
                text("保存到"),
                folder,
                button(text("选择文件夹…"))
                    .on_press_maybe((!busy).then_some(Message::PickFolder)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(12);
        if let Some(p) = &self.running {
            let share = if p.total == 0 {
                0.0
            } else {
                p.done as f32 / p.total as f32
            };
            body = body.push(
                column![
                    progress_bar(0.0..=1.0, share).girth(14),
                    text(if p.total == 0 {
                        "正在读取本月记录…".to_string()
                    } else {
                        format!("{}/{}  {}", p.done, p.total, p.name)
                    })
                    .size(13),
                    button(text("取消")).on_press(Message::Cancel),
                ]
                .spacing(6),
            );
        } else if let Some(done) = &self.last {
            body = body.push(
                column![
                    text(format!(
                        "{} 已归档：{} 个文件\n{}",
                        done.month,
                        done.files,
                        done.folder.display()
                    ))
                    .size(14),
                    button(text("打开文件夹")).on_press(Message::OpenFolder),
                ]
                .spacing(6),
            );
        }
        body.into()
    }

    fn archived(&self) -> Element<'_, Message> {
        if self.months.is_empty() {
            return column![heading("已归档的月份"), hint("还没有归档过任何月份。")]
                .spacing(8)
                .into();
        }
        let columns = [
            // The month never wraps; the two times share what is left, wrapping if they must.
            table::column(text("月份"), |m: &ArchivedMonth| {
                text(m.month.to_string())
            })
            .width(Length::Fixed(80.0)),
            table::column(text("首次归档"), |m: &ArchivedMonth| {
                text(format!("{} {}", table_datetime(m.first_at), m.first_by))
            })
            .width(Length::Fill),
            table::column(text("最近归档"), |m: &ArchivedMonth| {
                text(format!(
                    "{} {}（共{}次）",
                    table_datetime(m.last_at),
                    m.last_by,
                    m.runs
                ))
            })
            .width(Length::Fill),
            table::column(text("之后改动"), |m: &ArchivedMonth| {
                text(match m.edits_since {
                    0 => "无".to_string(),
                    n => format!("{n} 处，需重新归档"),
                })
            })
            .width(Length::Fixed(120.0)),
        ];
        column![heading("已归档的月份"), table(columns, &self.months)]
            .spacing(8)
            .into()
    }
}
