//! The numbered headings of docs/kling-api.md and their GitHub anchors, so the generated docs link
//! every `§x.y` they cite, and a test can prove every `§x.y` in the sources names a real heading.

use std::collections::HashMap;

/// The path of the API reference, and how the generated docs beside it link to it.
pub const API_MD: &str = "docs/kling-api.md";
const API_LINK: &str = "kling-api.md";

/// Section number ("4.2", "12") -> the anchor GitHub gives its heading.
#[derive(Debug, Default)]
pub struct Sections {
    anchors: HashMap<String, String>,
}

impl Sections {
    /// The headings of the committed docs/kling-api.md.
    pub fn load() -> Result<Sections, String> {
        let path = super::repo_path(API_MD);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Sections::parse(&text))
    }

    /// Reads the ATX headings of a markdown text. A heading whose text starts with a section
    /// number ("4.2 Omni …", "12. Where …") is that section.
    pub fn parse(markdown: &str) -> Sections {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut anchors = HashMap::new();
        let mut fenced = false;
        for line in markdown.lines() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
            }
            let Some(title) = heading(line).filter(|_| !fenced) else { continue };
            // GitHub numbers repeated slugs: the second "notes" heading is "notes-1".
            let base = slug(title);
            let n = seen.entry(base.clone()).or_insert(0);
            let anchor = if *n == 0 { base.clone() } else { format!("{base}-{n}") };
            *n += 1;
            let number = title.split(' ').next().unwrap_or("").trim_end_matches('.');
            if is_number(number) {
                anchors.entry(number.to_string()).or_insert(anchor);
            }
        }
        Sections { anchors }
    }

    /// The anchor of section `number` ("4.2"), if kling-api.md has that heading.
    pub fn anchor(&self, number: &str) -> Option<&str> {
        self.anchors.get(number).map(String::as_str)
    }

    /// `text` with each `§x.y` it cites turned into a link into kling-api.md (the rest unchanged);
    /// an error names every section that is not a heading there.
    pub fn link(&self, text: &str) -> Result<String, String> {
        let mut out = String::with_capacity(text.len() * 2);
        let mut missing = Vec::new();
        let mut last = 0;
        for c in cites(text) {
            out.push_str(&text[last..c.start]);
            match self.anchor(c.number) {
                Some(a) => out.push_str(&format!("[§{}]({API_LINK}#{a})", c.number)),
                None => {
                    missing.push(format!("§{}", c.number));
                    out.push_str(&text[c.start..c.end]);
                }
            }
            last = c.end;
        }
        out.push_str(&text[last..]);
        if missing.is_empty() {
            Ok(out)
        } else {
            Err(format!("{} cites {} but {API_MD} has no such heading", text, missing.join(", ")))
        }
    }
}

/// One `§x.y` in a text: the section number and the byte span of the whole citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cite<'a> {
    /// The section number, e.g. `4.2` (no trailing full stop).
    pub number: &'a str,
    /// Where the `§` starts.
    pub start: usize,
    /// Just past the number's last digit.
    pub end: usize,
}

/// The kling-api.md sections a text cites. A `§` right after a standard's name ("RFC 9110 §5.6.7",
/// "ISO 14496-12 §8.8") cites that standard, not kling-api.md, and is skipped.
pub fn cites(text: &str) -> Vec<Cite<'_>> {
    let mut out = Vec::new();
    for (start, _) in text.match_indices('§') {
        let after = start + '§'.len_utf8();
        let digits = text[after..].find(|c: char| !(c.is_ascii_digit() || c == '.')).map_or(text.len(), |n| after + n);
        // A sentence's full stop is not part of the number ("… §2.2.").
        let number = text[after..digits].trim_end_matches('.');
        if !is_number(number) || cites_a_standard(&text[..start]) {
            continue;
        }
        out.push(Cite { number, start, end: after + number.len() });
    }
    out
}

/// Whether the text before a `§` ends with a standard's name and number ("RFC 4648 ").
fn cites_a_standard(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let (number, word) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    // The name is the word's tail after any bracket or quote: "(ISO", "\"RFC".
    let name = word.rsplit(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
    before.ends_with(' ') && matches!(name, "RFC" | "ISO") && number.starts_with(|c: char| c.is_ascii_digit())
}

/// "4", "4.2": digits, with dots between.
fn is_number(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The text of an ATX heading line ("## 4. Omni-Video" -> "4. Omni-Video").
fn heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && rest.starts_with(' ')).then(|| rest.trim().trim_end_matches('#').trim_end())
}

/// The anchor GitHub gives a heading (github-slugger): lower case; letters, digits, `_` and `-`
/// kept, each space a `-`, everything else (punctuation, backticks, `—`) dropped.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        match c {
            ' ' => out.push('-'),
            '-' | '_' => out.push(c),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_the_ones_github_renders() {
        assert_eq!(slug("4.2 Omni cross-field rules (validation checklist)"), "42-omni-cross-field-rules-validation-checklist");
        assert_eq!(slug("4.1 Create — `POST /v1/videos/omni-video`"), "41-create--post-v1videosomni-video");
        assert_eq!(slug("12. Where the sources disagree"), "12-where-the-sources-disagree");
        let s = Sections::parse("# T\n## 3. Map\n```\n## 9. not a heading\n```\n### 3.1 Video — new\n## Notes\n## Notes\n");
        assert_eq!(s.anchor("3"), Some("3-map"));
        assert_eq!(s.anchor("3.1"), Some("31-video--new"));
        assert_eq!(s.anchor("9"), None);
    }

    #[test]
    fn citations_skip_standards_and_full_stops() {
        let numbers = |t| cites(t).iter().map(|c| c.number.to_string()).collect::<Vec<_>>();
        assert_eq!(numbers("§4.2, §12; see §2.2."), ["4.2", "12", "2.2"]);
        assert_eq!(numbers("RFC 9110 §5.6.7 and ISO 14496-12 §8.8, then §3"), ["3"]);
        assert_eq!(numbers("'§' alone"), Vec::<String>::new());
        let s = Sections::parse("## 4. Omni\n### 4.2 Rules\n");
        assert_eq!(s.link("§4.2, §4").unwrap(), "[§4.2](kling-api.md#42-rules), [§4](kling-api.md#4-omni)");
        // Written with an escape so the scan of src/ for citations skips this deliberately missing one.
        assert!(s.link("\u{a7}4.9").unwrap_err().contains("4.9"));
    }
}
