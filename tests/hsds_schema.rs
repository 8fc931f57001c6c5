//! The HSDS export of the demo centre checked against HSDS 3.1: always against the project's
//! own statement of the standard's objects (tests/support/hsds.rs: every field's type, format and
//! allowed values, the required fields, nothing the standard does not define), and, where the
//! published Open Referral JSON schemas are at hand, against them as well, with a check that the
//! two agree. The published schemas are the standard's own files (CC BY-SA 4.0), not this
//! project's, so they are not kept here: those two tests read them from `OKIENKO_HSDS_SCHEMAS`,
//! else from `../shared/hsds-3.1/` beside the checkout, and say so when neither holds them.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::cli::{ok, run};
use support::hsds::{self, Kind};

const BASE: &str = "https://hsds.invalid/schema/";

fn schemas() -> Option<PathBuf> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/hsds-3.1");
    std::env::var_os("OKIENKO_HSDS_SCHEMAS")
        .map(PathBuf::from)
        .or(Some(beside))
        .filter(|dir| dir.join("service.json").is_file())
}

fn fixtures() -> PathBuf {
    schemas().expect("the HSDS 3.1 schemas")
}

/// Serves the schemas' relative `$ref`s ("attribute.json") from the schema folder.
struct Vendored;

impl jsonschema::Retrieve for Vendored {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default().to_string();
        let text = std::fs::read_to_string(fixtures().join(&name)).map_err(|e| format!("{name}: {e}"))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn validator(kind: &str) -> jsonschema::Validator {
    let name = format!("{kind}.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(fixtures().join(&name)).unwrap()).unwrap();
    jsonschema::options()
        .with_base_uri(format!("{BASE}{name}"))
        .with_retriever(Vendored)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn demo_export() -> Value {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(run(&db, &["demo", "--residents", "60"]));
    // A closure ahead is a schedule of its own, and must validate as well.
    let code: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT code FROM service ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    ok(run(&db, &["base", "close", &code, "--from", "2027-07-01", "--to", "2027-07-31", "--reason", "remont"]));
    let out = dir.path().join("hsds.json");
    ok(run(&db, &["report", "hsds", "--out", out.to_str().unwrap()]));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

fn project_rules() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&hsds::export_schema())
        .unwrap_or_else(|e| panic!("the rules of tests/support/hsds.rs: {e}"))
}

fn problems(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

#[test]
fn the_export_follows_the_hsds_3_1_objects() {
    let export = demo_export();
    let rules = project_rules();
    let found = problems(&rules, &export);
    assert!(found.is_empty(), "{}", found.join("\n"));
    for (list, _) in hsds::LISTS {
        assert!(!export[list].as_array().unwrap().is_empty(), "the demo centre has {list}");
    }
    // The rules really are applied: each of these is what an older export did, or a slip.
    let refused = |change: &dyn Fn(&mut Value), why: &str| {
        let mut bad = export.clone();
        change(&mut bad);
        assert!(!problems(&rules, &bad).is_empty(), "{why} passed");
    };
    refused(&|e| e["hsds_version"] = "3.0".into(), "version 3.0");
    refused(&|e| e["services"][0]["status"] = "inactive-suspended".into(), "a status outside the list");
    refused(&|e| e["services"][0]["id"] = "7".into(), "an id that is not a uuid");
    refused(&|e| e["services"][0]["capacity"] = 3.into(), "a field HSDS does not define");
    refused(&|e| e["schedules"][0]["opens_at"] = "08:00".into(), "an opening time without its offset");
    refused(
        &|e| e["locations"][0]["addresses"][0].as_object_mut().unwrap().retain(|k, _| k != "state_province"),
        "an address without its voivodeship",
    );
    refused(&|e| e["services"][0]["service_areas"] = serde_json::json!([{"id": "x", "extent_type": 3}]), "area");
}

#[test]
fn the_export_validates_against_the_published_hsds_3_1_schemas() {
    if schemas().is_none() {
        eprintln!("skipped: no HSDS 3.1 schemas in OKIENKO_HSDS_SCHEMAS or ../shared/hsds-3.1/");
        return;
    }
    let export = demo_export();
    assert_eq!(export["hsds_version"], "3.1");
    for (key, kind) in hsds::LISTS {
        let v = validator(kind);
        for object in export[key].as_array().unwrap_or_else(|| panic!("{key} is a list")) {
            let errors = problems(&v, object);
            assert!(errors.is_empty(), "{kind} {}:\n{}", object["id"], errors.join("\n"));
        }
    }
}

/// The project's statement of the objects says what the published schemas say: the same fields,
/// the same required ones, the same allowed values and formats (where the published schema gives
/// one; the project is stricter about dates and times).
#[test]
fn the_project_rules_agree_with_the_published_schemas() {
    let Some(dir) = schemas() else {
        eprintln!("skipped: no HSDS 3.1 schemas in OKIENKO_HSDS_SCHEMAS or ../shared/hsds-3.1/");
        return;
    };
    for object in hsds::OBJECTS {
        let file = dir.join(format!("{}.json", object.name));
        let published: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut required: Vec<&str> =
            published["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let mut ours = object.required.to_vec();
        required.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, required, "required fields of {}", object.name);
        let properties = published["properties"].as_object().unwrap();
        let mut names: Vec<&str> = properties.keys().map(String::as_str).collect();
        let mut our_names: Vec<&str> = object.fields.iter().map(|(name, _)| *name).collect();
        names.sort_unstable();
        our_names.sort_unstable();
        assert_eq!(our_names, names, "fields of {}", object.name);
        for (name, kind) in object.fields {
            let theirs = &properties[*name];
            let expected = match kind {
                Kind::Text | Kind::Date | Kind::Moment | Kind::Time => {
                    theirs.get("format").is_none_or(|f| f == "date-time")
                }
                Kind::Uuid => theirs["format"] == "uuid",
                Kind::Uri => theirs["format"] == "uri",
                Kind::Email => theirs["format"] == "email",
                Kind::Number => theirs["type"] == "number",
                Kind::OneOf(values) => theirs["enum"] == serde_json::json!(values),
                Kind::One(kind) => theirs["$ref"] == format!("{kind}.json"),
                Kind::List(kind) => theirs["items"]["$ref"] == format!("{kind}.json"),
            };
            assert!(expected, "{}.{name}: published {theirs}", object.name);
        }
    }
}

#[test]
fn the_export_fills_what_the_standard_asks_for() {
    let export = demo_export();
    let services = export["services"].as_array().unwrap();
    let statuses: Vec<&str> = services.iter().map(|s| s["status"].as_str().unwrap()).collect();
    assert!(statuses.iter().all(|s| ["active", "temporarily closed"].contains(s)), "{statuses:?}");
    assert!(
        services.iter().any(|s| s["attributes"].as_array().unwrap().iter().any(|a| a["link_type"] == "audience")),
        "target groups are taxonomy terms"
    );
    assert!(
        services.iter().all(|s| s["service_areas"].as_array().unwrap().iter().all(|a| a.get("extent_type").is_none()))
    );
    let schedules = export["schedules"].as_array().unwrap();
    let closure = schedules.iter().find(|s| s.get("freq").is_none()).expect("the closure is listed");
    assert_eq!(
        (closure["valid_from"].as_str(), closure["valid_to"].as_str()),
        (Some("2027-07-01"), Some("2027-07-31"))
    );
    for schedule in schedules.iter().filter(|s| s.get("freq").is_some()) {
        let opens = schedule["opens_at"].as_str().unwrap();
        assert!(opens.ends_with("+01:00") || opens.ends_with("+02:00"), "{opens}");
        assert_eq!(schedule["timezone"].as_f64(), Some(1.0), "the tests' day is in November: {schedule}");
    }
    for location in export["locations"].as_array().unwrap() {
        for address in location["addresses"].as_array().unwrap() {
            assert!(!address["state_province"].as_str().unwrap().is_empty(), "{address}");
        }
    }
}
