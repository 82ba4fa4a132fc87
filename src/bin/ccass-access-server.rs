//! The reference server: `ccass-access-server --help` lists every flag; `operator add` adds an
//! operator instead of serving.

#![forbid(unsafe_code)]

use ccass_access::server::config::{
    AuditCommand, ClientCommand, Command, Config, OperatorCommand, SecretsCommand,
    SigningKeyCommand,
};
use ccass_access::server::oidc::client::{ClientForm, ClientSettings};
use ccass_access::server::oidc::registration;
use ccass_access::server::provider::keys;
use ccass_access::server::security::jose::Alg;
use ccass_access::server::security::secrets::{self, KeyRing};
use ccass_access::server::seed::operator_setup::{add_operator, SETUP_HOURS};
use ccass_access::server::store::ChainReport;
use ccass_access::server::store::Store;
use ccass_access::server::{startup::Application, telemetry};
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let config = Config::parse();
    if let Some(Command::Operator(OperatorCommand::Add {
        id,
        name,
        email,
        base_url,
    })) = &config.command
    {
        let store =
            Store::connect_with(&config.database_url, config.database_max_connections).await?;
        let link = add_operator(
            &store,
            id,
            name,
            email.as_deref(),
            base_url,
            jiff::Timestamp::now(),
        )
        .await?;
        println!("Operator {id} added. Give them this link, valid {SETUP_HOURS} hours, to set their password:\n{link}");
        return Ok(());
    }
    match &config.command {
        Some(Command::Secrets(SecretsCommand::NewKey { id })) => {
            println!("{}", KeyRing::new_line(id));
            return Ok(());
        }
        Some(Command::Secrets(SecretsCommand::Reseal)) => {
            let keys = std::sync::Arc::new(secrets::load(&config)?);
            let store = Store::connect_with(&config.database_url, config.database_max_connections)
                .await?
                .with_secrets(keys);
            let resealed = store.reseal_secrets().await?;
            println!("{resealed} stored secrets sealed again with the key ring's first key.");
            return Ok(());
        }
        Some(Command::SigningKey(command)) => {
            let keys_ring = std::sync::Arc::new(secrets::load(&config)?);
            let store = Store::connect_with(&config.database_url, config.database_max_connections)
                .await?
                .with_secrets(keys_ring);
            signing_key(&store, command).await?;
            return Ok(());
        }
        Some(Command::Client(command)) => {
            let store =
                Store::connect_with(&config.database_url, config.database_max_connections).await?;
            client(&store, command).await?;
            return Ok(());
        }
        Some(Command::Openapi) => {
            println!(
                "{}",
                ccass_access::server::routes::openapi().to_pretty_json()?
            );
            return Ok(());
        }
        Some(Command::Backup { to }) => {
            let store =
                Store::connect_with(&config.database_url, config.database_max_connections).await?;
            store.backup_sqlite(to).await?;
            println!("Backed up into {}.", to.display());
            return Ok(());
        }
        Some(Command::Audit(AuditCommand::Verify)) => {
            let store =
                Store::connect_with(&config.database_url, config.database_max_connections).await?;
            match store.verify_audit_chain().await? {
                ChainReport::Intact { events } => {
                    println!("The audit trail's chain is intact: {events} events.");
                    return Ok(());
                }
                ChainReport::Broken { seq, event_id, why } => {
                    println!(
                        "The audit trail's chain is broken at event {seq} ({event_id}): {why}."
                    );
                    std::process::exit(1);
                }
            }
        }
        _ => {}
    }
    let app = Application::build(config).await?;
    app.print_banner();
    app.run_until_stopped().await?;
    Ok(())
}

/// `signing-key …`: what it did, or why not, in one line.
async fn signing_key(store: &Store, command: &SigningKeyCommand) -> anyhow::Result<()> {
    let now = jiff::Timestamp::now();
    match command {
        SigningKeyCommand::List => {
            for key in store.signing_keys().await? {
                let when =
                    |at: Option<jiff::Timestamp>| at.map(|t| t.to_string()).unwrap_or_default();
                println!(
                    "{}\t{}\t{}\tmade {}\tsigning from {}\treplaced {}",
                    key.kid,
                    key.alg.as_str(),
                    key.state,
                    key.created_at,
                    when(key.promoted_at),
                    when(key.replaced_at),
                );
            }
        }
        SigningKeyCommand::Stage { alg } => {
            let alg = Alg::parse(alg)?;
            let kid = keys::stage(store, alg, now).await?;
            println!("kid: {kid}");
            println!(
                "Staged: published in the JWKS from now. Promote it after {} s with `signing-key promote --kid {kid}`.",
                keys::STAGED_AT_LEAST.as_secs()
            );
        }
        SigningKeyCommand::Promote { kid } => {
            let replaced = keys::promote(store, kid, now).await?;
            println!("{kid} signs from now.");
            if let Some(old) = replaced {
                println!(
                    "{old} signs no more; retire it after {} minutes with `signing-key retire --kid {old}`.",
                    keys::LONGEST_TOKEN_LIFETIME.as_mins()
                );
            }
        }
        SigningKeyCommand::Retire { kid } => {
            keys::retire(store, kid, now).await?;
            println!("{kid} is retired: gone from the JWKS, its private part erased.");
        }
    }
    Ok(())
}

/// `client …`: the secret goes to this terminal only, on a line of its own.
async fn client(store: &Store, command: &ClientCommand) -> anyhow::Result<()> {
    match command {
        ClientCommand::Add {
            name,
            redirect_uris,
            post_logout_redirect_uris,
            backchannel_logout_uri,
            public,
            scopes,
            min_acr,
            id_token_alg,
            start_url,
        } => {
            let settings = ClientSettings::parse(&ClientForm {
                name,
                public: *public,
                redirect_uris,
                post_logout_redirect_uris,
                backchannel_logout_uri: backchannel_logout_uri.as_deref(),
                start_url: start_url.as_deref(),
                scopes,
                min_acr: min_acr.as_deref(),
                id_token_alg: id_token_alg.as_deref(),
            })?;
            let registered =
                registration::add_from_command_line(store, &settings, jiff::Timestamp::now())
                    .await?;
            println!("client_id: {}", registered.client_id);
            if let Some(secret) = &registered.secret {
                println!("client_secret: {}", secret.reveal());
            }
        }
        ClientCommand::List => {
            for client in store.clients().await? {
                let uris: Vec<&str> = client
                    .settings
                    .redirect_uris
                    .iter()
                    .map(|uri| uri.as_str())
                    .collect();
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    client.client_id,
                    client.settings.name.as_str(),
                    client.settings.kind,
                    if client.enabled {
                        "enabled"
                    } else {
                        "disabled"
                    },
                    uris.join(" "),
                );
            }
        }
    }
    Ok(())
}
