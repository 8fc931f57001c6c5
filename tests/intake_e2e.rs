//! The walk-in path with the real binary in a real terminal (tmux, 80×24): a search that finds
//! no one, registration from it, an application and its outcome from the card, and the card as
//! it reads afterwards. Waits poll the screen; the limit is generous and not a speed assertion.

mod support;

use support::pty::Pane;

#[test]
fn search_not_found_register_apply_decide_and_the_card_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = support::centre::training_centre(dir.path());
    let env =
        [("OKIENKO_DB", db.to_str().unwrap()), ("OKIENKO_LOGIN", "kasia"), ("OKIENKO_TODAY", support::centre::TODAY)];
    let pane = Pane::start("intake", &env, env!("CARGO_BIN_EXE_okienko"));
    pane.wait_for("F2 Mieszkańcy");
    pane.keys(&["F2"]);
    pane.wait_for("W bazie: 6 mieszkańców");

    pane.type_text("Kowalczyk Maria");
    pane.wait_for_all(&["Nikt nie pasuje", "zarejestruj osobę"]);
    pane.keys(&["C-n"]);
    pane.wait_for("Rejestracja mieszkańca");
    pane.keys(&["Tab", "Tab", "Tab"]);
    pane.type_text("1980-02-29");
    pane.keys(&["Tab"]);
    pane.type_text("AB1234567");
    pane.keys(&["Enter"]);
    pane.wait_for_all(&["Zarejestrowano mieszkańca", "Karta mieszkańca", "Kowalczyk Maria"]);

    pane.keys(&["M-a"]);
    pane.wait_for("Wniosek i diagnoza potrzeb");
    pane.keys(&["Enter"]);
    pane.wait_for_all(&["Karta mieszkańca", "[złożony]", "30 dni do terminu"]);

    pane.keys(&["M-o"]);
    pane.wait_for("Rozpatrzenie wniosku");
    pane.keys(&["Tab", "Tab"]);
    pane.type_text("Zespół Interdyscyplinarny");
    pane.keys(&["Enter"]);
    pane.wait_for("przekazanie wniosku do: Zespół Interdyscyplinarny");
    pane.keys(&["Right", "Enter"]);
    let screen = pane.wait_for("Zapisano rozstrzygnięcie wniosku");
    assert!(!screen.contains("[złożony]"), "the card is read again:\n{screen}");
    pane.keys(&["F10"]);

    let store = okienko::storage::Db::open(&db).unwrap();
    let (state, to): (String, String) = store
        .conn()
        .query_row(
            "SELECT a.state, a.forwarded_to FROM application a JOIN resident r ON r.id = a.resident_id
             WHERE r.last_name = 'Kowalczyk'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((state.as_str(), to.as_str()), ("przekazany", "Zespół Interdyscyplinarny"));
}
