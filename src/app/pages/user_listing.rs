//! The DMS's User Profile Listing (R28): the participant's profiles, paged, sorted and filtered
//! by the server; the page, the sort and the filters live in the address, so a reload or a
//! shared link shows the same list.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{paths, ErrorCode, ListingFilter, ListingSort, OtpChannel, UserListing};
use crate::app::client::use_api;
use crate::app::components::{DmsShell, TroubleCard};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{page_number, with_query, Page};
use crate::i18n::{fill, Catalogue};

/// A sort: its column and whether it runs the other way round.
type Sort = Option<(ListingSort, bool)>;

fn filter_label(t: &'static Catalogue, filter: ListingFilter) -> &'static str {
    match filter {
        ListingFilter::NoEmail => t.dms.filter_no_email,
        ListingFilter::Locked => t.dms.filter_locked,
        ListingFilter::Disabled => t.dms.filter_disabled,
        ListingFilter::Never2fa => t.dms.filter_never_2fa,
        ListingFilter::Inactive90Days => t.dms.filter_inactive,
    }
}

/// The filters' names, comma separated, as the query carries them.
fn filter_names(filters: &[ListingFilter]) -> String {
    filters
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

#[component]
pub fn UserListingPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.dms.user_profile_listing);
    let api = use_api();
    let query = use_query_map();
    let navigate = use_navigate();
    let page = Memo::new(move |_| page_number(&query.read()));
    let filters = Memo::new(move |_| {
        query
            .read()
            .get("filter")
            .map(|f| {
                f.split(',')
                    .filter_map(|name| ListingFilter::try_from(name).ok())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let sort = Memo::new(move |_| {
        let query = query.read();
        let column = query
            .get("sort")
            .and_then(|c| ListingSort::try_from(c.as_str()).ok());
        let descending = query.get("order").as_deref() == Some("desc");
        column.map(|c| (c, descending))
    });
    // The same query names the page's address and the API's.
    let at = move |path: &str, page: u32, filters: &[ListingFilter], sort: &Sort| {
        let filter = filter_names(filters);
        let page = page.to_string();
        let mut pairs = vec![("page", page.as_str())];
        if !filter.is_empty() {
            pairs.push(("filter", filter.as_str()));
        }
        if let Some((column, descending)) = sort {
            pairs.push(("sort", column.as_str()));
            pairs.push(("order", if *descending { "desc" } else { "asc" }));
        }
        with_query(path, &pairs)
    };
    let address = move |page: u32, filters: &[ListingFilter], sort: &Sort| {
        at(Page::DmsUsers.path(), page, filters, sort)
    };
    let listing = LocalResource::new(move || {
        let path = at(paths::DMS_USERS, page.get(), &filters.get(), &sort.get());
        async move { api.get::<UserListing>(&path).await }
    });
    let toggle = move |filter: ListingFilter| {
        let mut chosen = filters.get_untracked();
        if let Some(at) = chosen.iter().position(|f| *f == filter) {
            chosen.remove(at);
        } else {
            chosen.push(filter);
        }
        navigate(
            &address(1, &chosen, &sort.get_untracked()),
            Default::default(),
        );
    };

    view! {
        <DmsShell/>
        <section class="card wide" aria-labelledby="listing-title">
            <h1 id="listing-title">{move || i18n.t().dms.user_profile_listing}</h1>
            <fieldset class="filters">
                <legend>{move || i18n.t().dms.filters_heading}</legend>
                {ListingFilter::ALL.iter().copied().map(|filter| {
                    let name = filter.as_str();
                    let toggle = toggle.clone();
                    let (id, label_for) = (format!("filter-{name}"), format!("filter-{name}"));
                    view! {
                        <label for=label_for>
                            <input type="checkbox" id=id prop:checked=move || filters.get().contains(&filter)
                                on:change=move |_| toggle(filter)/>
                            {move || filter_label(i18n.t(), filter)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <p>
                <a download="" href=move || {
                    let filter = filter_names(&filters.get());
                    if filter.is_empty() { paths::DMS_USERS_CSV.to_owned() } else { format!("{}?filter={filter}", paths::DMS_USERS_CSV) }
                }>{move || i18n.t().dms.download}</a>
            </p>
            <Transition fallback=move || view! { <p>{move || i18n.t().common.loading}</p> }>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(listing) => view! { <ListingTable listing=listing address=address filters=filters sort=sort/> }.into_any(),
                        // Closed (R11) or not allowed: the server's words say what to do.
                        Err(e) if matches!(e.code, ErrorCode::OutsideServiceHours | ErrorCode::Forbidden) => view! {
                            <div class="message" role="alert"><p class="error">{e.message}</p></div>
                        }.into_any(),
                        Err(e) => {
                            let message = Signal::derive(move || Some(e.message.clone()));
                            view! { <TroubleCard message=message retry=Callback::new(move |_| listing.refetch())/> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// A column heading; a sortable one is a button that sorts by it (again: the other way round),
/// and says how the table is sorted now (`aria-sort`).
#[component]
fn ColumnHeading(
    label: Signal<&'static str>,
    #[prop(optional)] column: Option<ListingSort>,
    sort: Memo<Sort>,
    #[prop(optional, into)] choose: Option<Callback<ListingSort>>,
) -> impl IntoView {
    let state = move || {
        let (current, descending) = sort.get().unwrap_or((ListingSort::UserId, false));
        column.filter(|c| *c == current).map(|_| {
            if descending {
                "descending"
            } else {
                "ascending"
            }
        })
    };
    view! {
        <th scope="col" aria-sort=state>
            {match (column, choose) {
                (Some(column), Some(choose)) => view! {
                    <button type="button" class="link" on:click=move |_| choose.run(column)>{move || label.get()}</button>
                }.into_any(),
                _ => view! { {move || label.get()} }.into_any(),
            }}
        </th>
    }
}

#[component]
fn ListingTable(
    listing: UserListing,
    address: impl Fn(u32, &[ListingFilter], &Sort) -> String + Copy + Send + Sync + 'static,
    filters: Memo<Vec<ListingFilter>>,
    sort: Memo<Sort>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    let choose = Callback::new(move |column: ListingSort| {
        let descending = match sort.get_untracked() {
            Some((current, descending)) if current == column => !descending,
            None if column == ListingSort::UserId => true,
            _ => false,
        };
        navigate(
            &address(1, &filters.get_untracked(), &Some((column, descending))),
            Default::default(),
        );
    });
    let heading =
        move |text: fn(&'static Catalogue) -> &'static str| Signal::derive(move || text(i18n.t()));
    let pages = (listing.total.max(1) as u32).div_ceil(listing.per_page.max(1));
    let (page, total) = (listing.page, listing.total);
    let dash = || "–".to_owned();
    view! {
        <p role="status">{move || fill(i18n.t().dms.total, &[("count", &total.to_string())])}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t().dms.user_profile_listing>
            <table>
                <thead>
                    <tr>
                        <ColumnHeading label=heading(|t| t.dms.column_user_id) column=ListingSort::UserId sort=sort choose=choose/>
                        <ColumnHeading label=heading(|t| t.dms.column_name) column=ListingSort::Name sort=sort choose=choose/>
                        <ColumnHeading label=heading(|t| t.dms.column_email) column=ListingSort::Email sort=sort choose=choose/>
                        <ColumnHeading label=heading(|t| t.dms.column_status) column=ListingSort::Status sort=sort choose=choose/>
                        <ColumnHeading label=heading(|t| t.dms.column_channel) sort=sort/>
                        <ColumnHeading label=heading(|t| t.dms.column_locked) sort=sort/>
                        <ColumnHeading label=heading(|t| t.dms.column_enable_from) sort=sort/>
                        <ColumnHeading label=heading(|t| t.dms.column_disable_after) sort=sort/>
                        <ColumnHeading label=heading(|t| t.dms.column_last_login) column=ListingSort::LastLogin sort=sort choose=choose/>
                    </tr>
                </thead>
                <tbody>
                    {listing.users.into_iter().map(|user| {
                        let channel = user.otp_channel;
                        let passkeys = user.passkeys;
                        let locked = user.locked;
                        view! {
                            <tr>
                                <th scope="row">{user.user_id}</th>
                                <td>{user.name}</td>
                                <td>{user.email.unwrap_or_else(dash)}</td>
                                <td>{user.status}</td>
                                <td>{move || {
                                    // Every second factor the profile has (issue 17).
                                    let t = i18n.t();
                                    let factors: Vec<&str> = (passkeys > 0)
                                        .then_some(t.dms.channel_passkey)
                                        .into_iter()
                                        .chain(match channel {
                                            Some(OtpChannel::App) => Some(t.dms.channel_app),
                                            Some(OtpChannel::Email) => Some(t.dms.channel_email),
                                            None => None,
                                        })
                                        .collect();
                                    if factors.is_empty() { dash() } else { factors.join(", ") }
                                }}</td>
                                <td>{move || if locked { i18n.t().dms.yes } else { i18n.t().dms.no }}</td>
                                <td>{user.enable_from}</td>
                                <td>{user.disable_after.unwrap_or_else(dash)}</td>
                                <td>{user.last_login_at.unwrap_or_else(dash)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pages" aria-label=move || fill(i18n.t().dms.page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])>
            <span>{move || fill(i18n.t().dms.page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
            <Show when=move || { page > 1 }>
                <A href=move || address(page - 1, &filters.get(), &sort.get())>{move || i18n.t().dms.previous_page}</A>
            </Show>
            <Show when=move || { page < pages }>
                <A href=move || address(page + 1, &filters.get(), &sort.get())>{move || i18n.t().dms.next_page}</A>
            </Show>
        </nav>
    }
}
