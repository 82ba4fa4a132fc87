//! The User Profile Listing (R28): one participant's profiles, paged, sorted and filtered in
//! the database. Only whitelisted SQL fragments are joined into the statement; every value is a
//! bound parameter.

use jiff::civil::Date;
use jiff::Timestamp;

use super::{stored_date, Store};
pub use crate::api::{ListingFilter, ListingSort};
use crate::api::{LoginMethod, OtpChannel};
use crate::domain::{LoginId, ParticipantId, ProfileStatus};

pub struct ListingPage {
    pub sort: ListingSort,
    pub descending: bool,
    pub filters: Vec<ListingFilter>,
    pub limit: i64,
    pub offset: i64,
}

/// One profile as the listing shows it.
pub struct ListedProfile {
    pub user_id: LoginId,
    pub surname: String,
    pub other_names: String,
    pub email: Option<String>,
    pub status: ProfileStatus,
    pub otp_channel: Option<OtpChannel>,
    pub passkeys: i64,
    pub locked: bool,
    pub enable_from: Date,
    pub disable_after: Option<Date>,
    pub last_login_at: Option<Timestamp>,
    pub last_login_method: Option<LoginMethod>,
}

#[derive(sqlx::FromRow)]
struct ListingRow {
    user_id: String,
    surname: String,
    other_names: String,
    email: Option<String>,
    status: String,
    otp_channel: Option<String>,
    passkeys: i64,
    locked_at: Option<i64>,
    enable_from: String,
    disable_after: Option<String>,
    last_login_at: Option<i64>,
    last_login_method: Option<String>,
}

impl TryFrom<ListingRow> for ListedProfile {
    type Error = anyhow::Error;

    fn try_from(row: ListingRow) -> anyhow::Result<Self> {
        Ok(Self {
            user_id: super::stored_login_id(&row.user_id)?,
            surname: row.surname,
            other_names: row.other_names,
            email: row.email,
            status: ProfileStatus::try_from(row.status.as_str())?,
            otp_channel: row
                .otp_channel
                .as_deref()
                .map(OtpChannel::try_from)
                .transpose()?,
            passkeys: row.passkeys,
            locked: row.locked_at.is_some(),
            enable_from: stored_date(&row.enable_from)?,
            disable_after: row.disable_after.as_deref().map(stored_date).transpose()?,
            last_login_at: row
                .last_login_at
                .map(Timestamp::from_millisecond)
                .transpose()?,
            last_login_method: row
                .last_login_method
                .as_deref()
                .map(LoginMethod::try_from)
                .transpose()?,
        })
    }
}

fn condition(filter: ListingFilter) -> &'static str {
    match filter {
        ListingFilter::NoEmail => "p.email IS NULL",
        ListingFilter::Locked => {
            "EXISTS (SELECT 1 FROM credentials c WHERE c.login_id = p.user_id AND c.locked_at IS NOT NULL)"
        }
        ListingFilter::Disabled => "p.status = 'DISABLED'",
        ListingFilter::Never2fa => "p.first_two_factor_login_at IS NULL",
        ListingFilter::Inactive90Days => "(p.last_login_at IS NULL OR p.last_login_at < $2)",
    }
}

fn order_by(sort: ListingSort) -> &'static str {
    match sort {
        ListingSort::UserId => "p.user_id",
        ListingSort::Name => "p.surname, p.other_names",
        ListingSort::Email => "p.email",
        ListingSort::Status => "p.status",
        ListingSort::LastLogin => "p.last_login_at",
    }
}

impl Store {
    /// The total matching the filters, and the page asked for.
    /// A page of `participant`'s profiles, and with `with_agents` its settlement agents' users too
    /// (R27; asked only when it has some, so the usual listing reads one participant's index).
    pub async fn profile_listing(
        &self,
        participant: &ParticipantId,
        with_agents: bool,
        page: &ListingPage,
        now: Timestamp,
    ) -> anyhow::Result<(i64, Vec<ListedProfile>)> {
        let mut filters = String::new();
        for filter in &page.filters {
            filters.push_str(" AND ");
            filters.push_str(condition(*filter));
        }
        let cutoff = now.as_millisecond() - 90 * 24 * 3600 * 1000;
        // `$2` (the inactivity cutoff) is named even without its filter: PostgreSQL refuses a
        // statement that leaves a bound parameter unused.
        // Profiles only, by the participant's index; a page's few rows look up their
        // credentials one by one (a join made PostgreSQL read every participant's credentials).
        // Of an agent, its users only: its DA profiles are the agent's own business (issue 26).
        let whose = if with_agents {
            "(p.participant_id = $1 OR (p.da_role IS NULL AND p.participant_id IN \
             (SELECT a.participant_id FROM participants a WHERE a.principal_participant_id = $1)))"
        } else {
            "p.participant_id = $1"
        };
        let from = format!("FROM profiles p WHERE {whose} AND ($2 = $2){filters}");
        let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) {from}"))
            .bind(participant.as_str())
            .bind(cutoff)
            .fetch_one(&self.pool)
            .await?;
        let direction = if page.descending { "DESC" } else { "ASC" };
        // Empty values last in both databases; the user ID (never empty) breaks ties, so pages
        // never overlap, and sorting by it alone reads the participant's index in order.
        let mut order: Vec<String> = order_by(page.sort)
            .split(", ")
            .filter(|column| *column != "p.user_id")
            .map(|column| format!("{column} {direction} NULLS LAST"))
            .collect();
        order.push(format!("p.user_id {direction}"));
        let statement = format!(
            "SELECT p.user_id, p.surname, p.other_names, p.email, p.status, \
             (SELECT c.otp_channel FROM credentials c WHERE c.login_id = p.user_id) AS otp_channel, \
             (SELECT COUNT(*) FROM passkeys k WHERE k.login_id = p.user_id) AS passkeys, \
             (SELECT c.locked_at FROM credentials c WHERE c.login_id = p.user_id) AS locked_at, \
             p.enable_from, p.disable_after, p.last_login_at, p.last_login_method \
             {from} ORDER BY {} LIMIT $3 OFFSET $4",
            order.join(", ")
        );
        let rows: Vec<ListingRow> = sqlx::query_as(&statement)
            .bind(participant.as_str())
            .bind(cutoff)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?;
        let profiles = rows
            .into_iter()
            .map(ListedProfile::try_from)
            .collect::<anyhow::Result<_>>()?;
        Ok((total, profiles))
    }
}
