//! 装修工人出入证: one card per worker of a renovation, eight to an A4 sheet (two across, four
//! down), each ruled round to be cut out: the worker's name and trade, the ID number and phone
//! masked, the unit, the contractor, the period, the pass number (`ZX-202611-0001-01`) and a box
//! for the photo.

use super::draw::{checked, one_line, wrap_field};
use super::font::text_width_mm;
use super::{FormDoc, FormError, PageSize};
use crate::domain::date::table_date;
use crate::domain::renovation::Worker;
use crate::domain::settings::Office;
use crate::store::RenovationFile;

/// A card's width and height, mm (about a bank card, a little taller for the photo).
const CARD_W: f32 = 84.0;
const CARD_H: f32 = 56.0;
/// Gaps between cards, mm.
const GAP_X: f32 = 6.0;
const GAP_Y: f32 = 5.0;
/// Cards on a sheet.
const ACROSS: usize = 2;
const DOWN: usize = 4;
/// The photo box, mm.
const PHOTO_W: f32 = 20.0;
const PHOTO_H: f32 = 26.0;
/// Text on a card, pt.
const CARD_PT: f32 = 8.5;
/// Lines of text a card holds between its title band and the issuer.
const CARD_LINES: usize = 9;

/// The text lines of one card, checked against the font, left of the photo.
fn card_lines(
    file: &RenovationFile,
    worker: &Worker,
    seq: usize,
    width: f32,
) -> Result<Vec<String>, FormError> {
    let a = file;
    let trade = if worker.trade.trim().is_empty() {
        String::new()
    } else {
        format!("　工种：{}", worker.trade.trim())
    };
    let fields = [
        format!("姓名：{}{trade}", worker.name.trim()),
        format!("身份证：{}", worker.id_number.masked()),
        format!("电话：{}", worker.phone.masked()),
        format!("房号：{}", a.address),
        format!("单位：{}", a.contractor.company.trim()),
        format!(
            "有效期：{}至{}",
            table_date(a.planned_start),
            table_date(a.planned_end)
        ),
        format!("证号：{}-{seq:02}", file.number),
    ];
    let mut lines = Vec::new();
    for f in fields {
        let text = one_line(checked("出入证", &f)?);
        lines.extend(wrap_field("出入证", &text, CARD_PT, width)?);
    }
    Ok(lines)
}

/// Lays out the passes of `file`'s workers; a file with no workers is refused with what to do.
pub fn worker_passes(office: &Office, file: &RenovationFile) -> Result<Vec<u8>, FormError> {
    let workers = &file.workers;
    if workers.is_empty() {
        return Err(FormError::Layout(format!(
            "{} 没有登记施工人员，请先在装修申请中登记工人后再打印出入证",
            file.number
        )));
    }
    let mut doc = FormDoc::new("装修工人出入证", PageSize::A4)?;
    doc.footer(&format!(
        "{}　沿线剪开，每人一张，施工期间佩戴，完工后交回客服中心",
        office.company
    ))?;
    let issuer = one_line(checked("发证单位", &format!("{}（盖章）", office.company))?);
    let per_sheet = ACROSS * DOWN;
    for (sheet, chunk) in workers.chunks(per_sheet).enumerate() {
        doc.new_page();
        doc.title(&format!(
            "装修工人出入证　{}　{}",
            file.number,
            file.address.short()
        ))?;
        let top = doc.cursor_mm();
        let left = doc.left();
        for (i, w) in chunk.iter().enumerate() {
            let seq = sheet * per_sheet + i + 1;
            let (col, row) = (i % ACROSS, i / ACROSS);
            let x = left + col as f32 * (CARD_W + GAP_X);
            let y = top + row as f32 * (CARD_H + GAP_Y);
            let lines = card_lines(file, w, seq, CARD_W - PHOTO_W - 8.0)?;
            // A card holds nine lines; more (a very long company name) is refused, not cut.
            if lines.len() > CARD_LINES {
                return Err(FormError::TooLong {
                    field: format!("{} 的出入证（装修单位名称）", w.name.trim()),
                    max_chars: 30,
                });
            }
            draw_card(&mut doc, x, y, &lines, &issuer);
        }
        doc.mark_used();
    }
    doc.finish()
}

/// One card at (`x`, `y`), absolute mm from the top-left corner.
fn draw_card(doc: &mut FormDoc, x: f32, y: f32, lines: &[String], issuer: &str) {
    // The cutting rules.
    doc.hline(x, x + CARD_W, y);
    doc.hline(x, x + CARD_W, y + CARD_H);
    doc.vline(x, y, y + CARD_H);
    doc.vline(x + CARD_W, y, y + CARD_H);
    // The title band.
    let band = 9.0;
    doc.shade(x, y, CARD_W, band);
    doc.hline(x, x + CARD_W, y + band);
    let title = "装修工人出入证";
    let tw = text_width_mm(title, 12.0);
    doc.text_op(title, x + (CARD_W - tw) / 2.0, y + 6.6, 12.0);
    // The photo box on the right.
    let (px, py) = (x + CARD_W - PHOTO_W - 3.0, y + band + 3.0);
    doc.hline(px, px + PHOTO_W, py);
    doc.hline(px, px + PHOTO_W, py + PHOTO_H);
    doc.vline(px, py, py + PHOTO_H);
    doc.vline(px + PHOTO_W, py, py + PHOTO_H);
    let pw = text_width_mm("照片", CARD_PT);
    doc.text_op(
        "照片",
        px + (PHOTO_W - pw) / 2.0,
        py + PHOTO_H / 2.0 + 1.0,
        CARD_PT,
    );
    // The worker's lines, as many as the card holds above the issuer.
    let lh = CARD_PT * super::font::MM_PER_PT * 1.35;
    let mut baseline = y + band + 4.0;
    for line in lines.iter().take(CARD_LINES) {
        doc.text_op(line, x + 3.0, baseline, CARD_PT);
        baseline += lh;
    }
    let iw = text_width_mm(issuer, 7.5).min(CARD_W - 6.0);
    doc.text_op(issuer, x + CARD_W - 3.0 - iw, y + CARD_H - 2.5, 7.5);
}
