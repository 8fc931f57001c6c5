use super::Session;

mod edit;
use crate::domain::roles::Permission;
use crate::domain::text::{display_safe, json_safe};
use crate::i18n::{cli as t, codes};
use crate::storage::base::{self, Filter, OpenFilter, ServiceRow, SortKey};
use crate::storage::services;
use anyhow::{Result, anyhow, bail};
use chrono::{Datelike, NaiveDateTime, NaiveTime};
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BaseArgs {
    #[command(subcommand)]
    pub command: Option<BaseCommand>,
    /// Dzień, na który liczyć stan (RRRR-MM-DD; domyślnie dziś) · day to compute for
    #[arg(long)]
    pub date: Option<String>,
    /// Godzina dla „otwarte teraz” (GG:MM; domyślnie teraz, gdy dzień to dziś) · time for "open now"
    #[arg(long)]
    pub at: Option<String>,
    /// Wszystkie pola w JSON · all fields as JSON
    #[arg(long)]
    pub json: bool,
    /// Szukaj w nazwie, kodzie, realizatorze, obszarze, miejscu · text filter
    #[arg(long)]
    pub text: Option<String>,
    /// Obszar ustawowy · statutory area
    #[arg(long)]
    pub area: Option<String>,
    /// Grupa docelowa · target group
    #[arg(long)]
    pub group: Option<String>,
    /// Gmina albo miejscowość · gmina or village
    #[arg(long)]
    pub place: Option<String>,
    /// Realizator (nazwa albo numer) · provider
    #[arg(long)]
    pub provider: Option<String>,
    /// Baza tak, jak widzą ją mieszkańcy gminy (nazwa albo numer) · the base as a gmina's residents see it
    #[arg(long)]
    pub gmina: Option<String>,
    /// Tylko czynne w dniu RRRR-MM-DD · only open on that day
    #[arg(long, value_name = "DATE")]
    pub open_on: Option<String>,
    /// Tylko otwarte w chwili --date/--at · only open at that moment
    #[arg(long)]
    pub open_now: bool,
    /// Tylko z wolnymi jednostkami · only with units remaining
    #[arg(long)]
    pub has_remaining: bool,
    /// Sortuj: name, code, area, unit, provider, place, hours, fee, people, granted, used, remaining, waiting, status, updated
    #[arg(long, value_name = "KEY")]
    pub sort: Option<String>,
    /// Sortuj malejąco · descending
    #[arg(long)]
    pub desc: bool,
}

#[derive(Debug, Subcommand)]
pub enum BaseCommand {
    /// Ustaw limit puli w jednym okresie · set a pool's limit for one period
    SetLimit {
        /// Kod albo numer usługi · service code or id
        service: String,
        /// Okres: 2026-11, 2026-Q4, 2026 albo 2026-W48 (zgodny z rodzajem puli) · period label
        period: String,
        /// Liczba jednostek · units
        units: i64,
        /// Realizator, gdy usługa ma kilka pul · provider when the service has several pools
        #[arg(long)]
        provider: Option<String>,
    },
    /// Zawieś usługę (nic nowego nie jest z niej przyznawane) · suspend a service
    Suspend { service: String },
    /// Wznów zawieszoną usługę · resume a suspended service
    Resume { service: String },
    /// Dodaj albo zmień usługę · add or edit a service
    #[command(subcommand)]
    Service(Box<ServiceCommand>),
    /// Dodaj realizatora · add a provider
    #[command(subcommand)]
    Provider(ProviderCommand),
    /// Dodaj miejsce realizacji · add a place
    #[command(subcommand)]
    Location(LocationCommand),
    /// Godziny przyjęć: dodaj albo zakończ · opening hours: add or end
    #[command(subcommand)]
    Hours(HoursCommand),
    /// Pula jednostek z limitem na okres · a pool of units limited per period
    #[command(subcommand)]
    Pool(PoolCommand),
    /// Czasowe zamknięcie usługi (od–do, powód) · a temporary closure of a service
    Close {
        /// Kod albo numer usługi · service code or id
        service: String,
        /// Pierwszy dzień zamknięcia RRRR-MM-DD · first day closed
        #[arg(long)]
        from: String,
        /// Ostatni dzień zamknięcia RRRR-MM-DD włącznie · last day closed, inclusive
        #[arg(long)]
        to: String,
        /// Powód, np. remont · reason
        #[arg(long)]
        reason: String,
    },
    /// Szczegóły usługi: godziny, pule, lista oczekujących · a service's detail
    Show {
        service: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// The fields of a service; on `edit` only those given change.
#[derive(Debug, Args)]
pub struct ServiceOptions {
    /// Kod usługi (unikalny) · service code (unique)
    #[arg(long)]
    pub code: Option<String>,
    /// Nazwa · name
    #[arg(long)]
    pub name: Option<String>,
    /// Jednostka, np. godzina, kurs, posiłek · unit
    #[arg(long)]
    pub unit: Option<String>,
    /// Opis · description
    #[arg(long)]
    pub description: Option<String>,
    /// Opłata za jednostkę w zł, np. 12,50 (0 = bezpłatna) · fee per unit in złoty
    #[arg(long)]
    pub fee: Option<String>,
    /// Uwagi o opłacie · fee note
    #[arg(long)]
    pub fee_note: Option<String>,
    /// Zasady dostępu: otwarty, kryteria, odplatnosc_czesciowa · access rule
    #[arg(long)]
    pub access: Option<String>,
    /// Forma: indywidualna, grupowa, indywidualna_i_grupowa · form
    #[arg(long)]
    pub form: Option<String>,
    /// Dni od zgłoszenia do realizacji · days from request to delivery
    #[arg(long)]
    pub delivery_days: Option<String>,
    /// Realizator domyślny (nazwa albo numer) · default provider
    #[arg(long)]
    pub provider: Option<String>,
    /// Obszar ustawowy (można powtórzyć; zastępuje listę) · statutory area, repeatable
    #[arg(long)]
    pub area: Vec<String>,
    /// Grupa docelowa (można powtórzyć; zastępuje listę) · target group, repeatable
    #[arg(long)]
    pub group: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Dodaj usługę (wymagane --code, --name, --unit) · add a service
    Add(ServiceOptions),
    /// Zmień usługę; zmieniają się tylko podane pola · edit a service, only the given fields change
    Edit {
        /// Kod albo numer usługi · service code or id
        service: String,
        #[command(flatten)]
        options: ServiceOptions,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProviderCommand {
    /// Dodaj realizatora · add a provider
    Add {
        /// Nazwa · name
        #[arg(long)]
        name: String,
        /// Rodzaj: cus, jednostka_gminy, ngo, pes, firma · kind
        #[arg(long)]
        kind: String,
        /// Telefon · phone
        #[arg(long)]
        phone: Option<String>,
        /// E-mail · e-mail
        #[arg(long)]
        email: Option<String>,
        /// Adres · address
        #[arg(long)]
        address: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LocationCommand {
    /// Dodaj miejsce · add a place
    Add {
        /// Nazwa · name
        #[arg(long)]
        name: String,
        /// Adres · address
        #[arg(long)]
        address: Option<String>,
        /// Miejscowość (nazwa albo numer) · village
        #[arg(long)]
        village: Option<String>,
        /// Rodzaj: placówka, dom, zdalnie · kind
        #[arg(long)]
        kind: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Dodaj godziny w jednym dniu tygodnia · add weekly hours on one weekday
    Add {
        /// Kod albo numer usługi · service code or id
        service: String,
        /// Miejsce (nazwa albo numer) · place
        #[arg(long)]
        location: String,
        /// Dzień tygodnia 1–7 (1 = poniedziałek) · weekday, 1 = Monday
        #[arg(long)]
        weekday: String,
        /// Otwarcie GG:MM · opens
        #[arg(long)]
        opens: String,
        /// Zamknięcie GG:MM · closes
        #[arg(long)]
        closes: String,
        /// Obowiązują od RRRR-MM-DD · valid from
        #[arg(long)]
        from: String,
        /// Obowiązują do RRRR-MM-DD włącznie · valid to, inclusive
        #[arg(long)]
        to: Option<String>,
        /// Realizator (nazwa albo numer) · provider
        #[arg(long)]
        provider: Option<String>,
        /// Godziny obowiązują także w dni ustawowo wolne od pracy · the hours hold on public holidays too
        #[arg(long)]
        holidays: bool,
    },
    /// Zakończ godziny ostatnim dniem (historia zostaje) · end hours on a last day, keeping history
    End {
        /// Numer godzin · hours id
        hours_id: i64,
        /// Ostatni dzień RRRR-MM-DD · last day
        #[arg(long)]
        last_day: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PoolCommand {
    /// Dodaj pulę · add a pool
    Add {
        /// Kod albo numer usługi · service code or id
        service: String,
        /// Okres liczenia: week, month, quarter, year · counting period
        #[arg(long)]
        period: String,
        /// Limit jednostek na okres · units per period
        #[arg(long)]
        limit: String,
        /// Obowiązuje od RRRR-MM-DD · valid from
        #[arg(long)]
        from: String,
        /// Obowiązuje do RRRR-MM-DD włącznie · valid to, inclusive
        #[arg(long)]
        to: Option<String>,
        /// Realizator (nazwa albo numer) · provider
        #[arg(long)]
        provider: Option<String>,
    },
}

pub fn run(session: &mut Session, args: BaseArgs) -> Result<()> {
    let me = session.me.clone();
    match args.command {
        None => {
            me.require(Permission::SearchResidents)?;
            print_table(session, &args)
        }
        Some(BaseCommand::SetLimit { service, period, units, provider }) => {
            me.require(Permission::EditServiceBase)?;
            let (pool, range) = session.db.write(|tx| {
                let service_id = services::resolve_service(tx, &service)?;
                services::set_limit_by_label(tx, &me.login, service_id, &period, units, provider.as_deref())
            })?;
            println!("{}", t::limit_set(pool.id, &pool.period_kind.label(range), units));
            Ok(())
        }
        Some(BaseCommand::Suspend { service }) => set_suspended(session, &service, true),
        Some(BaseCommand::Resume { service }) => set_suspended(session, &service, false),
        Some(BaseCommand::Service(cmd)) => {
            me.require(Permission::EditServiceBase)?;
            edit::service(session, *cmd)
        }
        Some(BaseCommand::Provider(cmd)) => {
            me.require(Permission::EditServiceBase)?;
            edit::provider(session, cmd)
        }
        Some(BaseCommand::Location(cmd)) => {
            me.require(Permission::EditServiceBase)?;
            edit::location(session, cmd)
        }
        Some(BaseCommand::Hours(cmd)) => {
            me.require(Permission::EditServiceBase)?;
            edit::hours(session, cmd)
        }
        Some(BaseCommand::Pool(cmd)) => {
            me.require(Permission::EditServiceBase)?;
            edit::pool(session, cmd)
        }
        Some(BaseCommand::Close { service, from, to, reason }) => {
            me.require(Permission::EditServiceBase)?;
            edit::close(session, &service, &from, &to, &reason)
        }
        Some(BaseCommand::Show { service, date, json }) => {
            me.require(Permission::SearchResidents)?;
            let day = match date {
                Some(d) => super::date_option("--date", &d)?,
                None => crate::config::today(),
            };
            let conn = session.db.conn();
            let id = services::resolve_service(conn, &service)?;
            let snap = base::load_day(conn, day)?;
            let rows = base::compute(&snap, day, None);
            let row = rows.iter().find(|r| r.id == id).ok_or_else(|| anyhow!(t::no_such_service(&service)))?;
            let detail = base::detail(&snap, row).ok_or_else(|| anyhow!(t::no_such_service(&service)))?;
            if json {
                println!("{}", json_safe(&serde_json::to_string_pretty(&detail)?));
            } else {
                print_detail(conn, &detail)?;
            }
            Ok(())
        }
    }
}

fn set_suspended(session: &mut Session, service: &str, suspended: bool) -> Result<()> {
    let me = session.me.clone();
    me.require(Permission::EditServiceBase)?;
    let name = session.db.write(|tx| {
        let id = services::resolve_service(tx, service)?;
        services::set_suspended(tx, &me.login, id, suspended)?;
        services::service_name(tx, id)
    })?;
    println!("{}", t::service_suspended(&display_safe(&name), suspended));
    Ok(())
}

fn filter_from(session: &Session, args: &BaseArgs, moment: Option<NaiveDateTime>) -> Result<Filter> {
    let provider_id = match &args.provider {
        Some(p) => Some(services::resolve_provider(session.db.conn(), p)?),
        None => None,
    };
    let open = match (&args.open_on, args.open_now) {
        (Some(_), true) => bail!(t::open_filters_exclusive()),
        (Some(d), false) => Some(OpenFilter::On(super::date_option("--open-on", d)?)),
        (None, true) => Some(OpenFilter::At(moment.ok_or_else(|| anyhow!(t::open_now_needs_time()))?)),
        (None, false) => None,
    };
    Ok(Filter {
        text: args.text.clone().unwrap_or_default(),
        area: args.area.clone(),
        target_group: args.group.clone(),
        place: args.place.clone(),
        // `--gmina` names one gmina exactly and is applied to the rows before this filter.
        gmina: None,
        provider_id,
        open,
        has_remaining: args.has_remaining,
    })
}

fn print_table(session: &Session, args: &BaseArgs) -> Result<()> {
    let today = crate::config::today();
    let day = match &args.date {
        Some(d) => super::date_option("--date", d)?,
        None => today,
    };
    let moment = match &args.at {
        Some(t) => {
            Some(day.and_time(NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| anyhow!(t::bad_time("--at")))?))
        }
        None if day == today => Some(day.and_time(chrono::Local::now().time())),
        None => None,
    };
    let sort = match &args.sort {
        Some(k) => Some(SortKey::from_code(k).ok_or_else(|| {
            anyhow!(t::unknown_sort(k, &SortKey::ALL.iter().map(|k| k.code()).collect::<Vec<_>>().join(", ")))
        })?),
        None => None,
    };
    let filter = filter_from(session, args, moment)?;
    let mut rows = base::table(session.db.conn(), day, moment)?;
    let gmina = match &args.gmina {
        Some(g) => Some(gmina_name(session.db.conn(), g)?),
        None => None,
    };
    if let Some(name) = &gmina {
        rows = rows.iter().filter_map(|r| base::seen_by(r, |g| g == name)).collect();
    }
    let mut shown = filter.apply(&rows);
    if let Some(key) = sort {
        base::sort_rows(&mut shown, key, args.desc);
    }
    if args.json {
        println!("{}", json_safe(&serde_json::to_string_pretty(&shown)?));
        return Ok(());
    }
    if let Some(name) = &gmina {
        println!("{}", t::base_for_gmina(&display_safe(name)));
    }
    let h = t::base_table_header();
    println!("{:<23} {:<8} {:<12} {:>4} {:>5} {:>5} {:>5} {}", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]);
    for row in &shown {
        println!("{}", text_line(row));
    }
    for row in &shown {
        if let Some(c) = &row.closure_today {
            println!("{}", t::closure_line(&cut(&row.name, 23), c.days.start, c.days.end, &display_safe(&c.reason)));
        }
    }
    if let Some(holiday) = rows.first().and_then(|r| r.holiday) {
        println!("{}", t::holiday_note(day, codes::holiday(holiday.code())));
    }
    println!("{}", t::base_footer(day, shown.len(), rows.len()));
    Ok(())
}

/// The name of the gmina given by name or number.
fn gmina_name(conn: &rusqlite::Connection, given: &str) -> Result<String> {
    let id = crate::storage::places::resolve_gmina(conn, given)?;
    let names = crate::storage::places::names(conn)?;
    Ok(names.into_iter().find(|(g, _)| *g == id).map(|(_, name)| name).unwrap_or_default())
}

fn cut(text: &str, width: usize) -> String {
    let safe = display_safe(text);
    if safe.chars().count() <= width {
        return safe.into_owned();
    }
    let mut out: String = safe.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn today_text(row: &ServiceRow) -> String {
    let Some(first) = row.hours_today.first() else {
        return match (&row.closure_today, row.holiday) {
            (Some(_), _) => t::closure_word(),
            (None, Some(_)) => t::holiday_word(),
            (None, None) => t::closed_today(),
        };
    };
    // One mark fits the column: open now matters more than further openings today.
    let mark = match (row.open_now == Some(true), row.hours_today.len() > 1) {
        (true, _) => "*",
        (false, true) => "+",
        (false, false) => "",
    };
    format!("{}–{}{mark}", first.opens.format("%H:%M"), first.closes.format("%H:%M"))
}

fn opt(n: Option<i64>) -> String {
    n.map_or_else(|| "—".to_string(), |n| n.to_string())
}

/// One row of the text table, 79 columns wide.
pub fn text_line(row: &ServiceRow) -> String {
    format!(
        "{:<23} {:<8} {:<12} {:>4} {:>5} {:>5} {:>5} {}",
        cut(&row.name, 23),
        cut(&row.unit, 8),
        today_text(row),
        row.people,
        row.granted,
        row.used,
        opt(row.remaining),
        codes::pool_status(base::status_label(row.status))
    )
}

fn print_detail(conn: &rusqlite::Connection, d: &base::ServiceDetail) -> Result<()> {
    let r = &d.row;
    let status = codes::pool_status(base::status_label(r.status));
    println!("{} ({}) — {status}", display_safe(&r.name), display_safe(&r.code));
    println!("{}", t::areas(&display_safe(&r.areas.join(", "))));
    println!("{}", t::target_groups(&display_safe(&r.target_groups.join(", "))));
    println!("{}", t::providers(&display_safe(&r.providers.join(", "))));
    println!("{}", t::access_and_form(codes::access_rule(&r.access_rule), codes::service_form(&d.form)));
    println!("{}", t::fee_line(&t::fee(r.fee_grosze, &display_safe(&r.unit)), &display_safe(&d.fee_note)));
    println!("{}", t::delivery_time(d.delivery_days));
    if !d.description.is_empty() {
        println!("{}", t::description(&display_safe(&d.description)));
    }
    println!("{}", t::hours_heading());
    for h in &r.hours {
        let to = (h.valid.end.year_ce().1 < 9999).then_some(h.valid.end);
        println!(
            "  {:<24} {} {}  {}",
            cut(&h.place, 24),
            t::weekday_short(h.weekday),
            h.span_text(),
            t::valid_span(h.valid.start, to)
        );
    }
    for c in r.closure_today.iter().chain(&r.closures_ahead) {
        println!("{}", t::closure_line(&t::closure_word(), c.days.start, c.days.end, &display_safe(&c.reason)));
    }
    println!("{}", t::pools_heading());
    if r.pools.is_empty() {
        println!("  {}", t::no_limit());
    }
    for p in &r.pools {
        let who = p.provider.as_deref().map(|n| format!(" ({})", display_safe(n))).unwrap_or_default();
        for c in [&p.current, &p.next] {
            println!("  {}", t::pool_period(p.pool_id, &who, &c.label, c.limit, c.granted, c.used, c.remaining));
        }
    }
    println!("{}", t::waiting_heading(d.waiting_list.len()));
    for w in &d.waiting_list {
        println!("  {}", t::waiting_entry(&display_safe(&w.resident_name), w.filed_on, w.units));
    }
    println!(
        "{}",
        t::last_change(&t::local_stamp(&r.updated_at), &super::staff::People::load(conn)?.name(&r.updated_by))
    );
    Ok(())
}
