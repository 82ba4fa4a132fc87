//! The signed-in area: one guard loads who is signed in for every page behind it, shows the
//! log-in prompt only when the server says the session is gone (401), and for a failing server
//! or line says so and offers to try again.

use leptos::prelude::*;

use super::sign_in_required::SignInRequiredPage;
use crate::api::{ApiError, ErrorCode};
use crate::app::components::TroubleCard;
use crate::app::i18n::use_i18n;
use crate::app::session;

/// The guard of every page that needs a full session: `children` once the session is loaded.
#[component]
pub fn SignedInArea(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let me = session::provide();
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
                {move || {
                    let children = children.clone();
                    Suspend::new(async move { me.await.map(|_| children()) })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
