//! The chosen language: a signal in context, remembered in local storage, mirrored into
//! `<html lang>` so that screen readers pronounce the page right.

use leptos::prelude::*;

use crate::i18n::{Catalogue, Language};

const STORAGE_KEY: &str = "ccass-access.language";

#[derive(Clone, Copy)]
pub struct I18n {
    pub language: RwSignal<Language>,
}

impl I18n {
    /// The current catalogue; read inside a closure so the view follows the language.
    pub fn t(&self) -> &'static Catalogue {
        self.language.get().catalogue()
    }

    pub fn get(&self) -> Language {
        self.language.get_untracked()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remembered() -> Option<Language> {
    Language::from_tag(&storage()?.get_item(STORAGE_KEY).ok().flatten()?)
}

fn browser_preference() -> Language {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Language::negotiate(&tag))
        .unwrap_or_default()
}

pub fn provide() -> I18n {
    let language = RwSignal::new(remembered().unwrap_or_else(browser_preference));
    Effect::new(move |_| {
        let language = language.get();
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, language.tag());
        }
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", language.tag());
        }
    });
    let i18n = I18n { language };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Sets the document title to "`page` – CCASS Access" in the current language.
pub fn use_title(page: impl Fn(&'static Catalogue) -> &'static str + 'static) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let t = i18n.t();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} – {}", page(t), t.common.app_name));
        }
    });
}
