//! Line breaking by measured width, with the basic Chinese line-breaking rules.
//!
//! Chinese breaks between any two characters; Latin words, numbers and codes like
//! `¥1,409.50` or `410***********1234` stay whole when they fit and are broken per
//! character only when a word alone is wider than the line. Closing punctuation
//! (，。）》 …) never starts a line and opening punctuation (（《“ …) never ends one,
//! as long as the line is wide enough to allow it.

use super::font::text_width_mm;

/// Slack for floating-point sums of advance widths.
const EPS_MM: f32 = 1e-3;

/// Characters that must not begin a line (行首禁则).
const NO_LINE_START: &str = "，。、；：？！）》」』】〕〉〗”’…—–％‰·.,;:?!)]}%℃";
/// Characters that must not end a line (行尾禁则).
const NO_LINE_END: &str = "（《「『【〔〈〖“‘([{¥￥$";

/// A text cannot be laid out because even one character is wider than the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooNarrow;

/// Wide (East Asian) characters break anywhere; everything else forms words.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F       // Hangul Jamo
        | 0x2E80..=0x303E     // CJK radicals, symbols and punctuation
        | 0x3041..=0x33FF     // kana, bopomofo, enclosed CJK, CJK compatibility (㎡)
        | 0x3400..=0x4DBF     // Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3     // Hangul syllables
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE6F     // vertical forms, small forms
        | 0xFF00..=0xFF60     // fullwidth forms
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD) // supplementary ideographs
        || NO_LINE_START.contains(c) && !c.is_ascii()
}

/// One unbreakable piece of a line, or a run of spaces between pieces.
struct Piece {
    text: String,
    space: bool,
}

/// Split a paragraph into pieces, gluing punctuation to its neighbour.
fn pieces(paragraph: &str) -> Vec<Piece> {
    let mut raw: Vec<Piece> = Vec::new();
    for c in paragraph.chars() {
        let space = c == ' ' || c == '\u{3000}';
        let extends = raw.last().is_some_and(|last| {
            if space {
                last.space
            } else {
                !last.space && !is_wide(c) && !last.text.chars().last().is_some_and(is_wide)
            }
        });
        match raw.last_mut() {
            Some(last) if extends => last.text.push(c),
            _ => raw.push(Piece {
                text: c.to_string(),
                space,
            }),
        }
    }
    // Glue: a piece starting with closing punctuation joins the piece before it; a
    // piece ending with opening punctuation takes the piece after it.
    let mut out: Vec<Piece> = Vec::with_capacity(raw.len());
    for piece in raw {
        if let Some(last) = out.last_mut() {
            let glue = !last.space
                && !piece.space
                && (piece
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| NO_LINE_START.contains(c))
                    || last
                        .text
                        .chars()
                        .last()
                        .is_some_and(|c| NO_LINE_END.contains(c)));
            if glue {
                last.text.push_str(&piece.text);
                continue;
            }
        }
        out.push(piece);
    }
    out
}

/// Accumulates one line at a time.
struct Lines {
    done: Vec<String>,
    line: String,
    size_pt: f32,
    max_mm: f32,
}

impl Lines {
    fn width(&self) -> f32 {
        text_width_mm(&self.line, self.size_pt)
    }

    fn fits(&self, extra: &str) -> bool {
        self.width() + text_width_mm(extra, self.size_pt) <= self.max_mm + EPS_MM
    }

    fn finish(&mut self) {
        let trimmed = self.line.trim_end_matches([' ', '\u{3000}']).to_string();
        self.done.push(trimmed);
        self.line.clear();
    }

    /// Place a piece wider than a whole line, one character at a time.
    fn push_by_char(&mut self, text: &str) -> Result<(), TooNarrow> {
        let mut buf = [0u8; 4];
        for c in text.chars() {
            let s = c.encode_utf8(&mut buf);
            if !self.fits(s) {
                if self.line.is_empty() {
                    return Err(TooNarrow);
                }
                self.finish();
                if !self.fits(s) {
                    return Err(TooNarrow);
                }
            }
            self.line.push(c);
        }
        Ok(())
    }
}

/// Break `text` into lines no wider than `max_mm` at `size_pt`.
///
/// `\n` forces a break; an empty text gives one empty line (an empty cell still has
/// the height of one line). Spaces at a break are dropped; spaces that begin a
/// paragraph are kept, since they are deliberate indentation.
pub(crate) fn wrap(text: &str, size_pt: f32, max_mm: f32) -> Result<Vec<String>, TooNarrow> {
    if max_mm.is_nan() || max_mm <= 0.0 {
        return Err(TooNarrow);
    }
    let mut lines = Lines {
        done: Vec::new(),
        line: String::new(),
        size_pt,
        max_mm,
    };
    for paragraph in text.split('\n') {
        for piece in pieces(paragraph) {
            if lines.fits(&piece.text) {
                lines.line.push_str(&piece.text);
            } else if piece.space {
                // A break here: the spaces vanish into it.
                lines.finish();
            } else {
                if !lines.line.is_empty() {
                    lines.finish();
                }
                if lines.fits(&piece.text) {
                    lines.line.push_str(&piece.text);
                } else {
                    lines.push_by_char(&piece.text)?;
                }
            }
        }
        lines.finish();
    }
    Ok(lines.done)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Width of `n` ideographs at 10 pt, plus a hair.
    fn ems(n: f32) -> f32 {
        text_width_mm("中", 10.0) * n + 0.01
    }

    #[test]
    fn chinese_breaks_between_any_characters() {
        let lines = wrap("一二三四五六七", 10.0, ems(3.0)).unwrap();
        assert_eq!(lines, ["一二三", "四五六", "七"]);
    }

    #[test]
    fn every_line_fits() {
        let text = "业主张伟反映3号楼2单元1502室卫生间漏水，已通知维修班（预计30分钟内到场），材料费¥1,409.50。";
        for max in [ems(1.0), ems(2.5), ems(7.0), ems(20.0)] {
            let lines = wrap(text, 10.0, max).unwrap();
            assert_eq!(lines.concat(), text, "no character lost at {max}");
            for line in &lines {
                assert!(
                    text_width_mm(line, 10.0) <= max + EPS_MM,
                    "{line} wider than {max}"
                );
            }
        }
    }

    #[test]
    fn closing_punctuation_does_not_start_a_line() {
        let lines = wrap("你好，世界。再见", 10.0, ems(2.0)).unwrap();
        assert_eq!(lines, ["你", "好，", "世", "界。", "再见"]);
        for line in &lines {
            let first = line.chars().next().unwrap_or(' ');
            assert!(!NO_LINE_START.contains(first), "{lines:?}");
        }
    }

    #[test]
    fn opening_punctuation_does_not_end_a_line() {
        let lines = wrap("维修（已完成）", 10.0, ems(3.0)).unwrap();
        for line in &lines {
            let last = line.chars().last().unwrap_or(' ');
            assert!(!NO_LINE_END.contains(last), "{lines:?}");
        }
    }

    #[test]
    fn latin_words_stay_whole_when_they_fit() {
        let lines = wrap(
            "金额 ¥1,409.50 元",
            10.0,
            text_width_mm("金额 ¥1,409.5", 10.0),
        )
        .unwrap();
        assert_eq!(lines, ["金额", "¥1,409.50 元"]);
        assert!(lines.iter().any(|l| l.contains("¥1,409.50")));
    }

    #[test]
    fn overlong_word_breaks_per_character() {
        let id = "410***********1234";
        let max = text_width_mm("410****", 10.0) + 0.01;
        let lines = wrap(id, 10.0, max).unwrap();
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), id);
    }

    #[test]
    fn newlines_and_empty_text() {
        assert_eq!(wrap("", 10.0, ems(5.0)).unwrap(), [""]);
        assert_eq!(wrap("甲\n\n乙", 10.0, ems(5.0)).unwrap(), ["甲", "", "乙"]);
    }

    #[test]
    fn too_narrow_is_an_error_not_a_loop() {
        assert_eq!(wrap("中", 10.0, ems(0.5)), Err(TooNarrow));
        assert_eq!(wrap("a", 10.0, 0.0), Err(TooNarrow));
        assert_eq!(wrap("a", 10.0, f32::NAN), Err(TooNarrow));
    }
}
