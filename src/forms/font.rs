//! The one typeface of every printed form: Noto Sans SC Regular, embedded in the binary.
//!
//! The bytes are compiled in (no font lookup on the desk computer can go wrong) and
//! parsed once per process. Besides the printpdf [`ParsedFont`] we keep a dense
//! advance-width table for the Basic Multilingual Plane: measuring text for wrapping
//! happens for every cell of every table, so it should be an array index, not a cmap
//! search.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// The font file, `assets/fonts/NotoSansSC-Regular.otf` (CFF outlines, CID-keyed).
///
/// Also usable by the UI: `iced::font::load(FONT_BYTES)` and then
/// `Font::with_name(FONT_FAMILY)`.
pub static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.otf");

/// The family name stored in [`FONT_BYTES`].
pub const FONT_FAMILY: &str = "Noto Sans SC";

/// Marks a BMP code point the font has no glyph for.
const NO_GLYPH: u16 = u16::MAX;

/// Points to millimetres.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// The parsed font plus what we need to measure text.
pub(crate) struct FormFont {
    /// What printpdf embeds (and subsets) into the PDF.
    pub(crate) parsed: ParsedFont,
    /// Advance widths in font units, indexed by BMP code point; [`NO_GLYPH`] if absent.
    bmp_advances: Vec<u16>,
    /// Font units per em (1000 for Noto CJK, but read rather than assumed).
    units_per_em: f32,
}

impl FormFont {
    fn load() -> Option<Self> {
        let parsed = ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new())?;
        let units_per_em = f32::from(parsed.font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return None;
        }
        let bmp_advances = (0u32..=0xFFFF)
            .map(|cp| match parsed.lookup_glyph_index(cp) {
                // Glyph 0 is .notdef: the cmap "has" it only as the empty box we refuse to print.
                Some(gid) if gid != 0 => parsed.get_horizontal_advance(gid).min(NO_GLYPH - 1),
                _ => NO_GLYPH,
            })
            .collect();
        Some(Self {
            parsed,
            bmp_advances,
            units_per_em,
        })
    }

    /// Advance of `c` in em, or `None` if the font cannot draw it.
    pub(crate) fn advance_em(&self, c: char) -> Option<f32> {
        let cp = c as u32;
        let units = match self.bmp_advances.get(cp as usize) {
            Some(&NO_GLYPH) => return None,
            Some(&units) => units,
            // Outside the BMP: rare, so a direct cmap lookup is fine.
            None => match self.parsed.lookup_glyph_index(cp) {
                Some(gid) if gid != 0 => self.parsed.get_horizontal_advance(gid),
                _ => return None,
            },
        };
        Some(f32::from(units) / self.units_per_em)
    }
}

/// The process-wide parsed font; `None` only if the embedded file is broken.
pub(crate) fn form_font() -> Option<&'static FormFont> {
    static FONT: OnceLock<Option<FormFont>> = OnceLock::new();
    FONT.get_or_init(FormFont::load).as_ref()
}

/// The characters of `text` the font cannot draw, each once, in order of appearance.
///
/// Line breaks (`\n`) are layout, not glyphs, and are ignored. If the font itself
/// failed to load, every other character is reported missing (nothing can be drawn).
pub fn missing_chars(text: &str) -> Vec<char> {
    let font = form_font();
    let mut missing: Vec<char> = Vec::new();
    for c in text.chars() {
        if c == '\n' || missing.contains(&c) {
            continue;
        }
        if font.and_then(|f| f.advance_em(c)).is_none() {
            missing.push(c);
        }
    }
    missing
}

/// `Ok` if the font can draw every character of `text`, otherwise a message for the desk naming
/// the characters. Screens use it before saving, so nothing is stored that would show or print
/// as an empty box.
pub fn check_drawable(text: &str) -> Result<(), String> {
    let missing = missing_chars(text);
    if missing.is_empty() {
        return Ok(());
    }
    let chars: Vec<String> = missing
        .iter()
        .map(|c| {
            if c.is_control() {
                format!("U+{:04X}", *c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    Err(format!(
        "字体中没有“{}”，屏幕和表单都无法显示。请改用常用字；生僻字可写拼音，并在备注中说明",
        chars.join("、")
    ))
}

/// Rows of a roster whose names or notes the font cannot draw: they would show and print as
/// empty boxes, so the import names them like any other bad row.
pub fn roster_problems(
    records: &[crate::domain::roster::RosterRecord],
) -> Vec<crate::domain::roster::RowProblem> {
    let mut problems = Vec::new();
    for r in records {
        let Some(p) = &r.person else { continue };
        for (label, text) in [
            ("姓名", &p.name),
            ("紧急联系人", &p.emergency_contact),
            ("备注", &p.note),
        ] {
            if let Err(e) = check_drawable(text) {
                problems.push(crate::domain::roster::RowProblem::at(
                    r,
                    format!("{label}：{e}"),
                ));
            }
        }
    }
    problems
}

/// Width of `text` set in the form font at `size_pt`, in millimetres.
///
/// Sums the real advance widths from the font (printpdf places glyphs by the same
/// advances and applies no kerning to plain text, so this is exact). Characters the
/// font lacks count as one em, the width of the box a viewer would draw.
pub fn text_width_mm(text: &str, size_pt: f32) -> f32 {
    let font = form_font();
    let em: f32 = text
        .chars()
        .filter(|&c| c != '\n')
        .map(|c| font.and_then(|f| f.advance_em(c)).unwrap_or(1.0))
        .sum();
    em * size_pt * MM_PER_PT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_loads_and_covers_the_form_alphabet() {
        assert!(form_font().is_some());
        let sample =
            "业主信息卡 3号楼2单元1502室 ¥1,409.50 ￥ 壹仟肆佰零玖元伍角 ①②③ №℃※→■□○●★☆√×÷≤≥㎡² 㐀";
        assert_eq!(missing_chars(sample), Vec::<char>::new());
    }

    #[test]
    fn missing_chars_reports_each_once_and_ignores_newlines() {
        assert_eq!(missing_chars("𠀀a\n𠀀😀"), vec!['𠀀', '😀']);
        assert_eq!(missing_chars("第一行\n第二行"), Vec::<char>::new());
        // A tab has no glyph: it must not silently print as a box.
        assert_eq!(missing_chars("a\tb"), vec!['\t']);
    }

    #[test]
    fn widths_come_from_the_font() {
        // Ideographs are exactly one em: 10 pt = 3.5278 mm.
        let one = text_width_mm("中", 10.0);
        assert!((one - 10.0 * MM_PER_PT).abs() < 1e-4, "{one}");
        assert!((text_width_mm("中文字", 10.0) - 3.0 * one).abs() < 1e-4);
        // Latin is proportional: "i" is narrower than "W", both narrower than an ideograph.
        let (i, w) = (text_width_mm("i", 10.0), text_width_mm("W", 10.0));
        assert!(i < w && w < one, "i={i} W={w}");
        assert_eq!(text_width_mm("", 10.0), 0.0);
    }
}
