//! Unicode normalisation that keeps offsets: every character is replaced by exactly one
//! character, so a character offset in the output is the same character offset in the input.
//!
//! - typographic quotes and primes become `'` and `"`;
//! - dashes and minus signs become `-`;
//! - every kind of space (no-break, thin, ideographic) and invisible formatting character
//!   (zero-width space, joiners, BOM, soft hyphen) becomes a space;
//! - control characters other than tab and newline become a space; a lone `\r` becomes `\n`.

/// Normalises one character.
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}' | '\u{02BC}' | '\u{FF07}' | '`'
        | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}' | '\u{00AB}' | '\u{00BB}'
        | '\u{FF02}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}'
        | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => ' ',
        '\u{2028}' | '\u{2029}' | '\u{0085}' => '\n',
        '\t' | '\n' => c,
        c if c.is_control() => ' ',
        c => c,
    }
}

/// Normalises a text; the result has exactly as many characters as the input.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            out.push(if chars.peek() == Some(&'\n') { ' ' } else { '\n' });
        } else {
            out.push(normalize_char(c));
        }
    }
    out
}

/// Converts a byte offset in `text` to a character offset.
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    if text.is_ascii() {
        return byte;
    }
    text[..floor_char_boundary(text, byte)].chars().count()
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_dashes() {
        assert_eq!(normalize("\u{201C}We\u{2019}re\u{201D} \u{2014} ok"), "\"We're\" - ok");
        assert_eq!(normalize("a\u{00A0}b\r\nc\rd"), "a b \nc\nd");
    }

    #[test]
    fn keeps_character_count() {
        let s = "Tokayev\u{2019}s \u{201C}visit\u{201D}\u{2014}Astana\u{200B}";
        assert_eq!(normalize(s).chars().count(), s.chars().count());
    }

    #[test]
    fn char_offsets() {
        let s = "Côte d'Ivoire";
        assert_eq!(char_offset(s, 3), 2);
        assert_eq!(char_offset(s, s.len()), 13);
    }
}
