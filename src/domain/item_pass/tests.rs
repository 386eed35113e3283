//! Tests of pass numbers, the pass rules and the approval rule.

use chrono::NaiveDate;

use super::*;
use crate::domain::staff::Role;
use crate::domain::{Fen, ResidentId};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn sign_off(role: Role) -> FeesSignOff {
    FeesSignOff {
        by_name: "王强".into(),
        role,
        at: day(29).and_hms_opt(10, 0, 0).unwrap(),
    }
}

fn supervisor(reason: &str) -> SupervisorOverride {
    SupervisorOverride {
        by_name: "刘洋".into(),
        role: Role::Supervisor,
        reason: reason.into(),
    }
}

const OWNER: ApplicantKind = ApplicantKind::Owner;

fn pass() -> ItemPass {
    ItemPass {
        kind: ApplicantKind::Owner,
        unit: UnitAddress::parse("3-2-1502").ok(),
        applicant: "王建国".into(),
        phone: Mobile::parse("13812345678").unwrap(),
        authorisation: String::new(),
        certificate_issuer: String::new(),
        certificate: String::new(),
        items: vec![PassItem {
            name: "沙发".into(),
            quantity: 1,
            note: String::new(),
        }],
        reason: PassReason::MovingOut,
        reason_note: String::new(),
        vehicle: None,
        planned: day(29),
    }
}

#[test]
fn pass_numbers_round_trip() {
    let n = PassNumber {
        year: 2026,
        month: 11,
        seq: 1,
    };
    assert_eq!(n.to_string(), "FX-202611-0001");
    assert_eq!(PassNumber::parse("FX-202611-0001"), Some(n));
    assert_eq!(PassNumber::parse(" fx-202611-0001 "), Some(n));
    let big = PassNumber { seq: 12345, ..n };
    assert_eq!(PassNumber::parse(&big.to_string()), Some(big));
    for bad in [
        "",
        "FX-202613-0001",
        "FX-202611-0000",
        "FX-2026-0001",
        "WX-202611-0001",
        "FX-202611-01",
    ] {
        assert_eq!(PassNumber::parse(bad), None, "{bad}");
    }
}

#[test]
fn approval_with_unknown_arrears_needs_the_service_officers_sign_off() {
    assert_eq!(
        check_approval(OWNER, Arrears::Unknown, None, None),
        Err(ApprovalError::NeedsSignOff)
    );
    // A supervisor's override is for owed fees; it does not stand in for the confirmation.
    assert_eq!(
        check_approval(OWNER, Arrears::Unknown, None, Some(&supervisor("急需"))),
        Err(ApprovalError::NeedsSignOff)
    );
    assert_eq!(
        check_approval(
            OWNER,
            Arrears::Unknown,
            Some(&sign_off(Role::ServiceOfficer)),
            None
        ),
        Ok(())
    );
    assert_eq!(
        check_approval(
            OWNER,
            Arrears::Unknown,
            Some(&sign_off(Role::Supervisor)),
            None
        ),
        Ok(())
    );
    assert_eq!(
        check_approval(OWNER, Arrears::Unknown, Some(&sign_off(Role::Guard)), None),
        Err(ApprovalError::SignOffRole("值岗人员".into()))
    );
}

#[test]
fn approval_with_settled_fees_goes_ahead() {
    assert_eq!(check_approval(OWNER, Arrears::Settled, None, None), Ok(()));
    assert_eq!(
        check_approval(
            OWNER,
            Arrears::Settled,
            Some(&sign_off(Role::ServiceOfficer)),
            None
        ),
        Ok(())
    );
}

#[test]
fn owed_fees_block_approval_unless_a_supervisor_overrides_with_a_reason() {
    let owing = Arrears::Owing(Fen(140_950));
    let err = check_approval(OWNER, owing, Some(&sign_off(Role::ServiceOfficer)), None);
    assert_eq!(err, Err(ApprovalError::Owing("¥1,409.50".into())));
    assert!(err.unwrap_err().to_string().contains("¥1,409.50"));
    assert_eq!(
        check_approval(
            OWNER,
            owing,
            None,
            Some(&supervisor("业主已承诺本周内补缴"))
        ),
        Ok(())
    );
    assert_eq!(
        check_approval(OWNER, owing, None, Some(&supervisor("  "))),
        Err(ApprovalError::BadOverride)
    );
    let by_receptionist = SupervisorOverride {
        role: Role::Receptionist,
        ..supervisor("理由")
    };
    assert_eq!(
        check_approval(OWNER, owing, None, Some(&by_receptionist)),
        Err(ApprovalError::BadOverride)
    );
}

#[test]
fn public_property_is_approved_on_its_certificate_without_a_fees_sign_off() {
    let public = ApplicantKind::PublicProperty;
    assert!(!public.needs_fees_sign_off());
    assert!(ApplicantKind::Owner.needs_fees_sign_off());
    assert_eq!(check_approval(public, Arrears::Unknown, None, None), Ok(()));
    assert_eq!(
        check_approval(
            public,
            Arrears::Unknown,
            Some(&sign_off(Role::ServiceOfficer)),
            None
        ),
        Err(ApprovalError::PublicNoSignOff)
    );
    assert_eq!(
        check_sign_off(public, &sign_off(Role::ServiceOfficer)),
        Err(ApprovalError::PublicNoSignOff)
    );
    // An owner's pass still needs it, as before.
    assert_eq!(
        check_approval(OWNER, Arrears::Unknown, None, None),
        Err(ApprovalError::NeedsSignOff)
    );
}

#[test]
fn who_may_sign_is_one_rule() {
    for &role in Role::ALL {
        let expected = matches!(role, Role::ServiceOfficer | Role::Supervisor);
        assert_eq!(may_confirm_fees(role), expected, "{role}");
        assert_eq!(
            check_sign_off(OWNER, &sign_off(role)).is_ok(),
            expected,
            "{role}"
        );
        assert_eq!(may_override(role), role == Role::Supervisor, "{role}");
        assert_eq!(may_sign_passes(role), expected, "{role}");
    }
}

#[test]
fn the_guard_releases_only_once_the_signature_is_confirmed() {
    assert_eq!(
        check_release(OWNER, false),
        Err(ReleaseError::NotSigned("业主"))
    );
    assert!(
        check_release(OWNER, false)
            .unwrap_err()
            .to_string()
            .starts_with("业主还没有在放行条上签字")
    );
    assert_eq!(check_release(OWNER, true), Ok(()));
    assert_eq!(
        check_release(ApplicantKind::Tenant, false),
        Err(ReleaseError::NotSigned("申请人"))
    );
}

#[test]
fn a_tenant_needs_the_owners_authorisation_and_public_property_a_certificate() {
    let today = day(29);
    assert!(pass().problems(today).is_empty());
    let tenant = ItemPass {
        kind: ApplicantKind::Tenant,
        ..pass()
    };
    let fields: Vec<_> = tenant.problems(today).into_iter().map(|p| p.0).collect();
    assert_eq!(fields, vec![PassField::Authorisation]);
    let public = ItemPass {
        kind: ApplicantKind::PublicProperty,
        unit: None,
        ..pass()
    };
    let fields: Vec<_> = public.problems(today).into_iter().map(|p| p.0).collect();
    assert_eq!(
        fields,
        vec![PassField::CertificateIssuer, PassField::Certificate],
        "the certificate: who issued it and its number"
    );
    let certified = ItemPass {
        certificate_issuer: "物业工程部".into(),
        certificate: "GC-318".into(),
        ..public
    };
    assert!(certified.problems(today).is_empty());
    let owner_without_unit = ItemPass {
        unit: None,
        ..pass()
    };
    assert_eq!(owner_without_unit.problems(today)[0].0, PassField::Unit);
}

#[test]
fn items_reason_driver_and_date_are_checked() {
    let today = day(29);
    let p = ItemPass {
        items: vec![],
        reason: PassReason::Other,
        planned: day(28),
        vehicle: Some(Vehicle {
            plate: crate::domain::plate::Plate::parse("豫A12345").unwrap(),
            driver: String::new(),
            driver_doc: DriverDoc::parse("410105198001010128")
                .unwrap_or_else(|_| DriverDoc::parse("A1234567").unwrap()),
        }),
        ..pass()
    };
    let fields: Vec<_> = p.problems(today).into_iter().map(|p| p.0).collect();
    assert_eq!(
        fields,
        vec![
            PassField::Items,
            PassField::ReasonNote,
            PassField::Driver,
            PassField::Planned
        ]
    );
    let zero = ItemPass {
        items: vec![PassItem {
            name: "纸箱".into(),
            quantity: 0,
            note: String::new(),
        }],
        ..pass()
    };
    assert_eq!(zero.problems(today)[0].0, PassField::Items);
}

#[test]
fn driver_documents_are_checked_and_masked() {
    let first17 = "41010519800101001";
    let check = ResidentId::check_char(first17).unwrap();
    let id = format!("{first17}{check}");
    let doc = DriverDoc::parse(&id).unwrap();
    assert_eq!(doc.masked(), format!("410***********001{check}"));
    assert_eq!(doc.to_string(), doc.masked());
    assert!(!format!("{doc:?}").contains("19800101"));
    assert!(DriverDoc::parse("410105198001010010").is_err() || check == '0');
    assert_eq!(DriverDoc::parse("h1234567").unwrap().masked(), "H12*4567");
    assert!(DriverDoc::parse("").is_err());
    assert!(DriverDoc::parse("12-34").is_err());
}

#[test]
fn codes_round_trip() {
    for k in ApplicantKind::ALL {
        assert_eq!(ApplicantKind::from_code(k.code()), Some(*k));
    }
    for r in PassReason::ALL {
        assert_eq!(PassReason::from_code(r.code()), Some(*r));
    }
    for s in PassStatus::ALL {
        assert_eq!(PassStatus::from_code(s.code()), Some(*s));
    }
    assert!(PassStatus::Approved.can_void());
    assert!(!PassStatus::Released.can_void());
}
