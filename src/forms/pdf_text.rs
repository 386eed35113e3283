//! Read the text back out of a PDF this module produced, for verification.
//!
//! Tests (and the CLI's self-checks) use it to confirm that the Chinese values really
//! are in the file and decodable, which is also what copy-paste and search in a PDF
//! viewer rely on: glyph codes are mapped back to Unicode through the `/ToUnicode`
//! CMap printpdf writes for the subset font. It is not a general PDF text extractor.

use lopdf::Document;

/// Why text could not be read from a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfTextError {
    /// The bytes are not a PDF lopdf can parse.
    #[error("无法读取PDF文件：{0}")]
    Parse(String),
    /// A page's content or font encoding could not be decoded.
    #[error("无法提取PDF中的文字：{0}")]
    Extract(String),
}

/// Upper bound for decompressed page content; our pages are a few KB each.
const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;

/// All text of `pdf`, page after page, each page ending with a newline.
pub fn extract_text(pdf: &[u8]) -> Result<String, PdfTextError> {
    let doc = Document::load_mem(pdf).map_err(|e| PdfTextError::Parse(e.to_string()))?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut out = String::new();
    for page in pages {
        let text = doc
            .extract_text_with_limit(&[page], MAX_PAGE_CONTENT)
            .map_err(|e| PdfTextError::Extract(e.to_string()))?;
        out.push_str(&text);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}
