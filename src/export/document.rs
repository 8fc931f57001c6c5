//! The document engine: every printout (the plan, the application, letters, the service card,
//! reports, the subject-access report) is a [`Document`] of blocks, laid out here on A4 pages
//! and painted as PDF with a subset of DejaVu Sans, so a two-page plan carries only the glyphs it
//! uses. Laying out is pure ([`lay_out`] gives positioned marks per page, measured with the
//! font's own advance widths), so what a page says is tested without reading PDF bytes.
//! Printed documents are Polish: they are filed in a Polish office, whatever the desk's language.

use super::pdf::{PdfError, find_fonts};
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use printpdf::{Color, IndirectFontRef, Line, Mm, PdfDocument, Point, Rect, Rgb};

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A centred bold line: the document's name.
    Title(String),
    /// A centred line in the body size: the issuer, a number.
    Centred(String),
    /// A section heading.
    Heading(String),
    /// A wrapped paragraph.
    Para(String),
    /// A wrapped paragraph in the small size (legal notices).
    Small(String),
    /// A paragraph aligned to the right edge (place and date of a letter).
    Right(String),
    /// `label: value`, the value's continuation lines hanging under it.
    Field(String, String),
    /// A list, one mark per item.
    Bullets(Vec<String>),
    /// A ruled table.
    Table(Table),
    /// Places for signatures side by side: a dotted line with its caption under it.
    Signatures(Vec<String>),
    /// Horizontal bars (pool use): shaded lengths on a common scale.
    Bars(Vec<Bar>),
    /// Vertical space of one line.
    Gap,
    /// The rest goes on a new page.
    PageBreak,
}

/// A table with ruled cells; its header row repeats at the top of every page it runs onto.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column titles with their share of the width.
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
    /// Columns whose cells end at the right edge (numbers).
    pub right: Vec<usize>,
    /// Whether the column titles are printed (a table of labels and values has none).
    pub header: bool,
    /// Columns as wide as their content needs (the shares are then ignored): for reports,
    /// whose columns are codes, numbers and names of any length.
    pub fit: bool,
}

impl Table {
    pub fn new(columns: &[(&str, f32)]) -> Table {
        Table {
            columns: columns.iter().map(|(t, w)| (t.to_string(), *w)).collect(),
            rows: Vec::new(),
            right: Vec::new(),
            header: true,
            fit: false,
        }
    }

    /// A two-column table of labels and values, without a header row.
    pub fn pairs() -> Table {
        Table { header: false, ..Table::new(&[("", 2.0), ("", 5.0)]) }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// One bar: a label, lengths as shares (0–1) of the longest bar with their shade, and a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub lengths: Vec<(f32, Shade)>,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shade {
    Light,
    Middle,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// A whole printout.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The PDF's title and the left part of every footer.
    pub title: String,
    /// Printed at the top of every page, e.g. "PROJEKT" on a plan not yet approved.
    pub mark: Option<String>,
    pub orientation: Orientation,
    /// The language of the page numbers.
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(title: impl Into<String>) -> Document {
        Document {
            title: title.into(),
            mark: None,
            orientation: Orientation::Portrait,
            lang: Lang::Pl,
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }
}

/// One thing painted on a page; positions in millimetres from the bottom-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text { x: f32, y: f32, size: f32, bold: bool, text: String },
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
    Fill { x: f32, y: f32, w: f32, h: f32, shade: Shade },
}

const MARGIN: f32 = 18.0;
const FOOTER_Y: f32 = 10.0;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const TITLE: f32 = 13.0;
const HEADING: f32 = 10.5;
const PAD: f32 = 1.2;
const PT_MM: f32 = 25.4 / 72.0;

fn line_height(size: f32) -> f32 {
    size * PT_MM * 1.3
}

/// Advance widths of the two faces, so lines break where the printed text really ends.
pub struct Metrics {
    regular: Vec<u8>,
    bold: Vec<u8>,
}

impl Metrics {
    pub fn new(regular: Vec<u8>, bold: Vec<u8>) -> Metrics {
        Metrics { regular, bold }
    }

    /// The width of `text` in millimetres at `size` points.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let bytes = if bold { &self.bold } else { &self.regular };
        let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
            // Unreadable metrics: a generous average keeps text inside its box.
            return text.chars().count() as f32 * size * 0.62 * PT_MM;
        };
        let per_unit = size * PT_MM / f32::from(face.units_per_em());
        let units: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(f32::from(face.units_per_em()) * 0.6, f32::from)
            })
            .sum();
        units * per_unit
    }

    /// `text` broken into lines no wider than `width` mm, at spaces where possible.
    pub fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if self.width(&candidate, size, bold) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word longer than the line is cut where it overflows.
                let mut rest = String::new();
                for c in word.chars() {
                    rest.push(c);
                    if self.width(&rest, size, bold) > width && rest.chars().count() > 1 {
                        let last = rest.pop().unwrap_or(c);
                        lines.push(std::mem::take(&mut rest));
                        rest.push(last);
                    }
                }
                line = rest;
            }
            lines.push(line);
        }
        lines
    }
}

struct Pages<'a> {
    metrics: &'a Metrics,
    width: f32,
    height: f32,
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl Pages<'_> {
    fn top(&self) -> f32 {
        self.height - MARGIN
    }

    fn bottom(&self) -> f32 {
        MARGIN
    }

    fn text_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top();
    }

    /// Starts a new page unless `height` still fits on this one.
    fn room(&mut self, height: f32) -> bool {
        if self.y - height < self.bottom() {
            self.new_page();
            return true;
        }
        false
    }

    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    /// One line of text whose baseline sits one line below the cursor.
    fn text_line(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        let h = line_height(size);
        self.room(h);
        self.mark(Mark::Text { x, y: self.y - h * 0.78, size, bold, text: text.to_string() });
        self.y -= h;
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
        for line in self.metrics.wrap(text, self.text_width(), size, bold) {
            self.text_line(MARGIN, size, bold, &line);
        }
    }

    fn centred(&mut self, text: &str, size: f32, bold: bool) {
        for line in self.metrics.wrap(text, self.text_width(), size, bold) {
            let w = self.metrics.width(&line, size, bold);
            self.text_line((self.width - w) / 2.0, size, bold, &line);
        }
    }

    fn right(&mut self, text: &str) {
        let w = self.metrics.width(text, BODY, false);
        self.text_line(self.width - MARGIN - w, BODY, false, text);
    }

    fn field(&mut self, label: &str, value: &str) {
        let lead = format!("{label}: ");
        let indent = self.metrics.width(&lead, BODY, true).min(self.text_width() / 2.0);
        let lines = self.metrics.wrap(value, self.text_width() - indent, BODY, false);
        let h = line_height(BODY);
        for (i, line) in lines.iter().enumerate() {
            self.room(h);
            let base = self.y - h * 0.78;
            if i == 0 {
                self.mark(Mark::Text { x: MARGIN, y: base, size: BODY, bold: true, text: lead.clone() });
            }
            self.mark(Mark::Text { x: MARGIN + indent, y: base, size: BODY, bold: false, text: line.clone() });
            self.y -= h;
        }
    }

    fn bullets(&mut self, items: &[String]) {
        let indent = 4.0;
        let h = line_height(SMALL);
        for item in items {
            let lines = self.metrics.wrap(item, self.text_width() - indent, SMALL, false);
            for (i, line) in lines.iter().enumerate() {
                self.room(h);
                let base = self.y - h * 0.78;
                if i == 0 {
                    self.mark(Mark::Text { x: MARGIN, y: base, size: SMALL, bold: false, text: "–".into() });
                }
                self.mark(Mark::Text { x: MARGIN + indent, y: base, size: SMALL, bold: false, text: line.clone() });
                self.y -= h;
            }
            self.y -= 0.6;
        }
    }

    fn signatures(&mut self, captions: &[String]) {
        let n = captions.len().max(1) as f32;
        let slot = self.text_width() / n;
        let caption_lines: Vec<Vec<String>> =
            captions.iter().map(|c| self.metrics.wrap(c, slot - 6.0, SMALL, false)).collect();
        let most = caption_lines.iter().map(Vec::len).max().unwrap_or(1) as f32;
        // Room to sign above the dotted line.
        let height = 14.0 + most * line_height(SMALL);
        self.room(height);
        let line_y = self.y - 12.0;
        for (i, lines) in caption_lines.iter().enumerate() {
            let x = MARGIN + i as f32 * slot + 3.0;
            let dots = ".".repeat(((slot - 6.0) / self.metrics.width(".", SMALL, false)) as usize);
            self.mark(Mark::Text { x, y: line_y, size: SMALL, bold: false, text: dots });
            for (k, line) in lines.iter().enumerate() {
                let w = self.metrics.width(line, SMALL, false);
                let y = line_y - (k as f32 + 1.0) * line_height(SMALL);
                self.mark(Mark::Text {
                    x: x + (slot - 6.0 - w) / 2.0,
                    y,
                    size: SMALL,
                    bold: false,
                    text: line.clone(),
                });
            }
        }
        self.y -= height;
    }

    fn bars(&mut self, bars: &[Bar]) {
        let h = line_height(BODY) + 1.0;
        let label_w = bars.iter().map(|b| self.metrics.width(&b.label, SMALL, false)).fold(0.0, f32::max) + 3.0;
        let longest = (self.text_width() - label_w) * 0.5;
        for bar in bars {
            self.room(h);
            let base = self.y - h * 0.75;
            self.mark(Mark::Text { x: MARGIN, y: base, size: SMALL, bold: false, text: bar.label.clone() });
            let x = MARGIN + label_w;
            for (share, shade) in &bar.lengths {
                let w = share.clamp(0.0, 1.0) * longest;
                if w > 0.0 {
                    self.mark(Mark::Fill { x, y: self.y - h + 0.8, w, h: h - 1.6, shade: *shade });
                }
            }
            self.mark(Mark::Text { x: x + longest + 3.0, y: base, size: SMALL, bold: false, text: bar.note.clone() });
            self.y -= h;
        }
    }

    /// Widths from the content: each column gets what its longest cell needs when everything
    /// fits; otherwise at least its longest word, and the rest of the room in proportion to
    /// what each still lacks.
    fn fitted_widths(&self, table: &Table) -> Vec<f32> {
        let m = self.metrics;
        let n = table.columns.len();
        let cells = |i: usize| {
            table
                .rows
                .iter()
                .filter_map(move |r| r.get(i))
                .map(|c| (c.as_str(), false))
                .chain(table.header.then(|| (table.columns[i].0.as_str(), true)))
        };
        let word =
            |text: &str, bold: bool| text.split_whitespace().map(|w| m.width(w, SMALL, bold)).fold(0.0, f32::max);
        let natural: Vec<f32> = (0..n)
            .map(|i| {
                // Headers may wrap at spaces; cells keep to one line when there is room.
                cells(i).map(|(c, bold)| if bold { word(c, bold) } else { m.width(c, SMALL, bold) }).fold(0.0, f32::max)
                    + 2.0 * PAD
            })
            .collect();
        let least: Vec<f32> =
            (0..n).map(|i| cells(i).map(|(c, b)| word(c, b)).fold(0.0, f32::max) + 2.0 * PAD).collect();
        let room = self.text_width();
        let (sum_natural, sum_least) = (natural.iter().sum::<f32>(), least.iter().sum::<f32>());
        if sum_natural <= room {
            let spare = (room - sum_natural) / n.max(1) as f32;
            return natural.iter().map(|w| w + spare).collect();
        }
        if sum_least >= room {
            return least.iter().map(|w| w * room / sum_least).collect();
        }
        let k = (room - sum_least) / (sum_natural - sum_least);
        least.iter().zip(&natural).map(|(l, nat)| l + (nat - l) * k).collect()
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.columns.iter().map(|(_, w)| w.max(0.1)).sum();
        let widths: Vec<f32> = if table.fit {
            self.fitted_widths(table)
        } else {
            table.columns.iter().map(|(_, w)| w.max(0.1) / total * self.text_width()).collect()
        };
        let header: Vec<String> = table.columns.iter().map(|(t, _)| t.clone()).collect();
        let cells = |row: &[String], bold: bool| -> Vec<Vec<String>> {
            widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let text = row.get(i).map_or("", String::as_str);
                    self.metrics.wrap(text, w - 2.0 * PAD, SMALL, bold)
                })
                .collect()
        };
        let head = table.header.then(|| cells(&header, true));
        let h = line_height(SMALL);
        let height_of = |c: &[Vec<String>]| c.iter().map(Vec::len).max().unwrap_or(1) as f32 * h + 2.0 * PAD;
        let head_h = head.as_deref().map_or(0.0, height_of);
        let page_room = self.top() - self.bottom() - head_h;
        // A table starts where at least its header and one line of a row fit.
        self.room(head_h + h + 2.0 * PAD);
        if let Some(head) = &head {
            self.row(&widths, head, true, &[]);
        }
        for row in &table.rows {
            let mut wrapped = cells(row, false);
            loop {
                let needed = height_of(&wrapped);
                if self.y - needed >= self.bottom() {
                    self.row(&widths, &wrapped, false, &table.right);
                    break;
                }
                // What fits here goes here when the row is taller than a page; otherwise the
                // whole row moves on, under a repeated header.
                let fit_lines = ((self.y - self.bottom() - 2.0 * PAD) / h).floor().max(0.0) as usize;
                if needed > page_room && fit_lines > 0 {
                    let rest: Vec<Vec<String>> = wrapped
                        .iter_mut()
                        .map(|lines| if lines.len() > fit_lines { lines.split_off(fit_lines) } else { Vec::new() })
                        .collect();
                    self.row(&widths, &wrapped, false, &table.right);
                    wrapped = rest;
                }
                self.new_page();
                if let Some(head) = &head {
                    self.row(&widths, head, true, &[]);
                }
            }
        }
    }

    fn row(&mut self, widths: &[f32], cells: &[Vec<String>], header: bool, right: &[usize]) {
        let h = line_height(SMALL);
        let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * h + 2.0 * PAD;
        let (top, bottom) = (self.y, self.y - height);
        let right_edge = MARGIN + widths.iter().sum::<f32>();
        if header {
            self.mark(Mark::Fill { x: MARGIN, y: bottom, w: right_edge - MARGIN, h: height, shade: Shade::Light });
        }
        self.mark(Mark::Rule { x1: MARGIN, y1: top, x2: right_edge, y2: top });
        self.mark(Mark::Rule { x1: MARGIN, y1: bottom, x2: right_edge, y2: bottom });
        let mut x = MARGIN;
        for (i, w) in widths.iter().enumerate() {
            self.mark(Mark::Rule { x1: x, y1: top, x2: x, y2: bottom });
            for (k, line) in cells.get(i).map_or(&[][..], Vec::as_slice).iter().enumerate() {
                let shift =
                    if right.contains(&i) { w - 2.0 * PAD - self.metrics.width(line, SMALL, header) } else { 0.0 };
                self.mark(Mark::Text {
                    x: x + PAD + shift.max(0.0),
                    y: top - PAD - (k as f32 + 0.78) * h,
                    size: SMALL,
                    bold: header,
                    text: line.clone(),
                });
            }
            x += w;
        }
        self.mark(Mark::Rule { x1: right_edge, y1: top, x2: right_edge, y2: bottom });
        self.y = bottom;
    }
}

/// Page size in millimetres.
fn page_size(orientation: Orientation) -> (f32, f32) {
    match orientation {
        Orientation::Portrait => (210.0, 297.0),
        Orientation::Landscape => (297.0, 210.0),
    }
}

/// The document laid out on pages, with the mark at the top and "strona N z M" at the foot of each.
pub fn lay_out(doc: &Document, metrics: &Metrics) -> Vec<Vec<Mark>> {
    let (width, height) = page_size(doc.orientation);
    let mut p = Pages { metrics, width, height, pages: vec![Vec::new()], y: height - MARGIN };
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                p.y -= 1.0;
                p.centred(t, TITLE, true);
                p.y -= 1.0;
            }
            Block::Centred(t) => p.centred(t, BODY, false),
            Block::Heading(t) => {
                // A heading never ends a page alone.
                p.room(line_height(HEADING) * 2.0 + line_height(BODY) * 2.0);
                p.y -= 1.5;
                p.paragraph(t, HEADING, true);
                p.y -= 0.8;
            }
            Block::Para(t) => p.paragraph(t, BODY, false),
            Block::Small(t) => p.paragraph(t, SMALL, false),
            Block::Right(t) => p.right(t),
            Block::Field(label, value) => p.field(label, value),
            Block::Bullets(items) => p.bullets(items),
            Block::Table(t) => p.table(t),
            Block::Signatures(captions) => p.signatures(captions),
            Block::Bars(bars) => p.bars(bars),
            Block::Gap => p.y -= line_height(BODY) * 0.7,
            Block::PageBreak => p.new_page(),
        }
    }
    let total = p.pages.len();
    for (n, page) in p.pages.iter_mut().enumerate() {
        let folio = crate::i18n::report::folio(doc.lang, n + 1, total);
        let folio_w = metrics.width(&folio, SMALL, false);
        page.push(Mark::Text { x: width - MARGIN - folio_w, y: FOOTER_Y, size: SMALL, bold: false, text: folio });
        page.push(Mark::Text { x: MARGIN, y: FOOTER_Y, size: SMALL, bold: false, text: doc.title.clone() });
        if let Some(mark) = &doc.mark {
            let w = metrics.width(mark, HEADING, true);
            page.push(Mark::Text {
                x: width - MARGIN - w,
                y: height - 10.0,
                size: HEADING,
                bold: true,
                text: mark.clone(),
            });
        }
    }
    p.pages
}

fn read_font(path: &std::path::Path) -> Result<Vec<u8>, PdfError> {
    std::fs::read(path).map_err(|e| PdfError::Font { path: path.into(), reason: e.to_string() })
}

/// The system's font faces, read once per printout.
pub fn load_metrics() -> Result<Metrics, PdfError> {
    let (regular_path, bold_path) = find_fonts()?;
    let regular = read_font(&regular_path)?;
    let bold = match &bold_path {
        Some(path) => read_font(path)?,
        None => regular.clone(),
    };
    Ok(Metrics::new(regular, bold))
}

fn fill(shade: Shade) -> Color {
    // Greys and a green that stay apart when printed in black and white.
    let (r, g, b) = match shade {
        Shade::Light => (0.90, 0.90, 0.90),
        Shade::Middle => (0.95, 0.75, 0.30),
        Shade::Dark => (0.15, 0.45, 0.20),
    };
    Color::Rgb(Rgb::new(r, g, b, None))
}

fn add_font(pdf: &printpdf::PdfDocumentReference, bytes: &[u8]) -> Result<IndirectFontRef, PdfError> {
    // Only the glyphs the document uses are embedded.
    pdf.add_external_font_with_subsetting(bytes, true).map_err(|e| PdfError::Render(e.to_string()))
}

/// The document as PDF bytes.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let metrics = load_metrics()?;
    let (width, height) = page_size(doc.orientation);
    let pages = lay_out(doc, &metrics);
    let (pdf, first_page, first_layer) = PdfDocument::new(&doc.title, Mm(width), Mm(height), "strona 1");
    let regular = add_font(&pdf, &metrics.regular)?;
    let bold = add_font(&pdf, &metrics.bold)?;
    let black = Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None));
    for (n, marks) in pages.iter().enumerate() {
        let layer = if n == 0 {
            pdf.get_page(first_page).get_layer(first_layer)
        } else {
            let (page, layer) = pdf.add_page(Mm(width), Mm(height), format!("strona {}", n + 1));
            pdf.get_page(page).get_layer(layer)
        };
        layer.set_outline_thickness(0.5);
        layer.set_outline_color(black.clone());
        // Fills first, so that rules and text stay on top of shaded cells.
        for mark in marks {
            if let Mark::Fill { x, y, w, h, shade } = mark {
                layer.set_fill_color(fill(*shade));
                layer.add_rect(Rect::new(Mm(*x), Mm(*y), Mm(x + w), Mm(y + h)));
            }
        }
        layer.set_fill_color(black.clone());
        for mark in marks {
            match mark {
                Mark::Text { x, y, size, bold: is_bold, text } => {
                    layer.use_text(text.as_str(), *size, Mm(*x), Mm(*y), if *is_bold { &bold } else { &regular });
                }
                Mark::Rule { x1, y1, x2, y2 } => layer.add_line(Line {
                    points: vec![(Point::new(Mm(*x1), Mm(*y1)), false), (Point::new(Mm(*x2), Mm(*y2)), false)],
                    is_closed: false,
                }),
                Mark::Fill { .. } => {}
            }
        }
    }
    pdf.save_to_bytes().map_err(|e| PdfError::Render(e.to_string()))
}

/// Characters per line of the plain-text rendering.
pub const TEXT_WIDTH: usize = 78;

/// Wraps `text` into lines of at most `width` characters, breaking at spaces when possible.
pub fn wrap_chars(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let (line_len, word_len) = (line.chars().count(), word.chars().count());
            if line_len > 0 && line_len + 1 + word_len > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            let mut rest = word;
            while rest.chars().count() > width {
                let cut = rest.char_indices().nth(width).map_or(rest.len(), |(i, _)| i);
                lines.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
            line.push_str(rest);
        }
        lines.push(line);
    }
    lines
}

fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

fn text_table(out: &mut Vec<String>, table: &Table) {
    let inner = TEXT_WIDTH - 1 - table.columns.len() * 3;
    let total: f32 = table.columns.iter().map(|(_, w)| w.max(0.1)).sum();
    let widths: Vec<usize> =
        table.columns.iter().map(|(_, w)| ((w.max(0.1) / total * inner as f32) as usize).max(3)).collect();
    let rule = format!("+{}+", widths.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("+"));
    let emit = |out: &mut Vec<String>, row: &[String]| {
        let wrapped: Vec<Vec<String>> =
            widths.iter().enumerate().map(|(i, w)| wrap_chars(row.get(i).map_or("", String::as_str), *w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let cells: Vec<String> =
                widths.iter().enumerate().map(|(i, w)| pad(wrapped[i].get(k).map_or("", String::as_str), *w)).collect();
            out.push(format!("| {} |", cells.join(" | ")));
        }
        out.push(rule.clone());
    };
    out.push(rule.clone());
    if table.header {
        emit(out, &table.columns.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>());
    }
    for row in &table.rows {
        emit(out, row);
    }
}

/// The document as plain UTF-8 text of [`TEXT_WIDTH`] columns, for files and terminals.
pub fn render_text(doc: &Document) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(mark) = &doc.mark {
        out.push(format!("{}{mark}", " ".repeat(TEXT_WIDTH.saturating_sub(mark.chars().count()))));
    }
    for block in &doc.blocks {
        match block {
            Block::Title(t) | Block::Centred(t) => {
                for l in wrap_chars(t, TEXT_WIDTH) {
                    out.push(format!("{}{l}", " ".repeat(TEXT_WIDTH.saturating_sub(l.chars().count()) / 2)));
                }
            }
            Block::Heading(t) => {
                out.push(String::new());
                for l in wrap_chars(t, TEXT_WIDTH) {
                    out.push(l.clone());
                    out.push("-".repeat(l.chars().count()));
                }
            }
            Block::Para(t) | Block::Small(t) => out.extend(wrap_chars(t, TEXT_WIDTH)),
            Block::Right(t) => out.push(format!("{}{t}", " ".repeat(TEXT_WIDTH.saturating_sub(t.chars().count())))),
            Block::Field(label, value) => {
                let lead = format!("{label}: ");
                let indent = lead.chars().count().min(TEXT_WIDTH / 2);
                for (i, l) in wrap_chars(value, TEXT_WIDTH - indent).into_iter().enumerate() {
                    out.push(if i == 0 { format!("{lead}{l}") } else { format!("{}{l}", " ".repeat(indent)) });
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    for (i, l) in wrap_chars(item, TEXT_WIDTH - 2).into_iter().enumerate() {
                        out.push(format!("{}{l}", if i == 0 { "- " } else { "  " }));
                    }
                }
            }
            Block::Table(t) => text_table(&mut out, t),
            Block::Signatures(captions) => {
                out.push(String::new());
                let slot = TEXT_WIDTH / captions.len().max(1);
                out.push(captions.iter().map(|_| pad(&".".repeat(slot.saturating_sub(4)), slot)).collect());
                out.push(captions.iter().map(|c| pad(c, slot)).collect());
            }
            Block::Bars(bars) => out.extend(bars.iter().map(|b| format!("{}: {}", b.label, b.note))),
            Block::Gap | Block::PageBreak => out.push(String::new()),
        }
    }
    let mut text: String = out.iter().map(|l| format!("{}\n", l.trim_end())).collect();
    text.push_str(&format!("\n{}\n", doc.title));
    text
}

const MONTHS_GENITIVE: [&str; 12] = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
];

/// A date as Polish letters write it: "1 grudnia 2026 r."
pub fn polish_date(date: NaiveDate) -> String {
    format!("{} {} {} r.", date.day(), MONTHS_GENITIVE[date.month0() as usize], date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics {
        load_metrics().expect("DejaVu Sans is installed (fonts-dejavu-core)")
    }

    fn texts(pages: &[Vec<Mark>]) -> Vec<String> {
        pages
            .iter()
            .flatten()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn writes_dates_the_polish_way() {
        assert_eq!(polish_date(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()), "1 grudnia 2026 r.");
        assert_eq!(polish_date(NaiveDate::from_ymd_opt(2027, 9, 30).unwrap()), "30 września 2027 r.");
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page_and_numbers_the_pages() {
        let mut table = Table::new(&[("Lp.", 1.0), ("Usługa", 4.0), ("Opis", 8.0)]);
        for i in 1..=120 {
            table.row(vec![format!("{i}."), format!("Usługa {i}"), "zażółć gęślą jaźń ".repeat(3)]);
        }
        let mut doc = Document::new("Próba");
        doc.push(Block::Table(table));
        let pages = lay_out(&doc, &metrics());
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let total = pages.len();
        for (n, page) in pages.iter().enumerate() {
            let t = texts(std::slice::from_ref(page));
            assert!(t.contains(&"Usługa".to_string()), "header on page {}", n + 1);
            assert!(t.contains(&format!("strona {} z {total}", n + 1)));
            for mark in page {
                if let Mark::Text { y, .. } | Mark::Rule { y1: y, .. } = mark {
                    assert!(*y >= FOOTER_Y - 0.01, "{mark:?}");
                }
            }
        }
        let all = texts(&pages);
        assert!(all.contains(&"120.".to_string()) && all.contains(&"1.".to_string()));
    }

    #[test]
    fn text_stays_inside_the_cells_and_the_margins() {
        let m = metrics();
        let mut table = Table::new(&[("A", 1.0), ("B", 1.0)]);
        table.row(vec!["słowo ".repeat(40), "Wąskie".into()]);
        let mut doc = Document::new("Próba");
        doc.push(Block::Para("Długi akapit ".repeat(50)));
        doc.push(Block::Table(table));
        for mark in lay_out(&doc, &m).iter().flatten() {
            if let Mark::Text { x, text, size, bold, .. } = mark {
                assert!(x + m.width(text, *size, *bold) <= 210.0 - MARGIN + 0.01, "{text}");
            }
        }
    }

    #[test]
    fn a_mark_goes_on_every_page() {
        let mut doc = Document::new("Plan");
        doc.mark = Some("PROJEKT".into());
        for _ in 0..200 {
            doc.push(Block::Para("wiersz".into()));
        }
        let pages = lay_out(&doc, &metrics());
        assert!(pages.len() > 1);
        for page in &pages {
            assert!(texts(std::slice::from_ref(page)).contains(&"PROJEKT".to_string()));
        }
    }
}
