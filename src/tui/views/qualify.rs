//! The service picker of a qualification (art. 42) or a refusal, opened from the resident card
//! or an application: the one picker, each service with what is left, narrowed as one types. Choosing one opens the qualification form, the refusal form,
//! or — when nothing is left — the form that puts the application on the waiting list.

use crate::i18n::desk::Text;
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx};
use crate::tui::forms;
use crate::tui::msg::{PickService, QualificationStart};
use crate::tui::widgets::catalogue::{Picker, PickerEvent};
use crate::tui::widgets::popup::{FormPurpose, Popup};
use crate::tui::widgets::safe;
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePicker {
    start: QualificationStart,
    picker: Picker,
}

/// Whether the pool of a service has nothing left to grant now.
fn nothing_left(service: &PickService) -> bool {
    service.suspended || service.remaining.is_some_and(|r| r <= 0)
}

impl ServicePicker {
    pub fn new(start: QualificationStart) -> ServicePicker {
        ServicePicker { start, picker: Picker::default() }
    }

    /// Takes a key; `true` when the picker is done (a form opened or the person went back).
    pub fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        match self.picker.handle(action, &self.start.services) {
            PickerEvent::Moved | PickerEvent::Ignored => false,
            PickerEvent::Closed => true,
            PickerEvent::Chosen => {
                let Some(service) = self.picker.chosen(&self.start.services) else { return false };
                let subject = format!("{} · {}", safe(&self.start.resident_name), safe(&service.name));
                let (application_id, service_id) = (self.start.application_id, service.id);
                let (form, purpose) = if self.start.refusal {
                    (forms::refusal_form(&cx.strings), FormPurpose::RefuseQualification { application_id, service_id })
                } else if nothing_left(service) {
                    (
                        forms::waitlist_form(&cx.strings, service),
                        FormPurpose::JoinWaitlist { application_id, service_id },
                    )
                } else {
                    (
                        forms::qualification_form(&cx.strings, service),
                        FormPurpose::Qualify { application_id, service_id },
                    )
                };
                cx.open(Popup::Form { form: form.about(subject), purpose, saving: false });
                true
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let s = cx.strings;
        let title = if self.start.refusal { Text::PickServiceToRefuse } else { Text::PickServiceTitle };
        let title = format!("{} · {}", s.get(title), safe(&self.start.resident_name));
        self.picker.draw_titled(frame, area, cx.theme, s, &title, &self.start.services);
    }
}
