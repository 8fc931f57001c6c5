//! The printed plan as a PDF with real text (searchable, copyable) in a TrueType font that has
//! the Polish letters. The font comes from the system: DejaVu Sans (Debian: fonts-dejavu-core).

use super::{Block, PrintedPlan, document, layout};
use printpdf::{IndirectFontRef, Mm, PdfDocument, PdfLayerReference};
use std::path::{Path, PathBuf};

/// Where Debian, Fedora, Arch and Alpine put DejaVu Sans.
const FONT_CANDIDATES: &[(&str, &str)] = &[
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
];

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "brak czcionki z polskimi literami (DejaVu Sans); zainstaluj pakiet fonts-dejavu-core \
         (apt-get install fonts-dejavu-core); szukano w: {searched}"
    )]
    NoFont { searched: String },
    #[error("nie można odczytać czcionki {path}: {reason}")]
    Font { path: PathBuf, reason: String },
    #[error("nie można utworzyć PDF: {0}")]
    Render(String),
}

/// The regular and bold font files, the first pair found.
pub fn find_fonts() -> Result<(PathBuf, Option<PathBuf>), PdfError> {
    for (regular, bold) in FONT_CANDIDATES {
        if Path::new(regular).is_file() {
            let bold = Path::new(bold).is_file().then(|| PathBuf::from(bold));
            return Ok((PathBuf::from(regular), bold));
        }
    }
    Err(PdfError::NoFont { searched: FONT_CANDIDATES.iter().map(|(r, _)| *r).collect::<Vec<_>>().join(", ") })
}

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
const FONT_SIZE: f32 = 9.5;
const LINE_MM: f32 = 4.6;
/// Characters per line at this size: DejaVu Sans averages about 0.55 em, so 85 characters stay
/// within the 170 mm between the margins even with many capitals.
const CHARS_PER_LINE: usize = 85;

fn load(doc: &printpdf::PdfDocumentReference, path: &Path) -> Result<IndirectFontRef, PdfError> {
    let file = std::fs::File::open(path).map_err(|e| PdfError::Font { path: path.into(), reason: e.to_string() })?;
    doc.add_external_font(std::io::BufReader::new(file))
        .map_err(|e| PdfError::Font { path: path.into(), reason: e.to_string() })
}

/// The plan as PDF bytes: A4 pages, the same layout as the text rendering.
pub fn render_pdf(plan: &PrintedPlan) -> Result<Vec<u8>, PdfError> {
    let (regular_path, bold_path) = find_fonts()?;
    let title = format!("IPUS {}", plan.detail.header.number);
    let (doc, page, layer) = PdfDocument::new(&title, Mm(PAGE_W), Mm(PAGE_H), "tekst");
    let regular = load(&doc, &regular_path)?;
    let bold = match &bold_path {
        Some(path) => load(&doc, path)?,
        None => regular.clone(),
    };
    let mut current: PdfLayerReference = doc.get_page(page).get_layer(layer);
    let mut y = PAGE_H - MARGIN;
    let mut page_no = 1;
    for (block, line) in layout(&document(plan), CHARS_PER_LINE) {
        if y < MARGIN + LINE_MM {
            page_no += 1;
            let (p, l) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), format!("strona {page_no}"));
            current = doc.get_page(p).get_layer(l);
            y = PAGE_H - MARGIN;
        }
        if !line.is_empty() {
            let (font, size) = match block {
                Block::Title(_) => (&bold, FONT_SIZE + 1.0),
                Block::Heading(_) => (&bold, FONT_SIZE),
                _ => (&regular, FONT_SIZE),
            };
            current.use_text(line, size, Mm(MARGIN), Mm(y), font);
        }
        y -= if matches!(block, Block::Gap) { LINE_MM * 0.6 } else { LINE_MM };
    }
    doc.save_to_bytes().map_err(|e| PdfError::Render(e.to_string()))
}
