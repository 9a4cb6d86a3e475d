//! Report stage: the one page builder every `--format html` page is written with. A page is
//! one self-contained HTML file: styles inline, charts as inline SVG written here, no script,
//! and a content security policy that lets the browser load nothing from anywhere (so a page
//! never reaches the network, whatever its inputs hold). It prints on A4 with a page break
//! between inspections, and reads without colour: every rating is also written in words, and
//! the ratings' colours (Okabe–Ito) are ones colour-blind readers tell apart.
//!
//! Every text from an input goes through [`escape`]. Nothing here computes a figure.

use std::fmt::Write;

use crate::framework::{Rating, Scale};

/// Text made safe for HTML and XML: markup characters escaped, and the control characters
/// XML 1.0 forbids dropped. The JUnit report uses it too.
pub fn markup_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text made safe for HTML and SVG: `&`, `<`, `>` and quotes escaped.
pub fn escape(text: &str) -> String {
    markup_escape(text)
}

/// Colours for a scale's ratings, lowest first, from the Okabe–Ito palette: told apart by
/// readers with any common colour-vision deficiency, and always shown with the rating's words.
const PALETTE: [&str; 6] = [
    "#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#0072B2", "#009E73",
];

/// The colour of a rating on its scale: the lowest vermilion, the highest bluish green, those
/// between spread over the palette.
pub fn colour(scale: &Scale, rating: Rating) -> &'static str {
    let levels = scale.labels.len().max(1);
    if levels == 1 {
        return PALETTE[PALETTE.len() - 1];
    }
    let step = (PALETTE.len() - 1) as f64 / (levels - 1) as f64;
    let at = (rating.0 as f64 * step).round() as usize;
    PALETTE[at.min(PALETTE.len() - 1)]
}

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
       max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 1.6em; } h3 { font-size: 1.1em; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #999; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.number { text-align: right; }
.rating { display: inline-block; padding: 0 0.4em; border-radius: 0.2em; border: 1px solid #333; }
.note { font-size: 0.9em; color: #333; }
.changed { font-weight: bold; outline: 2px solid #111; }
svg { display: block; margin: 0.4em 0 0.8em; max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: #111; }
section.inspection + section.inspection { break-before: page; page-break-before: always; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, svg, .standard { break-inside: avoid; page-break-inside: avoid; }
  @page { size: A4; margin: 15mm; }
}
";

/// A page being written.
pub struct Page {
    title: String,
    body: String,
    /// Styles after the shared ones (a framework document's own type).
    more_style: &'static str,
}

impl Page {
    /// An empty page with this title.
    pub fn new(title: &str) -> Page {
        Page::styled(title, "")
    }

    /// An empty page with this title and styles of its own after the shared ones.
    pub fn styled(title: &str, more_style: &'static str) -> Page {
        Page {
            title: title.to_string(),
            body: String::new(),
            more_style,
        }
    }

    /// A heading (1 is the page's title).
    pub fn heading(&mut self, level: u8, text: &str) {
        let _ = writeln!(self.body, "<h{level}>{}</h{level}>", escape(text));
    }

    /// A paragraph of plain text.
    pub fn paragraph(&mut self, text: &str) {
        let _ = writeln!(self.body, "<p>{}</p>", escape(text));
    }

    /// A paragraph in smaller type.
    pub fn note(&mut self, text: &str) {
        let _ = writeln!(self.body, "<p class=\"note\">{}</p>", escape(text));
    }

    /// Markup a report module wrote, every input text in it escaped with [`escape`]: never
    /// text from an input as it stands.
    pub(super) fn markup(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    /// Open a section (an inspection: a new printed page for each after the first).
    pub fn open_section(&mut self, class: &str) {
        let _ = writeln!(self.body, "<section class=\"{}\">", escape(class));
    }

    /// Close the section opened last.
    pub fn close_section(&mut self) {
        self.body.push_str("</section>\n");
    }

    /// A table: a header row, then rows of cells.
    pub fn table(&mut self, header: &[&str], rows: &[Vec<Cell>]) {
        self.body.push_str("<table>\n<thead><tr>");
        for h in header {
            let _ = write!(self.body, "<th>{}</th>", escape(h));
        }
        self.body.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.body.push_str("<tr>");
            for cell in row {
                self.body.push_str(&cell.html());
            }
            self.body.push_str("</tr>\n");
        }
        self.body.push_str("</tbody>\n</table>\n");
    }

    /// A chart (SVG this module drew).
    pub fn chart(&mut self, svg: Svg) {
        self.markup(&svg.finish());
    }

    /// A rating in words on its colour, as a paragraph: "Overall: Good (score 24 of 36)".
    pub fn rating_line(&mut self, lead: &str, scale: &Scale, rating: Rating, after: &str) {
        let _ = writeln!(
            self.body,
            "<p><strong>{}</strong> {}{}</p>",
            escape(lead),
            badge(scale, rating),
            escape(after)
        );
    }

    /// The whole page.
    pub fn finish(self) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
            escape(&self.title),
            self.more_style,
            self.body
        )
    }
}

/// A rating in words, on its colour.
fn badge(scale: &Scale, rating: Rating) -> String {
    format!(
        "<span class=\"rating\" style=\"background:{}\">{}</span>",
        colour(scale, rating),
        escape(scale.label(rating))
    )
}

/// One cell of a table.
pub enum Cell {
    /// Text.
    Text(String),
    /// A figure, right-aligned.
    Number(String),
    /// A rating in words on its colour.
    Rating(String, &'static str),
    /// Text marked as changed (a comparison's moved rating).
    Changed(String),
    /// Text marked as differing from what was expected (a published figure the rules do not
    /// give, a failed inspection).
    Differs(String),
    /// Nothing.
    Empty,
}

impl Cell {
    /// A rating cell, or an empty one for none.
    pub fn rating(scale: &Scale, rating: Option<Rating>) -> Cell {
        match rating {
            Some(r) => Cell::Rating(scale.label(r).to_string(), colour(scale, r)),
            None => Cell::Text("not rated".into()),
        }
    }

    fn html(&self) -> String {
        match self {
            Cell::Text(t) => format!("<td>{}</td>", escape(t)),
            Cell::Number(t) => format!("<td class=\"number\">{}</td>", escape(t)),
            Cell::Rating(label, colour) => format!(
                "<td><span class=\"rating\" style=\"background:{colour}\">{}</span></td>",
                escape(label)
            ),
            Cell::Changed(t) => format!("<td class=\"changed\">{} (changed)</td>", escape(t)),
            Cell::Differs(t) => format!("<td class=\"changed\">{} (differs)</td>", escape(t)),
            Cell::Empty => "<td></td>".into(),
        }
    }
}

/// An SVG chart being drawn: a fixed width, rows added downwards.
pub struct Svg {
    width: u32,
    height: u32,
    title: String,
    description: String,
    body: String,
}

impl Svg {
    /// A chart `width` wide, with a title and a text alternative for readers who cannot see it.
    pub fn new(width: u32, title: &str, description: &str) -> Svg {
        Svg {
            width,
            height: 0,
            title: title.to_string(),
            description: description.to_string(),
            body: String::new(),
        }
    }

    /// Make the chart at least `height` tall.
    pub fn reach(&mut self, height: u32) {
        self.height = self.height.max(height);
    }

    /// A filled rectangle, with a tooltip.
    pub fn rect(&mut self, (x, y, w, h): (f64, f64, f64, f64), fill: &str, tip: &str) {
        let _ = writeln!(
            self.body,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{fill}\" stroke=\"#333\" stroke-width=\"0.5\"><title>{}</title></rect>",
            w.max(0.0),
            escape(tip)
        );
    }

    /// A line.
    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), dashed: bool) {
        let dash = if dashed {
            " stroke-dasharray=\"3 2\""
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"#111\" stroke-width=\"1\"{dash}/>"
        );
    }

    /// Text at a place; `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, (x, y): (f64, f64), anchor: &str, bold: bool, text: &str) {
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let _ = writeln!(
            self.body,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\"{weight}>{}</text>",
            escape(text)
        );
    }

    fn finish(self) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" aria-labelledby=\"t d\">\n<title>{}</title>\n<desc>{}</desc>\n{}</svg>\n",
            escape(&self.title),
            escape(&self.description),
            self.body,
            w = self.width,
            h = self.height.max(1),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::ScaleLabel;

    #[test]
    fn the_lowest_and_highest_ratings_take_the_ends_of_the_palette() {
        let scale = Scale {
            labels: ["Inadequate", "Requires improvement", "Good", "Outstanding"]
                .iter()
                .enumerate()
                .map(|(i, l)| ScaleLabel {
                    label: l.to_string(),
                    score: i as u32,
                })
                .collect(),
        };
        assert_eq!(colour(&scale, Rating(0)), "#D55E00");
        assert_eq!(colour(&scale, Rating(3)), "#009E73");
        assert_ne!(colour(&scale, Rating(1)), colour(&scale, Rating(2)));
    }

    #[test]
    fn text_from_an_input_cannot_open_a_tag() {
        let mut page = Page::new("<script>alert(1)</script>");
        page.paragraph("\"><img src=x onerror=alert(1)>");
        let html = page.finish();
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<img"));
    }
}
