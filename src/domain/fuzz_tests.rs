//! Every parser in the domain, fed any string (CJK, emoji, full-width forms, control characters,
//! empty, up to ~2000 characters): none may panic. What they return is checked by each parser's
//! own tests; here only that they return.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

/// Characters a receptionist, an IME or a pasted spreadsheet cell may produce, weighted
/// towards the ones the parsers look at (digits, separators, 年月日点时, 元角分 …).
fn desk_text() -> impl Strategy<Value = String> {
    let interesting = prop::sample::select(
        "0123456789０１２３４５６７８９-/.:：，,、;；#＃+－．　 \t\n年月日号点时分秒半整上下午晚凌晨中今明后天\
         元角分整零壹贰叁肆伍陆柒捌玖拾佰仟万亿负¥￥室号楼单元栋幢层xXｘ豫京AOIDFT京沪粤鄂\
         FX-维修完好𠀀😀\u{0}\u{301}\u{200d}\u{feff}"
            .chars()
            .collect::<Vec<char>>(),
    );
    let any_char = any::<char>();
    prop::collection::vec(prop_oneof![3 => interesting, 1 => any_char], 0..2000)
        .prop_map(|cs| cs.into_iter().collect())
}

/// Strings of either kind: the weighted desk alphabet, or fully arbitrary unicode.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        desk_text(),
        ".{0,2000}",
        "[0-9０-９:：点时分半上下午晚]{0,12}"
    ]
}

/// Calls every parser on `s` and, where it succeeds, how the value is shown.
fn call_every_parser(s: &str) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    // Dates and times.
    let _ = date::parse_date(s);
    let _ = date::parse_time_of_day(s).map(|e| e.to_string());
    let _ = date::parse_datetime(s, today);
    let _ = date::parse_datetime(s, NaiveDate::MAX);
    let _ = date::parse_datetime(s, NaiveDate::MIN);
    let _ = date::parse_day(s, today);
    let _ = date::parse_day(s, NaiveDate::MAX);
    let _ = Month::parse(s).map(|m| (m.paper(), m.last_day()));
    // Money, areas, quantities, readings.
    let _ = Fen::parse(s).map(|f| f.to_string());
    let _ = Fen::parse_chinese_upper(s).map(|f| f.to_string());
    let _ = Area::parse(s).map(|a| a.to_string());
    let _ = repair::Qty::parse(s).map(|q| q.to_string());
    for m in vacancy::Meter::ALL {
        let _ = m.parse(s).map(|v| m.with_unit(v));
    }
    let _ = text::parse_u32(s);
    let _ = text::parse_hundredths(s);
    let _ = normalize_digits(s);
    // Addresses, people, documents, plates, phones.
    let _ = UnitAddress::parse(s).map(|a| (a.to_string(), a.short()));
    let _ = address::parse_partial(s);
    let _ = SearchQuery::parse(s);
    let _ = ResidentId::parse(s).map(|id| (id.to_string(), format!("{id:?}")));
    let _ = ResidentId::check_char(s);
    let _ = Mobile::parse(s).map(|m| (m.masked(), m.to_string()));
    let _ = plate::Plate::parse(s).map(|p| p.to_string());
    let _ = item_pass::DriverDoc::parse(s).map(|d| d.masked());
    let _ = person::validate_name(s);
    let _ = person::Relation::from_label(s);
    let _ = person::Relation::from_code(s);
    let _ = unit::UnitStatus::from_label(s);
    let _ = unit::UnitStatus::from_code(s);
    let _ = staff::Role::from_code(s);
    // Numbers of the desk's own papers, lists and settings.
    let _ = item_pass::PassNumber::parse(s).map(|n| n.to_string());
    let _ = repair::OrderNumber::parse(s).map(|n| n.to_string());
    let _ = repair::parse_categories(s);
    let _ = settings::Deadlines::parse_duration(s);
    let _ = settings::Deadlines::default().set(s, 15);
    let _ = vacancy::InspectionKind::from_code(s);
    let _ = vacancy::ApplicationStatus::from_code(s);
    // Keys.
    let key_settings = keys::KeySettings::default();
    let _ = keys::parse_end_of_day(s);
    let _ = keys::parse_due(s, today, &key_settings);
    let _ = keys::parse_due(s, NaiveDate::MAX, &key_settings);
    let issue = keys::KeyIssue {
        recipient: s.to_string(),
        document: s.to_string(),
        document_tail: s.to_string(),
        count: 1,
        signed: true,
    };
    let _ = issue.problems();
    let _ = keys::BorrowerOrg::from_code(s);
    let _ = keys::KeyStatus::from_code(s);
    // PINs and passwords (hashing is slow, so only the checks and the comparison form).
    let _ = crate::domain::secret::check_secret(s);
    let _ = crate::domain::secret::typed_secret(s);
    let _ = crate::domain::secret::verify_secret(s, s);
    let _ = crate::domain::access::Action::from_code(s);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_parser_panics_on_any_string(s in any_text()) {
        call_every_parser(&s);
    }
}

/// Inputs that once broke a parser (each one a byte slice inside a multi-byte character).
#[test]
fn strings_that_once_panicked() {
    for s in ["6时", "9时", "1时", "时时", "6點", "12时半", "下午6时"] {
        call_every_parser(s);
    }
}
