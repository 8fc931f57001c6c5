//! The HSDS export of the demo centre checked against the published Open Referral HSDS 3.1
//! JSON schemas: every organisation, service, location, service-at-location and schedule
//! validates, formats (uuid, date-time, email) included. The schemas are the standard's own files
//! (the `schema/` folder of the specification, CC BY-SA 4.0), not this project's, so they are not
//! kept in this repository: the test reads them from `OKIENKO_HSDS_SCHEMAS`, else from
//! `../shared/hsds-3.1/` beside the checkout, and says so when neither holds them.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::cli::{ok, run};

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

#[test]
fn the_export_validates_against_the_hsds_3_1_schemas() {
    if schemas().is_none() {
        eprintln!("skipped: no HSDS 3.1 schemas in OKIENKO_HSDS_SCHEMAS or ../shared/hsds-3.1/");
        return;
    }
    let export = demo_export();
    assert_eq!(export["hsds_version"], "3.1");
    for (key, kind) in [
        ("organizations", "organization"),
        ("services", "service"),
        ("locations", "location"),
        ("service_at_locations", "service_at_location"),
        ("schedules", "schedule"),
    ] {
        let v = validator(kind);
        let objects = export[key].as_array().unwrap_or_else(|| panic!("{key} is a list"));
        assert!(!objects.is_empty(), "the demo centre has {key}");
        for object in objects {
            let errors: Vec<String> =
                v.iter_errors(object).map(|e| format!("{} at {}", e, e.instance_path())).collect();
            assert!(errors.is_empty(), "{kind} {}:\n{}", object["id"], errors.join("\n"));
        }
    }
    // The schemas really are applied: what 3.0 exported is refused.
    let mut old = export["services"][0].clone();
    old["status"] = "inactive-suspended".into();
    old["id"] = "7".into();
    assert_eq!(validator("service").iter_errors(&old).count(), 2);
    let mut area = export["services"][0].clone();
    area["service_areas"] = serde_json::json!([{"id": "x", "extent_type": 3}]);
    assert!(!validator("service").is_valid(&area));
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
