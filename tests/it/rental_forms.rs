//! The 委托代租协议 and the 房屋出租登记表: rendered, read back out of the PDF (the Chinese
//! values there, personal numbers masked), and printed through the command line.

use std::process::Command;

use crate::common::rental::{at, day, entrusted, lease, rec};
use wuye_desk::domain::UnitAddress;
use wuye_desk::domain::settings::Office;
use wuye_desk::forms::{PrintArgs, PrintJob, extract_text, render};

fn office() -> Office {
    Office {
        company: "锦华物业服务有限公司 锦华苑管理处".into(),
        estate: "锦华苑".into(),
        phone: "0371-65881234".into(),
        address: "郑州市金水区花园路88号".into(),
        print_folder: String::new(),
    }
}

fn text_of(bytes: &[u8]) -> String {
    extract_text(bytes).unwrap().replace(['\n', ' '], "")
}

#[test]
fn both_forms_carry_the_record_with_personal_numbers_masked() {
    let (_dir, mut store, _unit, id) = entrusted();
    let a = UnitAddress::parse("7-2-1901").unwrap();
    let job = PrintJob::TenantRegistration(a);
    let err = render(&store, &office(), &job).unwrap_err().to_string();
    assert!(err.contains("还没有签订租约"), "{err}");

    let agreement = text_of(&render(&store, &office(), &PrintJob::RentalEntrustment(a)).unwrap());
    for want in [
        "委托代租协议",
        "DZ-202611-0001",
        "王建国",
        "7号楼2单元1901室",
        "¥3,000.00",
        "叁仟元整",
        "押一付三",
        "空调",
        "冰箱",
        "月租的50%",
        "2026年11月30日至2027年11月29日",
        "6222********0123",
        "138****5678",
        "甲方（业主）签字",
        "乙方（管理处）盖章",
    ] {
        assert!(
            agreement.contains(want),
            "{want} missing from:\n{agreement}"
        );
    }
    assert!(!agreement.contains("6222021234567890123"));
    assert!(!agreement.contains("13812345678"));

    store
        .sign_lease(
            id,
            &lease(day(2026, 12, 5), day(2027, 6, 4)),
            &rec(at(2026, 12, 3, 15)),
        )
        .unwrap();
    let form = text_of(&render(&store, &office(), &job).unwrap());
    for want in [
        "房屋出租登记表",
        "郑州市金水区花园路88号锦华苑",
        "出租人",
        "承租人",
        "李四",
        "110***********002X",
        "139****5678",
        "2人",
        "居住",
        "2026年12月5日至2027年6月4日",
        "¥2,800.00/月（季付）",
        "派出所",
        "承租人签字",
    ] {
        assert!(form.contains(want), "{want} missing from:\n{form}");
    }
    assert!(!form.contains("11010519491231002X"));
    let owner_id = crate::common::id_number("410105", "19800101", 12);
    assert!(form.contains(&owner_id.masked()), "the owner's ID masked");
}

#[test]
fn the_command_line_prints_both_forms_by_unit() {
    let (dir, mut store, _unit, id) = entrusted();
    store
        .sign_lease(
            id,
            &lease(day(2026, 12, 5), day(2027, 6, 4)),
            &rec(at(2026, 12, 3, 15)),
        )
        .unwrap();
    let db = store.path().to_str().unwrap().to_string();
    drop(store);
    let out = dir.path().join("form.pdf");
    for (form, want) in [
        ("rental-entrustment", "委托代租协议"),
        ("tenant-registration", "房屋出租登记表"),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
            .args(["print", form, "7-2-1901", "--db", &db, "--out"])
            .arg(&out)
            .output()
            .expect("run wuye-desk");
        assert!(
            o.status.success(),
            "{form}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = text_of(&std::fs::read(&out).unwrap());
        assert!(text.contains(want) && text.contains("李四") == (form != "rental-entrustment"));
    }
    let args = PrintArgs {
        form: "tenant-registration".into(),
        ..PrintArgs::default()
    };
    assert!(PrintJob::parse(&args).unwrap_err().contains("房号"));
    assert_eq!(
        PrintJob::TenantRegistration(UnitAddress::parse("7-2-1901").unwrap()).file_name(),
        "房屋出租登记表-7-2-1901.pdf"
    );
}
