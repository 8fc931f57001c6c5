//! The HSDS 3.1 objects the catalogue export uses, as the standard defines them: every field of
//! each object with its type, format or allowed values, and which fields are required. Written
//! for this project from the specification's field reference (the facts, not its files), and
//! turned into a JSON Schema that the export must validate against. It is stricter than the
//! standard in two ways, both on purpose: a field the object does not define is refused (a
//! misspelt or invented field would otherwise pass unseen), and dates and opening times must be
//! real dates and times with their UTC offset.

use serde_json::{Map, Value, json};

/// What a field may hold.
#[derive(Clone, Copy)]
pub enum Kind {
    Text,
    Uuid,
    Uri,
    Email,
    Number,
    /// A calendar date, `2027-07-01`.
    Date,
    /// A moment with its offset, `2026-11-30T10:00:00+01:00`.
    Moment,
    /// A time of day with its offset from UTC, `08:00+01:00` (the standard's HH:MM, seconds allowed).
    Time,
    OneOf(&'static [&'static str]),
    /// One object of the named kind.
    One(&'static str),
    /// A list of objects of the named kind.
    List(&'static str),
}

use Kind::*;

pub struct Object {
    pub name: &'static str,
    pub required: &'static [&'static str],
    pub fields: &'static [(&'static str, Kind)],
}

const LOCATION_TYPES: &[&str] = &["physical", "postal", "virtual"];
const WEEKDAYS: &[&str] = &["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

pub const OBJECTS: &[Object] = &[
    Object {
        name: "organization",
        required: &["id", "name", "description"],
        fields: &[
            ("id", Uuid),
            ("name", Text),
            ("alternate_name", Text),
            ("description", Text),
            ("email", Email),
            ("website", Uri),
            ("additional_websites", List("url")),
            ("tax_status", Text),
            ("tax_id", Text),
            ("year_incorporated", Number),
            ("legal_status", Text),
            ("logo", Text),
            ("uri", Uri),
            ("parent_organization_id", Uuid),
            ("funding", List("funding")),
            ("contacts", List("contact")),
            ("phones", List("phone")),
            ("locations", List("location")),
            ("programs", List("program")),
            ("organization_identifiers", List("organization_identifier")),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "phone",
        required: &["id", "number"],
        fields: &[
            ("id", Uuid),
            ("location_id", Uuid),
            ("service_id", Uuid),
            ("organization_id", Uuid),
            ("contact_id", Uuid),
            ("service_at_location_id", Uuid),
            ("number", Text),
            ("extension", Number),
            ("type", Text),
            ("description", Text),
            ("languages", List("language")),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "service",
        required: &["id", "name", "status"],
        fields: &[
            ("id", Uuid),
            ("organization_id", Uuid),
            ("program_id", Uuid),
            ("name", Text),
            ("alternate_name", Text),
            ("description", Text),
            ("url", Uri),
            ("additional_urls", List("url")),
            ("email", Email),
            ("status", OneOf(&["active", "inactive", "defunct", "temporarily closed"])),
            ("interpretation_services", Text),
            ("application_process", Text),
            ("fees_description", Text),
            ("wait_time", Text),
            ("fees", Text),
            ("accreditations", Text),
            ("eligibility_description", Text),
            ("minimum_age", Number),
            ("maximum_age", Number),
            ("assured_date", Date),
            ("assurer_email", Email),
            ("licenses", Text),
            ("alert", Text),
            ("last_modified", Moment),
            ("phones", List("phone")),
            ("schedules", List("schedule")),
            ("service_areas", List("service_area")),
            ("service_at_locations", List("service_at_location")),
            ("languages", List("language")),
            ("organization", One("organization")),
            ("funding", List("funding")),
            ("cost_options", List("cost_option")),
            ("program", One("program")),
            ("required_documents", List("required_document")),
            ("contacts", List("contact")),
            ("capacities", List("service_capacity")),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "service_area",
        required: &["id"],
        fields: &[
            ("id", Uuid),
            ("service_id", Uuid),
            ("service_at_location_id", Uuid),
            ("name", Text),
            ("description", Text),
            ("extent", Text),
            ("extent_type", Text),
            ("uri", Text),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "attribute",
        required: &["id"],
        fields: &[
            ("id", Uuid),
            ("link_id", Uuid),
            ("taxonomy_term_id", Uuid),
            ("link_type", Text),
            ("link_entity", Text),
            ("value", Text),
            ("taxonomy_term", One("taxonomy_term")),
            ("metadata", List("metadata")),
            ("label", Text),
        ],
    },
    Object {
        name: "taxonomy_term",
        required: &["id", "name", "description"],
        fields: &[
            ("id", Uuid),
            ("code", Text),
            ("name", Text),
            ("description", Text),
            ("parent_id", Uuid),
            ("taxonomy", Text),
            ("taxonomy_detail", One("taxonomy")),
            ("language", Text),
            ("taxonomy_id", Uuid),
            ("term_uri", Uri),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "service_capacity",
        required: &["id", "unit", "available", "updated"],
        fields: &[
            ("id", Uuid),
            ("service_id", Uuid),
            ("unit", One("unit")),
            ("unit_id", Uuid),
            ("available", Number),
            ("maximum", Number),
            ("description", Text),
            ("updated", Moment),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "unit",
        required: &["id", "name"],
        fields: &[
            ("id", Uuid),
            ("name", Text),
            ("scheme", Text),
            ("identifier", Text),
            ("uri", Uri),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "cost_option",
        required: &["id"],
        fields: &[
            ("id", Uuid),
            ("service_id", Uuid),
            ("valid_from", Date),
            ("valid_to", Date),
            ("option", Text),
            ("currency", Text),
            ("amount", Number),
            ("amount_description", Text),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "location",
        required: &["id", "location_type"],
        fields: &[
            ("id", Uuid),
            ("location_type", OneOf(LOCATION_TYPES)),
            ("url", Uri),
            ("organization_id", Uuid),
            ("name", Text),
            ("alternate_name", Text),
            ("description", Text),
            ("transportation", Text),
            ("latitude", Number),
            ("longitude", Number),
            ("external_identifier", Text),
            ("external_identifier_type", Text),
            ("languages", List("language")),
            ("addresses", List("address")),
            ("contacts", List("contact")),
            ("accessibility", List("accessibility")),
            ("phones", List("phone")),
            ("schedules", List("schedule")),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "address",
        required: &["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
        fields: &[
            ("id", Uuid),
            ("location_id", Uuid),
            ("attention", Text),
            ("address_1", Text),
            ("address_2", Text),
            ("city", Text),
            ("region", Text),
            ("state_province", Text),
            ("postal_code", Text),
            ("country", Text),
            ("address_type", OneOf(LOCATION_TYPES)),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "service_at_location",
        required: &["id"],
        fields: &[
            ("id", Uuid),
            ("service_id", Uuid),
            ("location_id", Uuid),
            ("description", Text),
            ("service_areas", List("service_area")),
            ("contacts", List("contact")),
            ("phones", List("phone")),
            ("schedules", List("schedule")),
            ("location", One("location")),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
    Object {
        name: "schedule",
        required: &["id"],
        fields: &[
            ("id", Uuid),
            ("service_id", Uuid),
            ("location_id", Uuid),
            ("service_at_location_id", Uuid),
            ("valid_from", Date),
            ("valid_to", Date),
            ("dtstart", Text),
            ("timezone", Number),
            ("until", Text),
            ("count", Number),
            ("wkst", OneOf(WEEKDAYS)),
            ("freq", OneOf(&["WEEKLY", "MONTHLY"])),
            ("interval", Number),
            ("byday", Text),
            ("byweekno", Text),
            ("bymonthday", Text),
            ("byyearday", Text),
            ("description", Text),
            ("opens_at", Time),
            ("closes_at", Time),
            ("schedule_link", Uri),
            ("attending_type", Text),
            ("notes", Text),
            ("attributes", List("attribute")),
            ("metadata", List("metadata")),
        ],
    },
];

/// The lists at the top of the export and the kind of object each holds.
pub const LISTS: &[(&str, &str)] = &[
    ("organizations", "organization"),
    ("services", "service"),
    ("locations", "location"),
    ("service_at_locations", "service_at_location"),
    ("schedules", "schedule"),
];

fn field_schema(kind: Kind) -> Value {
    let reference = |name: &str| json!({ "$ref": format!("#/$defs/{name}") });
    match kind {
        Text => json!({ "type": "string" }),
        Uuid => json!({ "type": "string", "format": "uuid" }),
        Uri => json!({ "type": "string", "format": "uri" }),
        Email => json!({ "type": "string", "format": "email" }),
        Number => json!({ "type": "number" }),
        Date => json!({ "type": "string", "format": "date" }),
        Moment => json!({ "type": "string", "format": "date-time" }),
        Time => {
            json!({ "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z|[+-][0-9]{2}:[0-9]{2})$" })
        }
        OneOf(values) => json!({ "type": "string", "enum": values }),
        // Objects the export never holds are allowed as any object, so the rules stay to what is used.
        One(name) if find(name).is_none() => json!({ "type": "object" }),
        One(name) => reference(name),
        List(name) if find(name).is_none() => json!({ "type": "array", "items": { "type": "object" } }),
        List(name) => json!({ "type": "array", "items": reference(name) }),
    }
}

pub fn find(name: &str) -> Option<&'static Object> {
    OBJECTS.iter().find(|o| o.name == name)
}

fn object_schema(object: &Object) -> Value {
    let properties: Map<String, Value> =
        object.fields.iter().map(|(name, kind)| (name.to_string(), field_schema(*kind))).collect();
    json!({
        "type": "object",
        "required": object.required,
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The whole export document: the version it declares and its lists of objects.
pub fn export_schema() -> Value {
    let defs: Map<String, Value> = OBJECTS.iter().map(|o| (o.name.to_string(), object_schema(o))).collect();
    let mut properties = Map::new();
    properties.insert("hsds_version".into(), json!({ "const": "3.1" }));
    let mut required = vec!["hsds_version".to_string()];
    for (list, kind) in LISTS {
        properties.insert(list.to_string(), json!({ "type": "array", "items": { "$ref": format!("#/$defs/{kind}") } }));
        required.push(list.to_string());
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": false,
        "$defs": defs,
    })
}
