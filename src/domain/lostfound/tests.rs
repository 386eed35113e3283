use chrono::NaiveDate;

use super::*;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 20)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn phone() -> FoundItem {
    FoundItem {
        category: Category::Phone,
        name: "华为手机".into(),
        description: "黑色Mate60，蓝色壳".into(),
        place: "1号楼大堂".into(),
        found_at: now() - Duration::minutes(20),
        finder: Finder {
            kind: FinderKind::Staff,
            name: "孙丽".into(),
            phone: None,
            staff: None,
        },
        storage: "保险柜1号".into(),
        valuables: vec![Valuable::Phone],
        cash: None,
        witnesses: vec!["张敏".into(), "李娜".into()],
    }
}

fn fields(item: &FoundItem) -> Vec<ItemField> {
    item.check(now()).into_iter().map(|(f, _)| f).collect()
}

#[test]
fn numbers_print_and_parse() {
    let n = ItemNumber {
        year: 2026,
        month: 11,
        seq: 3,
    };
    assert_eq!(n.to_string(), "SW-202611-0003");
    assert_eq!(ItemNumber::parse("sw-202611-3"), Some(n));
    assert_eq!(
        ReportNumber::parse("XW-202611-0001").map(|r| r.seq),
        Some(1)
    );
    assert!(
        "SW-2026-1"
            .parse::<ItemNumber>()
            .unwrap_err()
            .contains("拾遗编号")
    );
}

#[test]
fn codes_round_trip() {
    for c in Category::ALL {
        assert_eq!(Category::from_code(c.code()), Some(*c));
    }
    let all = Valuable::ALL.to_vec();
    assert_eq!(parse_valuables_code(&valuables_code(&all)), Some(all));
    assert_eq!(parse_valuables_code(""), Some(Vec::new()));
    assert_eq!(parse_valuables_code("phone,gold"), None);
    // Stored in display order whatever order they were ticked in.
    assert_eq!(
        valuables_code(&[Valuable::IdCard, Valuable::Cash]),
        "cash,id_card"
    );
    assert_eq!(Category::Phone.valuables(), [Valuable::Phone]);
    assert!(Category::Clothing.valuables().is_empty());
}

#[test]
fn a_valuable_is_counted_before_two_different_staff() {
    assert!(phone().check(now()).is_empty());
    let mut p = phone();
    p.witnesses = vec!["张敏".into()];
    assert_eq!(fields(&p), [ItemField::Witnesses]);
    p.witnesses = vec!["张敏".into(), " 张敏 ".into()];
    assert_eq!(fields(&p), [ItemField::Witnesses]);
    // An umbrella needs no witnesses.
    let mut u = phone();
    u.category = Category::Daily;
    u.valuables.clear();
    u.witnesses.clear();
    assert!(u.check(now()).is_empty());
}

#[test]
fn cash_has_its_amount_and_only_cash_has_one() {
    let mut w = phone();
    w.category = Category::Wallet;
    w.valuables = vec![Valuable::Cash, Valuable::IdCard];
    assert_eq!(fields(&w), [ItemField::Cash]);
    w.cash = Some(Fen(32050));
    assert!(w.check(now()).is_empty());
    assert!(w.has_id_card());
    w.valuables = vec![Valuable::BankCard];
    assert_eq!(fields(&w), [ItemField::Cash]);
}

#[test]
fn the_item_says_what_where_who_and_where_it_is_kept() {
    let mut p = phone();
    p.name = " ".into();
    p.place = String::new();
    p.storage = String::new();
    p.finder.name = String::new();
    p.finder.kind = FinderKind::Resident;
    p.found_at = now() + Duration::hours(1);
    assert_eq!(
        fields(&p),
        [
            ItemField::Name,
            ItemField::Place,
            ItemField::Storage,
            ItemField::FoundAt,
            ItemField::Finder,
            ItemField::FinderPhone
        ]
    );
    p.name = "长".repeat(41);
    assert!(
        p.check(now())
            .iter()
            .any(|(f, m)| *f == ItemField::Name && m.contains("太长"))
    );
}
