//! A menu click on the page already shown reads its data again: the router does not navigate to
//! the address it is at, so the shells' links bump this tick and the pages' resources track it.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Refresh(RwSignal<u32>);

impl Refresh {
    /// Inside a resource: read again on every bump.
    pub fn track(&self) {
        self.0.track();
    }

    pub fn bump(&self) {
        self.0.update(|n| *n = n.wrapping_add(1));
    }
}

pub fn provide() {
    provide_context(Refresh(RwSignal::new(0)));
}

pub fn use_refresh() -> Refresh {
    expect_context::<Refresh>()
}
