//! The Traditional Chinese catalogue, one file per area.

mod bulk_email;
mod common;
mod cut_over;
mod dms;
mod errors;
mod home;
mod login;
mod mail;
mod mailbox;
mod maintain;
mod operator;
mod password;
mod provider;
mod settings;
mod two_factor;

use super::Catalogue;

pub(super) const CATALOGUE: Catalogue = Catalogue {
    bulk_email: bulk_email::TEXTS,
    common: common::TEXTS,
    operator: operator::TEXTS,
    cut_over: cut_over::TEXTS,
    dms: dms::TEXTS,
    login: login::TEXTS,
    password: password::TEXTS,
    two_factor: two_factor::TEXTS,
    home: home::TEXTS,
    settings: settings::TEXTS,
    errors: errors::TEXTS,
    mailbox: mailbox::TEXTS,
    mail: mail::TEXTS,
    maintain: maintain::TEXTS,
    provider: provider::TEXTS,
};
