//! [`FormDoc`]: a top-to-bottom form builder on printpdf.
//!
//! Coordinates are millimetres from the top-left corner of the page (how people
//! measure paper forms); they are flipped to PDF's bottom-left origin only when an
//! operation is emitted. A cursor moves down the page as blocks are added and a
//! block that does not fit starts a new page. The bottom band of every page is
//! reserved for the footer, the page number and the copy label (第一联 …), which
//! are drawn in [`FormDoc::finish`] once the page count is known.

use printpdf::{
    Color, FontId, Greyscale, Mm, OffsetDateTime, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Pt, TextItem, TextMatrix,
};

use super::dated::{DOCUMENT_TIME, beijing, fix_trailer_id};
use super::error::FormError;
use super::font::{form_font, text_width_mm};
use super::metrics::{BAND_MM, BODY_PT, RULE_PT, SMALL_PT, line_height};
use crate::domain::fees::CopyMode;

/// Paper size; all portrait except [`PageSize::A5Landscape`] and [`PageSize::A4Landscape`]
/// (and the dot-matrix sizes, which are wider than high).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSize {
    /// 210 × 297 mm.
    A4,
    /// 148 × 210 mm.
    A5,
    /// 210 × 148 mm, e.g. a repair slip or receipt printed two to an A4 sheet.
    A5Landscape,
    /// 297 × 210 mm, for wide registers such as the 空置房检查记录表.
    A4Landscape,
    /// 241 × 140 mm continuous multi-part paper (二等分) for a dot-matrix printer.
    Continuous241x140,
    /// 241 × 93 mm continuous multi-part paper (三等分) for a dot-matrix printer.
    Continuous241x93,
}

impl PageSize {
    /// Width and height in millimetres.
    pub fn dimensions_mm(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (210.0, 297.0),
            PageSize::A5 => (148.0, 210.0),
            PageSize::A5Landscape => (210.0, 148.0),
            PageSize::A4Landscape => (297.0, 210.0),
            PageSize::Continuous241x140 => (241.0, 140.0),
            PageSize::Continuous241x93 => (241.0, 93.0),
        }
    }

    /// The page a form with copies prints on in `mode`: `laser` (its usual size) on plain
    /// paper, else the continuous paper the dot-matrix printer holds.
    pub fn for_copies(mode: CopyMode, laser: PageSize) -> PageSize {
        match mode {
            CopyMode::Laser => laser,
            CopyMode::DotMatrixHalf => PageSize::Continuous241x140,
            CopyMode::DotMatrixThird => PageSize::Continuous241x93,
        }
    }

    /// Whether it is a short continuous page, where the title is smaller and the bottom band
    /// (footer and page number only: no copy label is printed there) narrower.
    pub fn compact(self) -> bool {
        matches!(
            self,
            PageSize::Continuous241x140 | PageSize::Continuous241x93
        )
    }

    /// Height of the bottom band, mm.
    pub(super) fn band_mm(self) -> f32 {
        if self.compact() { 10.0 } else { BAND_MM }
    }

    /// Side margin, top margin and bottom margin in millimetres.
    pub(super) fn margins_mm(self) -> (f32, f32, f32) {
        match self {
            PageSize::A4 => (18.0, 15.0, 10.0),
            PageSize::A4Landscape => (15.0, 12.0, 8.0),
            PageSize::A5 | PageSize::A5Landscape => (12.0, 10.0, 7.0),
            // 241 mm is 9.5 in: the two 12.7 mm sprocket strips are torn off, leaving the
            // 8.5 in form; the tractor moves the paper from perforation to perforation, so a
            // few millimetres above and below are enough.
            PageSize::Continuous241x140 | PageSize::Continuous241x93 => (16.0, 6.0, 4.0),
        }
    }
}

/// The font's resource name in every form (one font per document).
const FONT_NAME: &str = "F1";

/// One page under construction.
pub(super) struct Page {
    pub(super) ops: Vec<Op>,
    /// Copy label printed in this page's bottom band.
    pub(super) label: Option<String>,
    /// True for a page opened with [`FormDoc::new_page`]; page numbers count from it.
    starts_group: bool,
    /// Whether anything has been drawn in the page body yet.
    pub(super) used: bool,
}

/// A form being built; call [`FormDoc::finish`] for the PDF bytes.
pub struct FormDoc {
    pub(super) doc: PdfDocument,
    pub(super) font: PdfFontHandle,
    pub(super) size: PageSize,
    pub(super) pages: Vec<Page>,
    /// Distance of the cursor from the top edge, mm.
    pub(super) cursor: f32,
    /// Label inherited by pages a long block spills onto.
    pub(super) label: Option<String>,
    pub(super) footer: Option<String>,
    /// A word stamped large and grey across every page (`作废`).
    pub(super) stamp: Option<String>,
}

impl FormDoc {
    /// Start an empty document; `title` goes into the PDF metadata (shown by viewers).
    ///
    /// Fails only if the embedded font cannot be parsed, which is a build defect.
    pub fn new(title: &str, size: PageSize) -> Result<Self, FormError> {
        let font = form_font().ok_or(FormError::FontUnavailable)?;
        let mut doc = PdfDocument::new(title);
        // printpdf defaults to the Unix epoch, which viewers show as "1970-01-01".
        let now = DOCUMENT_TIME
            .get()
            .map_or_else(OffsetDateTime::now, beijing);
        doc.metadata.info.creation_date = now;
        doc.metadata.info.modification_date = now;
        doc.metadata.info.metadata_date = now;
        doc.metadata.info.creator = "物业客服台 wuye-desk".into();
        // `add_font` names the font from a process-wide counter, so the same form would differ
        // from run to run; one font per document needs only one fixed name.
        let id = FontId(FONT_NAME.into());
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(font.parsed.clone()));
        let (_, top, _) = size.margins_mm();
        Ok(Self {
            doc,
            font: PdfFontHandle::External(id),
            size,
            pages: Vec::new(),
            cursor: top,
            label: None,
            footer: None,
            stamp: None,
        })
    }

    /// The paper size.
    pub fn page_size(&self) -> PageSize {
        self.size
    }

    /// Start a new page (a new sheet: page numbers restart, the copy label is cleared).
    ///
    /// If the current page is still blank it is reused, so `new_page` right after
    /// [`FormDoc::new`] does not leave an empty first sheet.
    pub fn new_page(&mut self) {
        self.label = None;
        match self.pages.last_mut() {
            Some(page) if !page.used => {
                page.label = None;
                page.starts_group = true;
            }
            _ => self.push_page(true),
        }
        self.cursor = self.top();
    }

    /// How far down the page the next block starts, in mm from the top edge.
    pub fn cursor_mm(&self) -> f32 {
        self.cursor
    }

    /// Room left on the current page for content, in mm.
    pub fn remaining_mm(&self) -> f32 {
        (self.content_bottom() - self.cursor).max(0.0)
    }

    /// Leave `mm` of vertical space (it does not carry over to a new page).
    pub fn space(&mut self, mm: f32) {
        if mm.is_finite() && mm > 0.0 {
            self.cursor = (self.cursor + mm).min(self.content_bottom());
        }
    }

    /// Lay out the page bands and serialize the PDF, with the font subset to the
    /// glyphs actually used.
    pub fn finish(mut self) -> Result<Vec<u8>, FormError> {
        self.current_page();
        let (w, h) = self.size.dimensions_mm();
        let total = self.pages.len();
        // Page numbers count within a group (one copy / one sheet set), not the file.
        let mut group_sizes = vec![0usize; total];
        let mut group_start = 0;
        for i in 0..total {
            if self.pages[i].starts_group {
                group_start = i;
            }
            group_sizes[group_start] += 1;
        }
        let mut pages = Vec::with_capacity(total);
        let mut group_start = 0;
        let pages_in = std::mem::take(&mut self.pages);
        for (i, mut page) in pages_in.into_iter().enumerate() {
            if page.starts_group {
                group_start = i;
            }
            let count = group_sizes[group_start];
            let number = (count > 1).then(|| format!("第{}页，共{}页", i - group_start + 1, count));
            let band = self.band_ops(&page, number.as_deref());
            page.ops.extend(band);
            if let Some(stamp) = self.stamp.clone() {
                page.ops.extend(self.stamp_ops(&stamp));
            }
            pages.push(PdfPage::new(Mm(w), Mm(h), page.ops));
        }
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..PdfSaveOptions::default()
        };
        // printpdf reports only informational notes here; the output is always written.
        let mut warnings = Vec::new();
        let mut bytes = self.doc.with_pages(pages).save(&options, &mut warnings);
        fix_trailer_id(&mut bytes);
        Ok(bytes)
    }

    /// Stamp `text` (`作废`) large, grey and diagonal across the middle of every page, over
    /// what is printed there, so no copy of the document can pass for a valid one.
    pub fn stamp(&mut self, text: &str) -> Result<(), FormError> {
        let text = super::draw::one_line(super::draw::checked("印章", text)?);
        if text.trim().is_empty() || text.chars().count() > 6 {
            return Err(FormError::TooLong {
                field: "印章".into(),
                max_chars: 6,
            });
        }
        self.stamp = Some(text);
        Ok(())
    }

    /// The stamp's drawing: centred on the page, rising 20°, as large as half the width (or
    /// most of a short page's height) allows.
    fn stamp_ops(&self, text: &str) -> Vec<Op> {
        let (w, h) = self.size.dimensions_mm();
        let em_per_pt = super::font::MM_PER_PT;
        let em_width = text_width_mm(text, 1.0) / em_per_pt; // in ems
        let size_pt = (0.55 * w / (em_width * em_per_pt)).min(0.55 * h / em_per_pt);
        let width = text_width_mm(text, size_pt);
        let angle: f32 = 20.0;
        let (sin, cos) = angle.to_radians().sin_cos();
        // From the centre back half the text's length along the baseline, and down a third of
        // an em, so the word's middle sits on the page's middle.
        let drop = size_pt * em_per_pt * 0.35;
        let (cx, cy) = (w / 2.0, h / 2.0);
        let x = cx - width / 2.0 * cos + drop * sin;
        let y = cy - width / 2.0 * sin - drop * cos;
        vec![
            Op::SaveGraphicsState,
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(0.55, None)),
            },
            Op::StartTextSection,
            Op::SetFont {
                font: self.font.clone(),
                size: Pt(size_pt),
            },
            Op::SetTextMatrix {
                matrix: TextMatrix::TranslateRotate(Mm(x).into(), Mm(y).into(), angle),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
            Op::RestoreGraphicsState,
        ]
    }

    // ---- geometry -------------------------------------------------------------

    pub(super) fn left(&self) -> f32 {
        self.size.margins_mm().0
    }

    pub(super) fn top(&self) -> f32 {
        self.size.margins_mm().1
    }

    /// Width between the side margins, mm.
    pub fn content_width(&self) -> f32 {
        self.size.dimensions_mm().0 - 2.0 * self.size.margins_mm().0
    }

    pub(super) fn content_bottom(&self) -> f32 {
        let (_, h) = self.size.dimensions_mm();
        h - self.size.margins_mm().2 - self.size.band_mm()
    }

    /// Height available on an empty page.
    pub(super) fn page_capacity(&self) -> f32 {
        self.content_bottom() - self.top()
    }

    // ---- pages and cursor -----------------------------------------------------

    pub(super) fn push_page(&mut self, starts_group: bool) {
        let ops = vec![
            Op::SetOutlineThickness { pt: Pt(RULE_PT) },
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale::new(0.0, None)),
            },
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(0.0, None)),
            },
        ];
        self.pages.push(Page {
            ops,
            label: self.label.clone(),
            starts_group,
            used: false,
        });
    }

    /// The page being drawn on, opening the first one if needed.
    pub(super) fn current_page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.push_page(true);
            self.cursor = self.top();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub(super) fn mark_used(&mut self) {
        self.current_page().used = true;
    }

    pub(super) fn is_page_used(&self) -> bool {
        self.pages.last().is_some_and(|p| p.used)
    }

    /// Continue on a fresh page of the same sheet set (same copy label).
    pub(super) fn break_page(&mut self) {
        self.push_page(false);
        self.cursor = self.top();
    }

    /// Make sure `h` mm fit below the cursor, breaking the page if it is not empty.
    pub(super) fn ensure(&mut self, h: f32) {
        self.current_page();
        if self.cursor + h > self.content_bottom() + 1e-3 && self.is_page_used() {
            self.break_page();
        }
    }

    /// A little air between blocks, but none at the top of a page.
    pub(super) fn space_before_block(&mut self, mm: f32) {
        if self.is_page_used() {
            self.space(mm);
        }
    }

    /// Footer (left, upper line), page number (centre) and copy label (right).
    pub(super) fn band_ops(&mut self, page: &Page, number: Option<&str>) -> Vec<Op> {
        let (_, h) = self.size.dimensions_mm();
        let bottom = h - self.size.margins_mm().2;
        let lower = bottom - 1.5;
        let upper = lower - line_height(BODY_PT);
        let (left, width) = (self.left(), self.content_width());
        // Draw into a scratch page so the helpers can be reused, then hand back its ops.
        let saved = std::mem::take(&mut self.pages);
        self.push_page(false);
        if let Some(footer) = self.footer.clone() {
            self.text_op(&footer, left, upper, SMALL_PT);
        }
        if let Some(number) = number {
            let x = left + (width - text_width_mm(number, SMALL_PT)) / 2.0;
            self.text_op(number, x, lower, SMALL_PT);
        }
        if let Some(label) = &page.label {
            let x = left + width - text_width_mm(label, BODY_PT);
            self.text_op(label, x, lower, BODY_PT);
        }
        let ops = self.pages.pop().map(|p| p.ops).unwrap_or_default();
        self.pages = saved;
        ops
    }
}
