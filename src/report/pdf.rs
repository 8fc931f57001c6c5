//! Reports as printouts: the titled tables of a report become ruled tables of the document
//! engine on landscape pages (headers repeated on every page, "strona N z M"), and pool use
//! becomes bars.

use super::chart::Chart;
use super::{Document, is_number};
use crate::export::document::{self, Bar, Block, Orientation, Shade, Table};
use crate::export::pdf::PdfError;

fn bars(chart: &Chart) -> Vec<Bar> {
    let scale = chart.bars.iter().map(|b| b.limit.unwrap_or(0).max(b.granted).max(b.used)).max().unwrap_or(0);
    let share = |units: i64| if scale > 0 { units.max(0) as f32 / scale as f32 } else { 0.0 };
    chart
        .bars
        .iter()
        .map(|b| {
            let mut lengths = Vec::new();
            if let Some(limit) = b.limit {
                lengths.push((share(limit), Shade::Light));
            }
            lengths.push((share(b.granted.max(b.used)), Shade::Middle));
            lengths.push((share(b.used), Shade::Dark));
            Bar { label: b.label.clone(), lengths, note: crate::i18n::report::bar_numbers(b.used, b.granted, b.limit) }
        })
        .collect()
}

/// The report as a document of the engine.
pub fn to_document(doc: &Document, charts: &[Chart]) -> document::Document {
    let mut out = document::Document::new(doc.title.clone());
    out.orientation = Orientation::Landscape;
    // Reports are read in the interface language; the other printouts are Polish office papers.
    out.lang = crate::i18n::current();
    out.push(Block::Title(doc.title.clone()));
    if !doc.subtitle.is_empty() {
        out.push(Block::Centred(doc.subtitle.clone()));
    }
    for table in &doc.tables {
        out.push(Block::Heading(table.title.clone()));
        if table.rows.is_empty() {
            out.push(Block::Para(crate::i18n::report::none()));
            continue;
        }
        let mut t = Table::new(&[]);
        t.columns = table.columns.iter().map(|c| (c.clone(), 1.0)).collect();
        t.rows = table.rows.clone();
        t.fit = true;
        // Numbers end at the column's right edge, as in the text rendering.
        t.right = (0..table.columns.len())
            .filter(|&i| table.rows.iter().all(|r| r.get(i).is_none_or(|c| c.is_empty() || is_number(c))))
            .collect();
        out.push(Block::Table(t));
    }
    for chart in charts {
        out.push(Block::Heading(chart.title.clone()));
        out.push(Block::Small(crate::i18n::report::chart_legend()));
        out.push(Block::Bars(bars(chart)));
    }
    out
}

/// The report as PDF bytes.
pub fn render_pdf(doc: &Document, charts: &[Chart]) -> Result<Vec<u8>, PdfError> {
    document::render_pdf(&to_document(doc, charts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::chart::Bar as ChartBar;

    #[test]
    fn pool_use_bars_are_scaled_to_the_largest_value() {
        let chart = Chart {
            title: "Pula 2".into(),
            bars: vec![ChartBar { label: "2026-03".into(), limit: Some(10), granted: 5, used: 2 }],
        };
        let b = bars(&chart);
        assert_eq!(b[0].lengths, [(1.0, Shade::Light), (0.5, Shade::Middle), (0.2, Shade::Dark)]);
        assert_eq!(b[0].note, "wykorzystano 2 / przyznano 5 / limit 10");
    }

    #[test]
    fn number_columns_are_right_aligned_and_text_columns_are_not() {
        let mut t = crate::report::Table::new("Usługi", &["usługa", "przyznano"]);
        t.row(vec!["Opieka".into(), "1040,00".into()]);
        let doc = Document { title: "R".into(), subtitle: String::new(), tables: vec![t] };
        let out = to_document(&doc, &[]);
        let table = out.blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).unwrap();
        assert_eq!(table.right, [1]);
    }
}
