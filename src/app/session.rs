//! The signed-in area: one guard loads who is signed in for every page behind it, shows the
//! log-in prompt only when the server says the session is gone (401), and for a failing server
//! or line says so and offers to try again.

use leptos::prelude::*;
use leptos_router::components::Outlet;

use super::client::use_api;
use super::components::TroubleCard;
use super::i18n::use_i18n;
use super::pages::SignInRequiredPage;
use crate::api::{paths, ApiError, ErrorCode, Me};

/// Who is signed in, for the pages behind [`SignedInArea`].
#[derive(Clone, Copy)]
pub struct Session {
    me: LocalResource<Result<Me, ApiError>>,
}

impl Session {
    /// The signed-in person; pages behind the guard render only once it is known.
    pub fn me(&self) -> Option<Me> {
        self.me.get().and_then(Result::ok)
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The guard of every page that needs a full session (the parent route of the signed-in area).
#[component]
pub fn SignedInArea() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let me = LocalResource::new(move || async move { api.get::<Me>(paths::SESSION).await });
    provide_context(Session { me });
    view! {
        <Transition fallback=move || view! { <p class="card">{move || i18n.t().common.loading}</p> }>
            <ErrorBoundary fallback=move |errors| {
                let failure = move || {
                    errors.get().iter().find_map(|(_, e)| e.downcast_ref::<ApiError>().cloned())
                };
                view! {
                    {move || match failure() {
                        Some(e) if e.code == ErrorCode::Unauthenticated => view! { <SignInRequiredPage/> }.into_any(),
                        failure => {
                            let message = Signal::derive(move || failure.clone().map(|e| e.message));
                            view! { <TroubleCard message=message retry=Callback::new(move |_| me.refetch())/> }.into_any()
                        }
                    }}
                }
            }>
                {move || Suspend::new(async move { me.await.map(|_| view! { <Outlet/> }) })}
            </ErrorBoundary>
        </Transition>
    }
}
