//! The font every printout is set in: DejaVu Sans from the system (Debian: fonts-dejavu-core),
//! which has the Polish letters. Only the glyphs a document uses are embedded
//! ([`super::document::render_pdf`]).

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
