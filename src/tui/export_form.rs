//! The form that writes the shown report to a file: one field, the file's name, whose extension
//! picks the format.

use crate::domain::text::{FieldError, FieldProblem};
use crate::i18n::desk::Text;
use crate::tui::msg::{ExportFormat, Job, ReportJob, ReportKind};
use crate::tui::widgets::form::{Field, Form};
use chrono::NaiveDate;
use std::path::PathBuf;

/// The export form: one field, the file, offered in the working directory.
pub fn form(kind: ReportKind, today: NaiveDate) -> Form {
    Form::new(Text::ExportTitle, vec![Field::text(Text::ExportPath, "plik", &format!("{}-{today}.csv", kind.code()))])
}

/// The file's name decides the format: `.csv` or `.pdf`.
pub fn submit(kind: ReportKind, form: &Form, today: NaiveDate) -> Result<Job, FieldError> {
    let typed = form.value("plik").trim();
    if typed.is_empty() {
        return Err(FieldProblem::Required.on("plik"));
    }
    let path = PathBuf::from(typed);
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let format = match extension.as_deref() {
        Some("csv") => ExportFormat::Csv,
        Some("pdf") => ExportFormat::Pdf,
        _ => return Err(FieldProblem::Mismatch("nazwa musi kończyć się na .csv albo .pdf".into()).on("plik")),
    };
    Ok(Job::Report(ReportJob::Export { kind, today, path, format, overwrite: false }))
}
