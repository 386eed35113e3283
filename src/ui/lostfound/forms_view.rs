//! The forms of the lost-and-found tab: the item handed in, the loss report with its matches as
//! typed, the claim (the item's features beside it, for the desk to compare), the disposal, the
//! end of a report.

use iced::Element;
use iced::widget::{button, checkbox, column, row, text};

use super::drafts::{ClaimDraft, CloseDraft, DisposeDraft, Field, ItemDraft, LossDraft};
use super::{LostFound, Message};
use crate::domain::lostfound::{Category, DisposalMethod, FinderKind, Valuable};
use crate::ui::form::form;
use crate::ui::widget::{choice_row, field, heading, hint, labelled, save_back, wide_field};

/// Width of the long fields (features, descriptions, reasons).
const WIDE: f32 = 420.0;

fn edit(f: Field) -> impl Fn(String) -> Message {
    move |v| Message::Edited(f, v)
}

impl LostFound {
    pub(super) fn item_form<'a>(&'a self, d: &'a ItemDraft) -> Element<'a, Message> {
        let err = |f: Field| d.errors.get(&f).map(String::as_str);
        let mut c = column![
            heading("登记拾到的物品"),
            labelled(
                "类别",
                choice_row(Category::ALL, d.category.as_ref(), Message::CategoryPicked),
                None,
            ),
            field(
                Field::Name.id(),
                "物品名称",
                "例如 黑色手机",
                &d.name,
                err(Field::Name),
                edit(Field::Name)
            ),
            wide_field(
                WIDE,
                Field::Description.id(),
                "特征",
                "型号、颜色、记号、内装物品（不公开）",
                &d.description,
                err(Field::Description),
                edit(Field::Description)
            ),
            field(
                Field::Place.id(),
                "拾获地点",
                "例如 1号楼大堂",
                &d.place,
                err(Field::Place),
                edit(Field::Place)
            ),
            field(
                Field::FoundAt.id(),
                "拾获时间",
                "例如 08:40 或 2026-11-20 08:40",
                &d.found_at,
                err(Field::FoundAt),
                edit(Field::FoundAt)
            ),
            labelled(
                "拾获人是",
                choice_row(
                    FinderKind::ALL,
                    d.finder_kind.as_ref(),
                    Message::FinderKindPicked
                ),
                None,
            ),
            field(
                Field::Finder.id(),
                "拾获人",
                "姓名，例如 孙丽",
                &d.finder,
                err(Field::Finder),
                edit(Field::Finder)
            ),
        ]
        .spacing(10);
        c = c
            .push(field(
                Field::FinderPhone.id(),
                "拾获人电话",
                "手机号；员工可不填",
                &d.finder_phone,
                err(Field::FinderPhone),
                edit(Field::FinderPhone),
            ))
            .push(field(
                Field::Storage.id(),
                "存放位置",
                "货架或箱号，例如 A架2层",
                &d.storage,
                err(Field::Storage),
                edit(Field::Storage),
            ));
        let mut ticks = row![].spacing(12);
        for &v in Valuable::ALL {
            ticks = ticks.push(
                checkbox(d.valuables.contains(&v))
                    .label(v.label())
                    .on_toggle(move |on| Message::ValuableToggled(v, on)),
            );
        }
        c = c.push(labelled("贵重物品", ticks.wrap().into(), None));
        if d.valuables.contains(&Valuable::Cash) {
            c = c.push(field(
                Field::Cash.id(),
                "现金金额",
                "当面清点，例如 320.50",
                &d.cash,
                err(Field::Cash),
                edit(Field::Cash),
            ));
        }
        if !d.valuables.is_empty() {
            let mut names = row![].spacing(6);
            for s in &self.staff {
                let b = button(text(&s.label).size(14))
                    .padding([4, 10])
                    .on_press(Message::WitnessToggled(s.label.clone()));
                names = names.push(if d.witnesses.contains(&s.label) {
                    b.style(button::primary)
                } else {
                    b.style(button::secondary)
                });
            }
            c = c.push(labelled(
                "清点见证人",
                names.wrap().into(),
                err(Field::Witnesses),
            ));
            c = c.push(hint(
                "贵重物品须两名员工在场清点，交客服中心主管保管：保存时请主管输入PIN会签。",
            ));
            if d.valuables.contains(&Valuable::IdCard) {
                c = c.push(hint("身份证件须及时上交派出所。"));
            }
        }
        let c = c.push(save_back("保存登记", Message::SaveItem, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveItem)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn loss_form<'a>(&'a self, d: &'a LossDraft) -> Element<'a, Message> {
        let err = |f: Field| d.errors.get(&f).map(String::as_str);
        let c = column![
            heading("寻物登记"),
            field(
                Field::Person.id(),
                "失主",
                "姓名",
                &d.name,
                err(Field::Person),
                edit(Field::Person)
            ),
            field(
                Field::Phone.id(),
                "联系电话",
                "手机号，有人交来时通知",
                &d.phone,
                err(Field::Phone),
                edit(Field::Phone)
            ),
            labelled(
                "类别",
                choice_row(
                    Category::ALL,
                    d.category.as_ref(),
                    Message::LossCategoryPicked
                ),
                None,
            ),
            wide_field(
                WIDE,
                Field::Words.id(),
                "遗失物品",
                "物品和特征，例如 黑色华为手机，蓝色壳",
                &d.description,
                err(Field::Words),
                edit(Field::Words)
            ),
            field(
                Field::LostPlace.id(),
                "遗失地点",
                "大概位置，例如 1号楼大堂",
                &d.place,
                err(Field::LostPlace),
                edit(Field::LostPlace)
            ),
            field(
                Field::LostOn.id(),
                "遗失日期",
                "例如 今天、昨天、11-20",
                &d.lost_on,
                err(Field::LostOn),
                edit(Field::LostOn)
            ),
            heading("可能相符的在库物品"),
            self.match_rows(&self.live_matches, false),
            hint("保存后可在寻物登记中查看并办理认领。"),
            save_back("保存寻物登记", Message::SaveLoss, Message::Back),
        ]
        .spacing(10);
        form(self.on_screen(), c)
            .on_submit(Message::SaveLoss)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn claim_form<'a>(&'a self, d: &'a ClaimDraft) -> Element<'a, Message> {
        let err = |f: Field| d.errors.get(&f).map(String::as_str);
        let mut c = column![heading("认领")].spacing(10);
        if let Some(r) = self.selected_item() {
            c = c.push(
                text(format!(
                    "{}　{}·{}",
                    r.number,
                    r.item.category.label(),
                    r.item.name
                ))
                .size(15),
            );
            let cash = r
                .item
                .cash
                .map(|f| format!("；现金 {f}"))
                .unwrap_or_default();
            c = c.push(
                text(format!(
                    "登记的特征（请让认领人先说）：{}{cash}",
                    r.item.description
                ))
                .size(14),
            );
        }
        c = c
            .push(field(
                Field::Person.id(),
                "认领人",
                "姓名",
                &d.name,
                err(Field::Person),
                edit(Field::Person),
            ))
            .push(field(
                Field::IdNumber.id(),
                "身份证号",
                "核验身份证原件，18位",
                &d.id_number,
                err(Field::IdNumber),
                edit(Field::IdNumber),
            ))
            .push(field(
                Field::Phone.id(),
                "联系电话",
                "手机号",
                &d.phone,
                err(Field::Phone),
                edit(Field::Phone),
            ))
            .push(wide_field(
                WIDE,
                Field::Words.id(),
                "认领人描述",
                "认领人说出的颜色、型号、内装物品等",
                &d.description,
                err(Field::Words),
                edit(Field::Words),
            ))
            .push(labelled(
                "",
                checkbox(d.matches)
                    .label("认领人所述特征与登记相符")
                    .on_toggle(Message::MatchesToggled)
                    .into(),
                err(Field::Matches),
            ));
        if self.selected_item().is_some_and(|r| r.item.is_valuable()) {
            c = c.push(hint("贵重物品由主管发还：保存时请主管输入PIN会签。"));
        }
        let c = c
            .push(hint("发还后请认领人在失物招领登记表上签字。"))
            .push(save_back("确认发还", Message::SaveClaim, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveClaim)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn dispose_form<'a>(&'a self, d: &'a DisposeDraft) -> Element<'a, Message> {
        let mut c = column![
            heading("处置无人认领的物品"),
            labelled(
                "处置方式",
                choice_row(
                    DisposalMethod::ALL,
                    d.method.as_ref(),
                    Message::MethodPicked
                ),
                None,
            ),
            wide_field(
                WIDE,
                Field::Receiver.id(),
                "接收单位/经手人",
                "例如 花园路派出所 李警官；处理可不填",
                &d.receiver,
                None,
                edit(Field::Receiver)
            ),
            wide_field(
                WIDE,
                Field::Reason.id(),
                "处置原因",
                "例如 保管期满无人认领",
                &d.reason,
                None,
                edit(Field::Reason)
            ),
            hint("由客服中心主管处置；现金和身份证件只能上交派出所。"),
        ]
        .spacing(10);
        if let Some(e) = &d.error {
            c = c.push(text(e).size(13).style(text::danger));
        }
        let c = c.push(save_back("确认处置", Message::SaveDispose, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveDispose)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn close_form<'a>(&'a self, d: &'a CloseDraft) -> Element<'a, Message> {
        let c = column![
            heading("结束寻物登记"),
            wide_field(
                WIDE,
                Field::Reason.id(),
                "结果",
                "例如 失主已自行找到",
                &d.result,
                d.error.as_deref(),
                edit(Field::Reason)
            ),
            save_back("保存", Message::SaveCloseReport, Message::Back),
        ]
        .spacing(10);
        form(self.on_screen(), c)
            .on_submit(Message::SaveCloseReport)
            .on_cancel(Message::Back)
            .into()
    }
}
