//! Tests of the key codes, the time-of-day parser, due and overdue times, and the loan and
//! hand-over rules.

use super::*;
use chrono::NaiveDate;

fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 29)
        .unwrap()
        .and_hms_opt(h, m, s)
        .unwrap()
}

#[test]
fn repair_staff_are_due_at_the_end_of_the_same_day() {
    let s = KeySettings::default();
    assert_eq!(
        due_back(BorrowerOrg::Repair, at(9, 0, 0), None, &s),
        Ok(at(18, 0, 0))
    );
    assert_eq!(
        due_back(BorrowerOrg::Contractor, at(17, 59, 59), None, &s),
        Ok(at(18, 0, 0))
    );
    // At the edge: borrowing at 18:00 exactly is already too late.
    assert_eq!(
        due_back(BorrowerOrg::Repair, at(18, 0, 0), None, &s),
        Err(LoanError::AfterEndOfDay("18:00".into()))
    );
    let tomorrow = at(10, 0, 0) + TimeDelta::days(1);
    assert_eq!(
        due_back(BorrowerOrg::Repair, at(9, 0, 0), Some(tomorrow), &s),
        Err(LoanError::NotSameDay("18:00".into()))
    );
    assert_eq!(
        due_back(BorrowerOrg::Repair, at(9, 0, 0), Some(at(12, 0, 0)), &s),
        Ok(at(12, 0, 0))
    );
}

#[test]
fn the_end_of_day_is_editable() {
    let s = KeySettings {
        end_of_day: NaiveTime::from_hms_opt(17, 30, 0).unwrap(),
    };
    assert_eq!(
        due_back(BorrowerOrg::Repair, at(9, 0, 0), None, &s),
        Ok(at(17, 30, 0))
    );
    assert_eq!(
        due_back(BorrowerOrg::Repair, at(17, 45, 0), None, &s),
        Err(LoanError::AfterEndOfDay("17:30".into()))
    );
}

#[test]
fn others_give_a_due_time_after_the_time_out() {
    let s = KeySettings::default();
    let next = at(9, 0, 0) + TimeDelta::days(2);
    assert_eq!(
        due_back(BorrowerOrg::Sales, at(9, 0, 0), Some(next), &s),
        Ok(next)
    );
    assert_eq!(
        due_back(BorrowerOrg::Other, at(9, 0, 0), None, &s),
        Err(LoanError::NeedsDue)
    );
    assert_eq!(
        due_back(BorrowerOrg::Other, at(9, 0, 0), Some(at(8, 0, 0)), &s),
        Err(LoanError::DueBeforeOut)
    );
}

#[test]
fn overdue_starts_one_second_after_the_due_time() {
    let due = at(18, 0, 0);
    assert_eq!(overdue_by(due, at(17, 59, 59)), None);
    assert_eq!(overdue_by(due, at(18, 0, 0)), None);
    assert_eq!(overdue_by(due, at(18, 0, 1)), Some(TimeDelta::seconds(1)));
    assert_eq!(duration_text(TimeDelta::seconds(1)), "1分钟");
    assert_eq!(duration_text(TimeDelta::minutes(135)), "2小时15分钟");
    assert_eq!(duration_text(TimeDelta::hours(51)), "2天3小时");
}

#[test]
fn sales_need_their_department_heads_approval() {
    let loan = KeyLoan {
        borrower: "周丽".into(),
        phone: Mobile::parse("13912345678").unwrap(),
        org: BorrowerOrg::Sales,
        purpose: "带客户看房".into(),
        approver: String::new(),
        out_at: at(9, 0, 0),
        due_at: at(11, 0, 0),
    };
    assert_eq!(loan.problems(), vec![LoanError::NeedsApprover.to_string()]);
    let approved = KeyLoan {
        approver: "孙经理".into(),
        ..loan
    };
    assert!(approved.problems().is_empty());
}

#[test]
fn times_of_day_are_read_as_typed() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    for (s, want) in [
        ("18:00", t(18, 0)),
        ("17：30", t(17, 30)),
        ("1730", t(17, 30)),
        ("18点", t(18, 0)),
        ("18点30", t(18, 30)),
        ("９:05", t(9, 5)),
    ] {
        assert_eq!(parse_time_of_day(s), Ok(want), "{s}");
    }
    for s in ["", "25:00", "18:60", "abc"] {
        assert!(parse_time_of_day(s).is_err(), "{s}");
    }
}

#[test]
fn codes_round_trip() {
    for s in KeyStatus::ALL {
        assert_eq!(KeyStatus::from_code(s.code()), Some(*s));
    }
    for o in BorrowerOrg::ALL {
        assert_eq!(BorrowerOrg::from_code(o.code()), Some(*o));
    }
    assert!(BorrowerOrg::Repair.same_day() && !BorrowerOrg::Sales.same_day());
}
