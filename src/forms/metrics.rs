//! The measures every part of a form shares: font sizes, line metrics, rule thickness and the
//! footer band. The lowest layer of the engine: the builder ([`super::engine`]) and the drawing
//! primitives ([`super::draw`]) both read it, and `draw` imports `engine`, never the reverse.

use super::font::MM_PER_PT;

/// Body text: 五号 (10.5 pt), the standard size of Chinese office documents.
pub(super) const BODY_PT: f32 = 10.5;
/// Title: 小二 (18 pt).
pub(super) const TITLE_PT: f32 = 18.0;
/// Footer, page number and copy label.
pub(super) const SMALL_PT: f32 = 9.0;
/// Line height as a multiple of the font size; CJK needs more leading than Latin.
pub(super) const LINE_FACTOR: f32 = 1.45;
/// Baseline position inside the em box: Noto CJK's ideographic em box spans
/// −0.12 … 0.88 em around the baseline (OS/2 sTypoDescender/sTypoAscender), so
/// centring the em box in a line puts the baseline 0.88 em below the box top.
pub(super) const EM_ASCENT: f32 = 0.88;
/// Height of the bottom band kept free for footer, page number and copy label.
pub(super) const BAND_MM: f32 = 14.0;
/// Grid and signature rule thickness.
pub(super) const RULE_PT: f32 = 0.6;

/// Line height in mm for `size_pt`.
pub(super) fn line_height(size_pt: f32) -> f32 {
    size_pt * MM_PER_PT * LINE_FACTOR
}

/// Baseline of a line whose box starts at `line_top`: the em box centred in the line.
pub(super) fn baseline_in_line(line_top: f32, size_pt: f32) -> f32 {
    let em = size_pt * MM_PER_PT;
    line_top + (line_height(size_pt) - em) / 2.0 + EM_ASCENT * em
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_sits_inside_the_line() {
        let top = 100.0;
        let b = baseline_in_line(top, BODY_PT);
        let em = BODY_PT * MM_PER_PT;
        // The em box (baseline − 0.88 em … baseline + 0.12 em) lies within the line box.
        assert!(b - EM_ASCENT * em >= top);
        assert!(b + (1.0 - EM_ASCENT) * em <= top + line_height(BODY_PT));
    }
}
