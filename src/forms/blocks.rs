//! The content blocks of a form: title, header line, paragraphs, signature blanks,
//! copy labels, footer, and the multi-copy helper.

use super::draw::{Align, check_size, checked, max_chars, one_line, wrap_field};
use super::engine::FormDoc;
use super::error::FormError;
use super::font::text_width_mm;
use super::metrics::{BODY_PT, SMALL_PT, TITLE_PT, baseline_in_line, line_height};
use crate::domain::fees::CopyMode;

impl FormDoc {
    /// A big centred title; long titles wrap onto centred lines.
    pub fn title(&mut self, text: &str) -> Result<(), FormError> {
        let text = checked("标题", text)?;
        // A short continuous page gives the title less room (小三, 15 pt).
        let (size, after) = if self.size.compact() {
            (15.0, 1.0)
        } else {
            (TITLE_PT, 3.0)
        };
        let lines = wrap_field("标题", &text, size, self.content_width())?;
        self.space_before_block(1.0);
        self.place_lines(&lines, size, Align::Center);
        self.cursor += after;
        Ok(())
    }

    /// One line under the title: office name left, `编号：…` centred, date right.
    ///
    /// Line breaks inside the parts are read as spaces.
    /// An empty `form_number` omits the middle part. If the three do not fit on one
    /// line, the office name gets its own line and the other two follow.
    pub fn header_line(
        &mut self,
        office_name: &str,
        form_number: &str,
        date_text: &str,
    ) -> Result<(), FormError> {
        let office = one_line(checked("页眉单位名称", office_name)?);
        let number = one_line(checked("页眉编号", form_number)?);
        let date = one_line(checked("页眉日期", date_text)?);
        let number = if number.is_empty() {
            String::new()
        } else {
            format!("编号：{number}")
        };
        let (ow, nw, dw) = (
            text_width_mm(&office, BODY_PT),
            text_width_mm(&number, BODY_PT),
            text_width_mm(&date, BODY_PT),
        );
        let width = self.content_width();
        let gap = 4.0;
        let lh = line_height(BODY_PT);
        self.space_before_block(0.0);
        if ow + nw + dw + 2.0 * gap <= width {
            self.ensure(lh);
            // Centre the number, but slide it sideways rather than overlap a long name or date.
            let centred = (width - nw) / 2.0;
            let nx = centred.max(ow + gap).min(width - dw - gap - nw);
            self.line_at(&office, 0.0, BODY_PT);
            self.line_at(&number, nx, BODY_PT);
            self.line_at(&date, width - dw, BODY_PT);
            self.cursor += lh;
        } else {
            let lines = wrap_field("页眉单位名称", &office, BODY_PT, width)?;
            self.place_lines(&lines, BODY_PT, Align::Left);
            if nw + dw + gap <= width {
                self.ensure(lh);
                self.line_at(&number, 0.0, BODY_PT);
                self.line_at(&date, width - dw, BODY_PT);
                self.cursor += lh;
            } else {
                for (field, part) in [("页眉编号", &number), ("页眉日期", &date)] {
                    let lines = wrap_field(field, part, BODY_PT, width)?;
                    self.place_lines(&lines, BODY_PT, Align::Left);
                }
            }
        }
        self.cursor += 1.5;
        Ok(())
    }

    /// A paragraph at `size_pt`, wrapped to the page width; `\n` starts a new line.
    pub fn text(&mut self, text: &str, size_pt: f32) -> Result<(), FormError> {
        check_size(size_pt)?;
        let text = checked("正文", text)?;
        let lines = wrap_field("正文", &text, size_pt, self.content_width())?;
        self.space_before_block(0.0);
        self.place_lines(&lines, size_pt, Align::Left);
        self.cursor += 1.5;
        Ok(())
    }

    /// Signature blanks, e.g. `["业主签字", "日期"]` → `业主签字：______  日期：______`.
    ///
    /// The labels share the line equally; if a blank would get too short they are
    /// spread over several lines.
    pub fn signature_line(&mut self, labels: &[&str]) -> Result<(), FormError> {
        let mut texts = Vec::with_capacity(labels.len());
        for label in labels {
            let label = one_line(checked("签字栏", label)?);
            let label = if label.ends_with('：') || label.ends_with(':') || label.is_empty() {
                label
            } else {
                format!("{label}：")
            };
            texts.push(label);
        }
        if texts.is_empty() {
            return Ok(());
        }
        // Room for a handwritten name after each label.
        let blank_min = 22.0;
        let width = self.content_width();
        let widest = texts
            .iter()
            .map(|t| text_width_mm(t, BODY_PT))
            .fold(0.0, f32::max);
        let mut per_row = texts.len();
        while per_row > 1 && widest + blank_min > width / per_row as f32 {
            per_row -= 1;
        }
        if widest + blank_min > width {
            return Err(FormError::TooLong {
                field: "签字栏".into(),
                max_chars: max_chars(width - blank_min, BODY_PT),
            });
        }
        let row_h = if self.size.compact() { 8.0 } else { 11.0 };
        let slot = width / per_row as f32;
        self.space_before_block(0.0);
        for row in texts.chunks(per_row) {
            self.ensure(row_h);
            let baseline = self.cursor + row_h - 2.5;
            for (i, label) in row.iter().enumerate() {
                let x = slot * i as f32;
                self.text_op(label, self.left() + x, baseline, BODY_PT);
                let start = x + text_width_mm(label, BODY_PT) + 0.5;
                let end = x + slot - 6.0;
                self.hline(self.left() + start, self.left() + end, baseline + 0.8);
            }
            self.cursor += row_h;
            self.mark_used();
        }
        self.cursor += 1.5;
        Ok(())
    }

    /// Print `text` (e.g. `第一联 维修班存根`) in the bottom-right corner of this page
    /// and of the pages a long table spills onto, until the next [`FormDoc::new_page`].
    pub fn copy_label(&mut self, text: &str) -> Result<(), FormError> {
        let text = one_line(checked("联次", text)?);
        let max = self.content_width() * 0.35;
        if text_width_mm(&text, BODY_PT) > max {
            return Err(FormError::TooLong {
                field: "联次".into(),
                max_chars: max_chars(max, BODY_PT),
            });
        }
        self.current_page();
        self.label = Some(text.clone());
        if let Some(page) = self.pages.last_mut() {
            page.label = Some(text);
        }
        Ok(())
    }

    /// A one-line footer printed at the bottom-left of every page of the document
    /// (line breaks are read as spaces; too long is [`FormError::TooLong`]).
    pub fn footer(&mut self, text: &str) -> Result<(), FormError> {
        let text = one_line(checked("页脚", text)?);
        let max = self.content_width();
        if text_width_mm(&text, SMALL_PT) > max {
            return Err(FormError::TooLong {
                field: "页脚".into(),
                max_chars: max_chars(max, SMALL_PT),
            });
        }
        self.footer = Some(text);
        Ok(())
    }

    /// Draw one copy per label (第一联 …, 第二联 …): each starts a new sheet carrying
    /// its label, then `draw` fills it. All labels are checked before anything is drawn.
    pub fn copies<F>(&mut self, labels: &[&str], draw: F) -> Result<(), FormError>
    where
        F: Fn(&mut FormDoc, &str) -> Result<(), FormError>,
    {
        for label in labels {
            checked("联次", label)?;
        }
        for label in labels {
            self.new_page();
            self.copy_label(label)?;
            draw(self, label)?;
        }
        Ok(())
    }

    /// Draw the copies as `mode` prints them: on plain paper one labelled copy per sheet
    /// ([`FormDoc::copies`], `draw` given the label); on carbon paper once and unlabelled,
    /// since one impact makes every ply (`draw` given `None`).
    pub fn copies_as<F>(
        &mut self,
        mode: CopyMode,
        labels: &[&str],
        draw: F,
    ) -> Result<(), FormError>
    where
        F: Fn(&mut FormDoc, Option<&str>) -> Result<(), FormError>,
    {
        if mode.carbon() {
            self.new_page();
            draw(self, None)
        } else {
            self.copies(labels, |doc, label| draw(doc, Some(label)))
        }
    }

    /// Lines at `size_pt`, one line height each, breaking the page between lines.
    pub(super) fn place_lines(&mut self, lines: &[String], size_pt: f32, align: Align) {
        let lh = line_height(size_pt);
        let width = self.content_width();
        for line in lines {
            self.ensure(lh);
            let x = align.offset(width, text_width_mm(line, size_pt));
            self.line_at(line, x, size_pt);
            self.cursor += lh;
        }
    }

    /// One line of text in the line box starting at the cursor; `x` from the left margin.
    pub(super) fn line_at(&mut self, text: &str, x: f32, size_pt: f32) {
        let baseline = baseline_in_line(self.cursor, size_pt);
        self.text_op(text, self.left() + x, baseline, size_pt);
        self.mark_used();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::PageSize;

    #[test]
    fn one_line_elements_are_checked_and_bounded() {
        let mut doc = FormDoc::new("测试", PageSize::A5).unwrap();
        assert!(matches!(
            doc.copy_label(&"第一联".repeat(30)),
            Err(FormError::TooLong { .. })
        ));
        assert!(doc.copy_label("第一联\n存根").is_ok());
        assert!(matches!(
            doc.footer("😀"),
            Err(FormError::MissingGlyphs { .. })
        ));
        assert!(matches!(doc.text("正文", 0.0), Err(FormError::Layout(_))));
    }
}
