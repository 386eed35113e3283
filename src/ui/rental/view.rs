//! The rental tab's screen: the list of entrusted units on the left (by state, searched), the
//! entrustment with its lease and viewings, or a form, on the right.

use iced::widget::{button, column, row, space, table, text, text_input};
use iced::{Element, Length};

use super::{Message, Panel, Rental, SEARCH_ID};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::rental::ListingState;
use crate::store::{LeaseRecord, RentalRecord, RentalSummary};
use crate::ui::widget::{heading, hint, master_detail, scroll};

impl Rental {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let right: Element<'_, Message> = match &self.panel {
            Panel::Detail => match &self.selected {
                Some(s) => self.detail(s),
                None => hint("在左边选择一套委托房屋，或点击“新建委托”。"),
            },
            Panel::Entrust(d) => self.entrust_form(d),
            Panel::Viewing(d) => self.viewing_form(d),
            Panel::Lease(d) => self.lease_form(d),
            Panel::End(d) => self.end_form(d),
            Panel::Withdraw(d) => self.withdraw_form(d),
        };
        master_detail(self.list_panel(), right, self.message())
    }

    fn list_panel(&self) -> Element<'_, Message> {
        let searching = !self.query.trim().is_empty();
        let state = |label: &'static str, s: Option<ListingState>| {
            let b = button(text(label).size(14))
                .padding([4, 10])
                .on_press(Message::ShowState(s));
            if self.state == s && !searching {
                b.style(button::primary)
            } else {
                b.style(button::secondary)
            }
        };
        let states = row![
            state("全部", None),
            state("待租", Some(ListingState::Listed)),
            state("在租", Some(ListingState::Let)),
            state("已撤回", Some(ListingState::Withdrawn)),
            space::horizontal(),
            button(text("新建委托")).on_press(Message::New),
        ]
        .spacing(6);
        let search = text_input(
            "搜索：编号 DZ-202611-0001、房号、业主或租户姓名",
            &self.query,
        )
        .id(SEARCH_ID)
        .on_input(Message::SearchChanged)
        .padding(8)
        .size(16);
        let selected = self.selected.as_ref().map(|s| s.id);
        let today = self.now.date();
        let columns = [
            table::column(text("房号").size(14), move |r: &RentalSummary| {
                let b = button(text(r.address.short()).size(13))
                    .padding([2, 4])
                    .on_press(Message::Select(r.id));
                if Some(r.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("编号").size(14), |r: &RentalSummary| {
                text(r.number.to_string()).size(13)
            }),
            table::column(text("业主").size(14), |r: &RentalSummary| {
                text(r.owner_name.clone()).size(13)
            }),
            table::column(text("月租").size(14), |r: &RentalSummary| {
                text(r.asking_rent.to_string()).size(13)
            }),
            table::column(text("状态").size(14), move |r: &RentalSummary| {
                let mut cell = column![text(r.state.shown(r.period_to, today)).size(13)];
                if let Some((tenant, ends)) = &r.tenant {
                    let soon = crate::domain::rental::ending_soon(*ends, today);
                    let t = text(format!("{tenant} 至 {}", ends.format("%Y-%m-%d"))).size(12);
                    cell = cell.push(if soon { t.style(text::danger) } else { t });
                }
                cell
            })
            .width(Length::Fill),
        ];
        let list: Element<'_, Message> = if self.rows.is_empty() {
            hint("没有委托房屋。")
        } else {
            table(columns, self.rows.iter()).padding_y(2).into()
        };
        let count = if self.rows.len() >= super::LIST_LIMIT {
            format!("显示最近 {} 条，请用搜索缩小范围", self.rows.len())
        } else {
            format!("共 {} 套", self.rows.len())
        };
        column![
            states,
            search,
            scroll(list).height(Length::Fill),
            hint(count)
        ]
        .spacing(10)
        .into()
    }

    fn detail<'a>(&'a self, s: &'a RentalRecord) -> Element<'a, Message> {
        let e = &s.entrustment;
        let today = self.now.date();
        let mut c = column![
            text(format!(
                "{}　{}",
                e.address,
                s.state.shown(e.period_to, today)
            ))
            .size(22),
            text(format!(
                "{}　委托人 {}{}",
                s.number,
                e.owner_name,
                e.owner_phone
                    .as_ref()
                    .map(|p| format!("　{}", p.masked()))
                    .unwrap_or_default()
            ))
            .size(15),
        ]
        .spacing(6);
        let furnishings = if e.furnishings.is_empty() {
            "无".to_string()
        } else {
            e.furnishings.join("、")
        };
        let mut facts = vec![
            format!(
                "期望月租 {}　{}　可入住 {}",
                e.asking_rent,
                e.deposit_terms,
                paper_date(e.available_from)
            ),
            format!(
                "委托期限 {}至{}　佣金 {}",
                paper_date(e.period_from),
                paper_date(e.period_to),
                e.commission.describe()
            ),
            format!("家具家电：{furnishings}"),
        ];
        if let Some(b) = &e.bank {
            facts.push(format!(
                "收款账户 {} {} {}",
                b.bank,
                b.holder,
                b.account.masked()
            ));
        }
        if !e.note.is_empty() {
            facts.push(format!("备注：{}", e.note));
        }
        facts.push(format!(
            "登记 {} {}",
            table_datetime(s.recorded_at),
            s.recorded_by_name
        ));
        if let Some((on, reason)) = &s.withdrawn {
            facts.push(format!("{}撤回：{reason}", paper_date(*on)));
        }
        for f in facts {
            c = c.push(text(f).size(14));
        }
        c = c.push(self.actions(s));
        c = c.push(heading("租约"));
        if s.leases.is_empty() {
            c = c.push(hint("还没有签订租约。"));
        }
        for l in &s.leases {
            c = c.push(lease_lines(l, today));
        }
        c = c.push(heading("看房记录"));
        if s.viewings.is_empty() {
            c = c.push(hint("还没有看房记录。"));
        }
        for v in &s.viewings {
            let v = &v.viewing;
            let phone = v
                .phone
                .as_ref()
                .map(|p| format!(" {}", p.masked()))
                .unwrap_or_default();
            let note = if v.note.is_empty() {
                String::new()
            } else {
                format!("：{}", v.note)
            };
            c = c.push(
                text(format!(
                    "{}　{}{phone}　{} 陪同　{}{note}",
                    table_datetime(v.at),
                    v.visitor,
                    v.staff_name,
                    v.outcome.label()
                ))
                .size(13),
            );
        }
        c.into()
    }

    fn actions<'a>(&'a self, s: &'a RentalRecord) -> Element<'a, Message> {
        let b = |label: &'a str, m: Message| button(text(label).size(14)).on_press(m);
        let sec = |label: &'a str, m: Message| b(label, m).style(button::secondary);
        let mut r = row![].spacing(6);
        let open = s.state != ListingState::Withdrawn;
        let expired = self.now.date() > s.entrustment.period_to;
        match s.state {
            ListingState::Listed => {
                r = r.push(b("登记看房", Message::NewViewing));
                if !expired {
                    r = r.push(b("签订租约", Message::NewLease));
                }
                r = r.push(sec("撤回委托", Message::Withdraw));
            }
            ListingState::Let => r = r.push(b("退租", Message::EndLease)),
            ListingState::Withdrawn => {}
        }
        let mut prints = row![sec("打印委托代租协议", Message::PrintEntrustment)].spacing(6);
        if !s.leases.is_empty() {
            prints = prints.push(sec("打印房屋出租登记表", Message::PrintRegistration));
        }
        let mut c = column![].spacing(8);
        if open {
            c = c.push(r.wrap());
        }
        if expired && s.state == ListingState::Listed {
            c = c.push(hint(
                "委托已到期，不能再签约；业主重新委托时新建委托即可（旧委托自动结束）。",
            ));
        }
        c.push(prints.wrap()).into()
    }
}

/// A lease's lines: tenant, dates, money, and its end or how long it has left.
fn lease_lines(l: &LeaseRecord, today: chrono::NaiveDate) -> Element<'_, Message> {
    let x = &l.lease;
    let head = format!(
        "租户 {}　{}　身份证 {}　{}人{}",
        x.tenant,
        x.phone.masked(),
        x.id_number.masked(),
        x.occupants,
        x.purpose.label()
    );
    let terms = format!(
        "{}至{}　月租 {}　押金 {}　{}",
        paper_date(x.starts_on),
        paper_date(x.ends_on),
        x.rent,
        x.deposit,
        x.cycle.label()
    );
    let paid = if l.commission_paid {
        "已缴"
    } else {
        "未缴"
    };
    let money = format!(
        "佣金 {}（收费管理：{paid}）　签约 {} {}",
        l.commission,
        table_datetime(l.signed_at),
        l.signed_by_name
    );
    let state = match &l.ended {
        Some(end) => text(format!("已退租：{}，{}", paper_date(end.on), end.reason)).size(13),
        None => {
            let left = (x.ends_on - today).num_days();
            let t = if left >= 0 {
                text(format!("在租，还剩 {left} 天到期"))
            } else {
                text(format!(
                    "已过到期日 {} 天，请办理退租（续租的，退租后重新签约）",
                    -left
                ))
            }
            .size(13);
            if crate::domain::rental::ending_soon(x.ends_on, today) {
                t.style(text::danger)
            } else {
                t
            }
        }
    };
    column![
        text(head).size(14),
        text(terms).size(13),
        text(money).size(13),
        state
    ]
    .spacing(2)
    .into()
}
