//! Reports as PDF: landscape A4 pages with the same tables as the text rendering, and pool use
//! drawn as bars. Laying out is pure ([`lay_out`] gives positioned text and boxes per page), so
//! what the PDF says is tested without reading PDF bytes; [`render_pdf`] only paints the plan,
//! with the printed plan's font (DejaVu Sans, found by [`crate::export::pdf::find_fonts`]).

use super::chart::Chart;
use super::{Document, is_number};
use crate::export::pdf::{PdfError, find_fonts};
use crate::export::wrap;
use printpdf::{Color, IndirectFontRef, Mm, PdfDocument, Rect, Rgb};

const PAGE_W: f32 = 297.0;
const PAGE_H: f32 = 210.0;
const MARGIN: f32 = 15.0;
const TITLE_SIZE: f32 = 12.0;
const TEXT_SIZE: f32 = 8.0;
const LINE_MM: f32 = 3.8;
/// Width of one character at [`TEXT_SIZE`]: DejaVu Sans averages below 0.6 em, so columns sized
/// by this never overlap.
const CHAR_MM: f32 = TEXT_SIZE * 0.6 * 25.4 / 72.0;
const COLUMN_GAP_MM: f32 = 3.0;
/// The longest bar of a chart.
const BAR_MM: f32 = 130.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shade {
    /// The pool's limit, as a light background.
    Limit,
    /// Granted by plans.
    Granted,
    /// Recorded as used.
    Used,
}

/// One thing painted on a page; positions in millimetres from the bottom-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text { x: f32, y: f32, size: f32, bold: bool, text: String },
    Box { x: f32, y: f32, w: f32, h: f32, shade: Shade },
}

/// Column widths in characters: each column as wide as its longest cell, the widest columns
/// narrowed (their cells wrapped) until the table fits the page.
fn column_widths(columns: &[String], rows: &[Vec<String>], available: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count().max(4)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let gaps = widths.len().saturating_sub(1) * (COLUMN_GAP_MM / CHAR_MM).ceil() as usize;
    while widths.iter().sum::<usize>() + gaps > available {
        let Some(widest) = widths.iter_mut().max() else { break };
        if *widest <= 8 {
            break;
        }
        *widest -= 1;
    }
    widths
}

struct Pages {
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl Pages {
    fn new() -> Pages {
        Pages { pages: vec![Vec::new()], y: PAGE_H - MARGIN }
    }

    /// Moves down by `height`, starting a new page when it would not fit.
    fn room(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.pages.push(Vec::new());
            self.y = PAGE_H - MARGIN;
        }
    }

    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        self.mark(Mark::Text { x, y: self.y, size, bold, text: text.to_string() });
    }

    fn line(&mut self, size: f32, bold: bool, text: &str) {
        self.room(LINE_MM);
        self.text(MARGIN, size, bold, text);
        self.y -= LINE_MM;
    }
}

/// The report laid out on pages: titles, wrapped table rows, and the charts as bars.
pub fn lay_out(doc: &Document, charts: &[Chart]) -> Vec<Vec<Mark>> {
    let mut p = Pages::new();
    p.line(TITLE_SIZE, true, &doc.title);
    p.y -= 1.5;
    p.line(TEXT_SIZE, false, &doc.subtitle);
    let available = ((PAGE_W - 2.0 * MARGIN) / CHAR_MM) as usize;
    for table in &doc.tables {
        p.y -= LINE_MM;
        p.line(TEXT_SIZE + 1.0, true, &table.title);
        let widths = column_widths(&table.columns, &table.rows, available);
        let row_out = |p: &mut Pages, cells: &[String], bold: bool| {
            let wrapped: Vec<Vec<String>> =
                cells.iter().enumerate().map(|(i, c)| wrap(c, widths.get(i).copied().unwrap_or(8))).collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            p.room(height as f32 * LINE_MM);
            let mut x = MARGIN;
            for (i, lines) in wrapped.iter().enumerate() {
                let width = widths.get(i).copied().unwrap_or(8);
                for (n, line) in lines.iter().enumerate() {
                    // Numbers end at the column's right edge, as in the text rendering.
                    let shift =
                        if is_number(line) { (width - line.chars().count().min(width)) as f32 * CHAR_MM } else { 0.0 };
                    p.mark(Mark::Text {
                        x: x + shift,
                        y: p.y - n as f32 * LINE_MM,
                        size: TEXT_SIZE,
                        bold,
                        text: line.clone(),
                    });
                }
                x += width as f32 * CHAR_MM + COLUMN_GAP_MM;
            }
            p.y -= height as f32 * LINE_MM;
        };
        row_out(&mut p, &table.columns, true);
        if table.rows.is_empty() {
            p.line(TEXT_SIZE, false, "(brak)");
        }
        for row in &table.rows {
            row_out(&mut p, row, false);
        }
    }
    for chart in charts {
        chart_marks(&mut p, chart);
    }
    p.pages
}

fn chart_marks(p: &mut Pages, chart: &Chart) {
    p.y -= LINE_MM;
    p.line(TEXT_SIZE + 1.0, true, &chart.title);
    p.line(TEXT_SIZE, false, &crate::i18n::report::chart_legend());
    let scale = chart.bars.iter().map(|b| b.limit.unwrap_or(0).max(b.granted).max(b.used)).max().unwrap_or(0);
    let label_mm = chart.bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(0) as f32 * CHAR_MM + 3.0;
    let length = |units: i64| if scale > 0 { units.max(0) as f32 / scale as f32 * BAR_MM } else { 0.0 };
    for bar in &chart.bars {
        p.room(LINE_MM + 1.0);
        let x = MARGIN + label_mm;
        let y = p.y - 0.8;
        let h = LINE_MM - 0.8;
        p.text(MARGIN, TEXT_SIZE, false, &bar.label);
        if let Some(limit) = bar.limit {
            p.mark(Mark::Box { x, y, w: length(limit), h, shade: Shade::Limit });
        }
        p.mark(Mark::Box { x, y, w: length(bar.granted.max(bar.used)), h, shade: Shade::Granted });
        p.mark(Mark::Box { x, y, w: length(bar.used), h, shade: Shade::Used });
        let numbers = match bar.limit {
            Some(limit) => format!("wykorzystano {} / przyznano {} / limit {}", bar.used, bar.granted, limit),
            None => format!("wykorzystano {} / przyznano {}", bar.used, bar.granted),
        };
        p.text(x + BAR_MM + 3.0, TEXT_SIZE, false, &numbers);
        p.y -= LINE_MM + 1.0;
    }
}

fn load(doc: &printpdf::PdfDocumentReference, path: &std::path::Path) -> Result<IndirectFontRef, PdfError> {
    let file = std::fs::File::open(path).map_err(|e| PdfError::Font { path: path.into(), reason: e.to_string() })?;
    doc.add_external_font(std::io::BufReader::new(file))
        .map_err(|e| PdfError::Font { path: path.into(), reason: e.to_string() })
}

fn fill(shade: Shade) -> Color {
    // Shades that stay distinct when printed in black and white.
    let (r, g, b) = match shade {
        Shade::Limit => (0.90, 0.90, 0.90),
        Shade::Granted => (0.95, 0.75, 0.30),
        Shade::Used => (0.15, 0.45, 0.20),
    };
    Color::Rgb(Rgb::new(r, g, b, None))
}

/// The report as PDF bytes.
pub fn render_pdf(doc: &Document, charts: &[Chart]) -> Result<Vec<u8>, PdfError> {
    let (regular_path, bold_path) = find_fonts()?;
    let (pdf, first_page, first_layer) = PdfDocument::new(&doc.title, Mm(PAGE_W), Mm(PAGE_H), "strona 1");
    let regular = load(&pdf, &regular_path)?;
    let bold = match &bold_path {
        Some(path) => load(&pdf, path)?,
        None => regular.clone(),
    };
    for (n, marks) in lay_out(doc, charts).iter().enumerate() {
        let layer = if n == 0 {
            pdf.get_page(first_page).get_layer(first_layer)
        } else {
            let (page, layer) = pdf.add_page(Mm(PAGE_W), Mm(PAGE_H), format!("strona {}", n + 1));
            pdf.get_page(page).get_layer(layer)
        };
        for mark in marks {
            match mark {
                Mark::Text { x, y, size, bold: is_bold, text } => {
                    layer.set_fill_color(Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)));
                    layer.use_text(text.as_str(), *size, Mm(*x), Mm(*y), if *is_bold { &bold } else { &regular });
                }
                Mark::Box { x, y, w, h, shade } if *w > 0.0 => {
                    layer.set_fill_color(fill(*shade));
                    layer.add_rect(Rect::new(Mm(*x), Mm(*y), Mm(x + w), Mm(y + h)));
                }
                Mark::Box { .. } => {}
            }
        }
    }
    pdf.save_to_bytes().map_err(|e| PdfError::Render(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Table;
    use crate::report::chart::Bar;

    fn texts(pages: &[Vec<Mark>]) -> Vec<String> {
        pages
            .iter()
            .flatten()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.clone()),
                Mark::Box { .. } => None,
            })
            .collect()
    }

    fn doc(rows: usize) -> Document {
        let mut t = Table::new("Usługi", &["usługa", "opis", "przyznano"]);
        for i in 0..rows {
            t.row(vec![format!("Usługa {i}"), "słowo ".repeat(60), (i * 10).to_string()]);
        }
        Document { title: "Raport roczny".into(), subtitle: "Okres: 2026".into(), tables: vec![t] }
    }

    #[test]
    fn wraps_long_cells_to_fit_the_page_width() {
        let pages = lay_out(&doc(1), &[]);
        for mark in pages.iter().flatten() {
            if let Mark::Text { x, text, .. } = mark {
                assert!(x + text.chars().count() as f32 * CHAR_MM <= PAGE_W - MARGIN + 0.01, "{text}");
            }
        }
        let words = texts(&pages).iter().map(|t| t.matches("słowo").count()).sum::<usize>();
        assert_eq!(words, 60, "nothing is cut off");
    }

    #[test]
    fn long_tables_continue_on_new_pages() {
        let pages = lay_out(&doc(40), &[]);
        assert!(pages.len() > 1);
        for mark in pages.iter().flatten() {
            if let Mark::Text { y, .. } = mark {
                assert!(*y >= MARGIN - 0.01, "{mark:?}");
            }
        }
        assert!(texts(&pages).contains(&"390".to_string()));
    }

    #[test]
    fn draws_pool_use_as_bars_scaled_to_the_largest_value() {
        let chart = Chart {
            title: "Pula 2".into(),
            bars: vec![Bar { label: "2026-03".into(), limit: Some(10), granted: 5, used: 2 }],
        };
        let pages = lay_out(&doc(0), &[chart]);
        let boxes: Vec<(Shade, f32)> = pages
            .iter()
            .flatten()
            .filter_map(|m| match m {
                Mark::Box { w, shade, .. } => Some((*shade, *w)),
                Mark::Text { .. } => None,
            })
            .collect();
        assert_eq!(boxes, [(Shade::Limit, BAR_MM), (Shade::Granted, BAR_MM / 2.0), (Shade::Used, BAR_MM / 5.0)]);
        assert!(texts(&pages).contains(&"wykorzystano 2 / przyznano 5 / limit 10".to_string()));
    }
}
