//! End-to-end checks of the form engine: build a realistic multi-page form, read its
//! text back, and make sure missing glyphs are refused and the font is subset.

use wuye_desk::forms::{Align, Column, FormDoc, FormError, PageSize, Table, extract_text};

const COPIES: [&str; 3] = [
    "第一联 维修班存根",
    "第二联 客服中心留存",
    "第三联 业主留存",
];

/// The sample 业主信息卡 used by several tests; one copy per label.
fn sample_form() -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("业主信息卡", PageSize::A4)?;
    doc.footer("幸福家园物业服务中心　客服电话：0371-6888 8888　地址：幸福路1号")?;
    doc.copies(&COPIES, |doc, _label| {
        doc.title("业主信息卡")?;
        doc.header_line("幸福家园物业服务中心", "YZ-2026-11-0042", "2026年11月29日")?;
        doc.key_value_grid(
            &[
                ("房号", "3号楼2单元1502室"),
                ("业主姓名", "张伟"),
                ("居民身份证号", "410***********1234"),
                ("联系电话", "138****5678"),
                ("建筑面积", "128.36㎡"),
                ("应缴金额", "¥1,409.50"),
                ("大写金额", "人民币壹仟肆佰零玖元伍角"),
            ],
            2,
        )?;
        doc.text(
            "说明：本卡由客服中心填写，业主核对无误后签字。如信息有变更，请于变更之日起15日内到管理处前台办理（携带身份证原件）。",
            10.5,
        )?;
        let mut table = Table::new(vec![
            Column::new("日期", 1.2).align(Align::Center),
            Column::new("事项", 3.0),
            Column::new("金额（元）", 1.1).align(Align::Right),
        ]);
        for i in 1..=55 {
            let what = if i % 10 == 3 {
                format!(
                    "第{i}次报修：卫生间地漏返水，维修人员到场检查后发现立管堵塞，疏通后做闭水试验24小时无渗漏，业主确认满意。所用材料：PVC管件2个、防水胶1支。"
                )
            } else {
                format!("第{i}项 物业服务费（2026年{}月）", i % 12 + 1)
            };
            table.push_row([format!("2026-11-{:02}", i % 28 + 1), what, format!("{}.50", 100 + i)]);
        }
        doc.table(&table)?;
        doc.signature_line(&["业主签字", "经办人", "日期"])?;
        Ok(())
    })?;
    doc.finish()
}

#[test]
fn sample_form_round_trips_its_chinese_text() {
    let pdf = sample_form().expect("sample form builds");

    assert!(
        pdf.len() < 200 * 1024,
        "font must be subset; PDF is {} bytes",
        pdf.len()
    );

    let text = extract_text(&pdf).expect("text extracts");
    for value in [
        "业主信息卡",
        "幸福家园物业服务中心",
        "编号：YZ-2026-11-0042",
        "2026年11月29日",
        "3号楼2单元1502室",
        "张伟",
        "410***********1234",
        "¥1,409.50",
        "壹仟肆佰零玖元伍角",
        "128.36㎡",
        "第55项",
        "业主签字：",
        "第一联 维修班存根",
        "第三联 业主留存",
        "第2页，共",
    ] {
        assert!(
            text.contains(value),
            "{value:?} not found in extracted text:\n{text}"
        );
    }
    // The table header repeats on continuation pages: three copies × several pages.
    let headers = text.matches("金额（元）").count();
    assert!(headers > COPIES.len(), "header printed {headers} times");
}

#[test]
fn a_character_the_font_lacks_is_an_error() {
    for (value, bad) in [("张𠀀", "𠀀"), ("已完成😀", "😀")] {
        let mut doc = FormDoc::new("测试", PageSize::A5).expect("doc");
        let err = doc.key_value_grid(&[("业主姓名", value)], 1).unwrap_err();
        match &err {
            FormError::MissingGlyphs { chars, field } => {
                assert_eq!(chars, bad);
                assert!(field.contains("业主姓名"), "{field}");
            }
            other => panic!("expected MissingGlyphs, got {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("字体中没有这些字：{bad}")),
            "{message}"
        );
    }
    let mut doc = FormDoc::new("测试", PageSize::A4).expect("doc");
    assert!(matches!(
        doc.title("𠀀"),
        Err(FormError::MissingGlyphs { .. })
    ));
    let mut table = Table::new(vec![Column::new("事项", 1.0)]);
    table.push_row(["正常"]);
    table.push_row(["🔧维修"]);
    assert!(matches!(
        doc.table(&table),
        Err(FormError::MissingGlyphs { .. })
    ));
}

#[test]
fn bad_table_shape_is_reported() {
    let mut doc = FormDoc::new("测试", PageSize::A4).expect("doc");
    let mut table = Table::new(vec![Column::new("甲", 1.0), Column::new("乙", 1.0)]);
    table.push_row(["一"]);
    let err = doc.table(&table).unwrap_err();
    assert_eq!(
        err,
        FormError::RowShape {
            row: 1,
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn a_cell_taller_than_a_page_is_split_not_lost() {
    let mut doc = FormDoc::new("测试", PageSize::A5Landscape).expect("doc");
    let long: String = "很长的维修说明".repeat(120) + "结束";
    let mut table = Table::new(vec![Column::new("序号", 1.0), Column::new("说明", 2.0)]);
    table.push_row(["1".to_string(), long]);
    doc.table(&table).expect("table");
    let pdf = doc.finish().expect("pdf");
    let text = extract_text(&pdf).expect("text");
    assert!(text.contains("结束"), "{text}");
}

#[test]
fn one_page_is_small() {
    // Only the glyphs used are embedded: a one-page form stays far below the font's size.
    let mut doc = FormDoc::new("维修单", PageSize::A5Landscape).expect("doc");
    doc.title("维修单").expect("title");
    doc.header_line("幸福家园物业服务中心", "WX-202611-007", "2026年11月29日")
        .expect("header");
    doc.key_value_grid(&[("房号", "3号楼2单元1502室"), ("报修人", "张伟")], 2)
        .expect("grid");
    doc.signature_line(&["业主签字", "日期"])
        .expect("signature");
    let pdf = doc.finish().expect("pdf");
    assert!(pdf.len() < 100 * 1024, "{} bytes", pdf.len());
}
