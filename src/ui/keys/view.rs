//! The 钥匙管理 screen: cabinet and overdue list on the left, the key or a form on the right.

use iced::widget::{button, checkbox, column, pick_list, row, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::forms::{Edit, Field, IssueDraft, KeyDraft, LoanDraft, Texts};
use super::{CONDITION_ID, END_OF_DAY, END_OF_DAY_ID, Editor, Keys, Message, SEARCH_ID, Selected};
use crate::domain::date::table_datetime;
use crate::domain::keys::{
    BorrowerOrg, ID_DOCUMENTS, KeyStatus, LabelCheck, duration_text, overdue_by,
};
use crate::store::{KeyRecord, LoanRecord};
use crate::ui::About;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled, master_detail, scroll};

fn input<'a>(t: &'a Texts, f: Field, label: &'a str, placeholder: &'a str) -> Element<'a, Message> {
    field(f.id(), label, placeholder, t.get(f), t.error(f), move |v| {
        Message::Form(Edit::Text(f, v))
    })
}

fn save_cancel<'a>() -> Element<'a, Message> {
    row![
        button(text("保存")).on_press(Message::Save),
        button(text("取消"))
            .on_press(Message::Cancel)
            .style(button::secondary),
    ]
    .spacing(8)
    .into()
}

impl Keys {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let editor: Option<Element<'_, Message>> = match &self.editor {
            Some(Editor::NewKey(d)) => Some(key_form(d)),
            Some(Editor::Lend(d)) => Some(loan_form(d, self.end_of_day_saved)),
            Some(Editor::Issue(d)) => Some(issue_form(d)),
            None => None,
        };
        let right: Element<'_, Message> = match (editor, &self.selected) {
            // Each form keyed by what it is about: lending key 12 is another form than key 14.
            (Some(fields), _) => form(self.on_screen(), fields)
                .on_submit(Message::Save)
                .on_cancel(Message::Cancel)
                .into(),
            (None, Some(s)) => self.detail(s),
            (None, None) => hint("在左边搜索并选择一把钥匙，或点击“钥匙入柜”。"),
        };
        master_detail(self.left(), right, self.message())
    }

    fn left(&self) -> Element<'_, Message> {
        let search = text_input("搜索：挂钩号、房号 5-1-0301 或 0301、公共部位", &self.query)
            .id(SEARCH_ID)
            .on_input(Message::Search)
            .padding(8)
            .size(16);
        let actions = row![
            button(text("钥匙入柜")).on_press(Message::NewKey),
            button(text("打印本月借用登记表"))
                .on_press(Message::PrintLoans)
                .style(button::secondary),
            button(text("打印本月发放登记表"))
                .on_press(Message::PrintIssues)
                .style(button::secondary),
        ]
        .spacing(8);
        let end_of_day = row![
            text("施工维修人员当天归还，下班时间").size(14),
            text_input("18:00", &self.end_of_day)
                .id(END_OF_DAY_ID)
                .on_input(Message::EndOfDay)
                .padding(4)
                .width(Length::Fixed(80.0)),
            button(text("保存下班时间").size(13))
                .on_press(Message::SaveEndOfDay)
                .style(button::secondary),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        // Always on screen beside the list: Enter in it saves, but showing the tab leaves the
        // cursor in the search box.
        let end_of_day = form(END_OF_DAY, end_of_day)
            .on_submit(Message::SaveEndOfDay)
            .keep_cursor();
        let mut col = column![heading("钥匙管理"), search, actions, end_of_day].spacing(10);
        if let Some(e) = &self.end_of_day_error {
            col = col.push(text(e).size(13).style(text::danger));
        } else if let Some(n) = self.end_of_day_message() {
            col = col.push(text(&n.text).size(13).style(if n.error {
                text::danger
            } else {
                text::success
            }));
        }
        col = col.push(self.overdue_panel());
        let selected = self.selected.as_ref().map(|s| s.key.id);
        let columns = [
            table::column(text("挂钩号").size(14), move |k: &KeyRecord| {
                let b = button(text(k.key.hook.as_str()).size(14))
                    .padding([2, 6])
                    .on_press(Message::Select(k.id));
                if Some(k.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("房号/部位").size(14), |k: &KeyRecord| {
                text(k.whose()).size(14)
            }),
            table::column(text("数量").size(14), |k: &KeyRecord| {
                text(k.key.count.to_string()).size(14)
            }),
            table::column(text("存放位置").size(14), |k: &KeyRecord| {
                text(k.key.location.as_str()).size(14)
            }),
            table::column(text("状态").size(14), |k: &KeyRecord| {
                let t = text(k.status.label()).size(14);
                if k.status == KeyStatus::Lost {
                    t.style(text::danger)
                } else {
                    t
                }
            }),
        ];
        let list: Element<'_, Message> = if self.list.is_empty() {
            hint("没有找到钥匙。")
        } else {
            table(
                columns.map(|c| c.align_y(Alignment::Center)),
                self.list.iter(),
            )
            .padding_y(2)
            .into()
        };
        col.push(scroll(list).height(Length::Fill)).into()
    }

    fn overdue_panel(&self) -> Element<'_, Message> {
        if self.overdue.is_empty() {
            return hint("没有逾期未还的钥匙。");
        }
        let now = self.now;
        let mut col = column![
            text(format!("逾期未还 {} 把", self.overdue.len()))
                .size(15)
                .style(text::danger)
        ]
        .spacing(4);
        for l in &self.overdue {
            let late = overdue_by(l.loan.due_at, now)
                .map(duration_text)
                .unwrap_or_default();
            col = col.push(
                button(
                    text(format!(
                        "{} {}　{}（{}）{}　应还 {}　已逾期 {late}",
                        l.hook,
                        l.whose,
                        l.loan.borrower,
                        l.loan.org.label(),
                        l.loan.phone.masked(),
                        table_datetime(l.loan.due_at)
                    ))
                    .size(13),
                )
                .padding([1, 4])
                .style(button::text)
                .on_press(Message::Select(l.key_id)),
            );
        }
        col.into()
    }

    fn detail<'a>(&'a self, s: &'a Selected) -> Element<'a, Message> {
        let k = &s.key;
        let mut col = column![
            text(format!("挂钩 {}　{}", k.key.hook, k.whose())).size(18),
            text(format!(
                "{} 把　存放：{}　状态：{}",
                k.key.count,
                k.key.location,
                k.status.label()
            ))
            .size(14),
        ]
        .spacing(8);
        if let Some(l) = &s.open {
            let late = overdue_by(l.loan.due_at, self.now)
                .map(|d| format!("　已逾期 {}", duration_text(d)))
                .unwrap_or_default();
            col = col.push(
                text(format!(
                    "借出：{}（{}）{}　用途：{}　借出 {}　应还 {}{late}",
                    l.loan.borrower,
                    l.loan.org.label(),
                    l.loan.phone.masked(),
                    l.loan.purpose,
                    table_datetime(l.loan.out_at),
                    table_datetime(l.loan.due_at)
                ))
                .size(14),
            );
            let back = row![
                text_input("归还状况（默认完好）", &self.condition)
                    .id(CONDITION_ID)
                    .on_input(Message::Condition)
                    .padding(6)
                    .width(Length::Fixed(220.0)),
                button(text("归还入柜")).on_press(Message::Return),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            // Part of the key's page: Enter in it returns the key, but selecting the key does
            // not take the cursor from the search box.
            col = col.push(
                form(About::record("return", k.id.0), back)
                    .on_submit(Message::Return)
                    .keep_cursor(),
            );
        }
        if k.status == KeyStatus::InCabinet {
            col = col.push(
                row![
                    button(text("借出")).on_press(Message::Lend),
                    button(text("交业主"))
                        .on_press(Message::Issue)
                        .style(button::secondary),
                ]
                .spacing(8),
            );
        }
        col = col.push(
            row![
                text("标签检查").size(14),
                button(text("完好").size(13))
                    .on_press(Message::Check(LabelCheck::Good))
                    .style(button::secondary),
                button(text("已更换标签").size(13))
                    .on_press(Message::Check(LabelCheck::Relabelled))
                    .style(button::secondary),
                button(text("未找到").size(13))
                    .on_press(Message::Check(LabelCheck::Missing))
                    .style(button::danger),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        col = col.push(text("最近借用").size(15));
        if s.loans.is_empty() {
            col = col.push(hint("还没有借用记录。"));
        }
        for l in &s.loans {
            col = col.push(text(loan_line(l)).size(13));
        }
        col.into()
    }
}

fn loan_line(l: &LoanRecord) -> String {
    let back = match &l.returned {
        Some((at, condition, by)) => {
            format!("{} 归还（{condition}，{by} 接收）", table_datetime(*at))
        }
        None => "未还".into(),
    };
    format!(
        "{} {}（{}）{}，{}",
        table_datetime(l.loan.out_at),
        l.loan.borrower,
        l.loan.org.label(),
        l.loan.purpose,
        back
    )
}

fn key_form(d: &KeyDraft) -> Element<'_, Message> {
    let t = &d.texts;
    column![
        heading("钥匙入柜"),
        input(t, Field::Unit, "房号", "5-1-0301（公共部位可不填）"),
        input(t, Field::Place, "公共部位", "例如 1号楼配电室"),
        input(t, Field::Hook, "挂钩号", "例如 A-001"),
        input(t, Field::Count, "数量", "把"),
        input(t, Field::Location, "存放位置", "例如 钥匙柜1号"),
        save_cancel(),
    ]
    .spacing(8)
    .into()
}

fn loan_form(d: &LoanDraft, end_of_day: chrono::NaiveTime) -> Element<'_, Message> {
    let t = &d.texts;
    let mut col = column![
        heading("借出钥匙"),
        input(t, Field::Borrower, "借用人", "姓名"),
        input(t, Field::Phone, "电话", "手机号"),
        labelled(
            "借用单位",
            pick_list(BorrowerOrg::ALL, Some(d.org), |o| Message::Form(Edit::Org(
                o
            )))
            .into(),
            None
        ),
        input(t, Field::Purpose, "用途", "例如 维修水管"),
    ]
    .spacing(8);
    if d.org == BorrowerOrg::Marketing {
        col = col.push(input(t, Field::Approver, "部门主管", "签字的主管姓名"));
    }
    let due_hint = if d.org.same_day() {
        "不填则为今天下班时间"
    } else {
        "例如 11-30 17:00 或 明天9点"
    };
    col = col.push(input(t, Field::Due, "应还时间", due_hint));
    if d.org.same_day() {
        col = col.push(hint(format!(
            "施工维修人员须当天归还，最晚今天 {}",
            end_of_day.format("%H:%M")
        )));
    }
    col.push(save_cancel()).into()
}

fn issue_form(d: &IssueDraft) -> Element<'_, Message> {
    let t = &d.texts;
    let docs: Vec<String> = ID_DOCUMENTS.iter().map(|s| s.to_string()).collect();
    let mut col = column![
        heading("钥匙交业主"),
        input(t, Field::Recipient, "领取人", "姓名"),
        labelled(
            "核验证件",
            pick_list(docs, Some(d.document.clone()), |s| Message::Form(
                Edit::Document(s)
            ))
            .into(),
            None
        ),
        input(t, Field::Tail, "证件号后四位", "例如 002X"),
        input(t, Field::Count, "数量", "把"),
        checkbox(d.signed)
            .label("领取人已在钥匙发放登记表上签字")
            .on_toggle(|b| Message::Form(Edit::Signed(b))),
    ]
    .spacing(8);
    if let Some(e) = &d.other_error {
        col = col.push(text(e).size(13).style(text::danger));
    }
    col.push(save_cancel()).into()
}
