//! Command-line flags, each with an environment fallback (`--help` lists both).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use ipnet::IpNet;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/ccass-access.db";

/// How long each kind of record is kept, in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    pub audit_days: u32,
    pub archive_days: u32,
    pub mail_days: u32,
    pub session_days: u32,
}

/// Connections each instance opens to PostgreSQL unless told otherwise.
pub const DEFAULT_POSTGRES_CONNECTIONS: u32 = 10;

/// The key ring every test server shares, so that instances of one test read each other's
/// secrets. Known to anyone reading this file: tests only.
pub const TEST_SECRETS_KEYS: &str = "test MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

#[derive(Clone, Debug, Parser)]
#[command(
    name = "ccass-access-server",
    version,
    about = "CCASS Access reference server: the JSON API under /api and the SPA"
)]
pub struct Config {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "CCASS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// PEM certificate chain: with `--tls-key`, the server speaks HTTPS itself (with HSTS).
    #[arg(long, env = "CCASS_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key of `--tls-cert`.
    #[arg(long, env = "CCASS_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Browsers reach the server through a reverse proxy that terminates TLS: the session cookie
    /// stays Secure and answers carry HSTS. Needs `--trusted-proxy`.
    #[arg(long, env = "CCASS_BEHIND_TLS_PROXY", requires = "trusted_proxy")]
    pub behind_tls_proxy: bool,

    /// Database: `sqlite://PATH` (created on first start) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,

    /// At most this many connections to PostgreSQL per instance: keep the sum over every
    /// instance below the server's `max_connections`.
    #[arg(long, env = "CCASS_DATABASE_MAX_CONNECTIONS", default_value_t = DEFAULT_POSTGRES_CONNECTIONS)]
    pub database_max_connections: u32,

    /// The key ring that seals secrets at rest (TOTP secrets, authorisation-code keys, mail
    /// waiting in the outbox): a file of lines `<id> <base64 of 32 bytes>`, the sealing key
    /// first. Required outside `--demo` (which keeps one beside its SQLite database).
    #[arg(long, env = "CCASS_SECRETS_KEYS_FILE")]
    pub secrets_keys_file: Option<PathBuf>,

    /// The same key ring given inline (for a secrets manager that sets the environment).
    #[arg(long, env = "CCASS_SECRETS_KEYS", hide_env_values = true)]
    pub secrets_keys: Option<String>,

    /// Directory of the built SPA (Trunk's `dist/`).
    #[arg(long, env = "CCASS_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// SMTP server for OTP e-mails, e.g. `smtp://127.0.0.1:1025`; absent means the local demo
    /// mailbox at /dev/mailbox.
    #[arg(long, env = "CCASS_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The WebAuthn relying party ID: the host name passkeys are bound to (never an IP address).
    #[arg(long, env = "CCASS_RP_ID", default_value = "localhost")]
    pub rp_id: String,

    /// The origin browsers reach the server at, e.g. `https://ccass.example.com`; its host is
    /// the relying party ID or a name under it. On `localhost` any port is accepted.
    #[arg(long, env = "CCASS_RP_ORIGIN", default_value = "http://localhost:8080")]
    pub rp_origin: String,

    /// The OpenID Provider's issuer: the origin browsers and applications reach this server
    /// at, e.g. `https://ccass.example.com`. On a loopback address it defaults to
    /// `http://localhost:<port>`; elsewhere it must be https and is required once a client is
    /// registered.
    #[arg(long, env = "CCASS_ISSUER")]
    pub issuer: Option<String>,

    /// Load the demo participants and profiles if the database is empty, and print their
    /// credentials.
    #[arg(long, env = "CCASS_DEMO")]
    pub demo: bool,

    /// Let tests set the server's clock through POST /api/test/clock (never in production).
    #[arg(long, env = "CCASS_TEST_CLOCK")]
    pub test_clock: bool,

    /// Let tests create participants of their own through POST /api/test/participants
    /// (never in production).
    #[arg(long, env = "CCASS_TEST_FIXTURES")]
    pub test_fixtures: bool,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "CCASS_SESSION_IDLE_MINUTES", default_value_t = 15)]
    pub session_idle_minutes: u32,

    /// Hours after log-in at which a session ends however active it is.
    #[arg(long, env = "CCASS_SESSION_ABSOLUTE_HOURS", default_value_t = 8)]
    pub session_absolute_hours: u32,

    /// Log-in, reset and OTP attempts allowed per user ID from one client address per minute;
    /// beyond it the answer is 429 with Retry-After.
    #[arg(long, env = "CCASS_THROTTLE_PER_USER", default_value_t = 10)]
    pub throttle_per_user: u32,

    /// Attempts allowed per user ID per minute from all addresses together (a looser ceiling,
    /// so that a stranger cannot spend the user's own allowance).
    #[arg(long, env = "CCASS_THROTTLE_PER_USER_CEILING", default_value_t = 50)]
    pub throttle_per_user_ceiling: u32,

    /// Attempts allowed per client address per minute, across all user IDs.
    #[arg(long, env = "CCASS_THROTTLE_PER_ADDRESS", default_value_t = 120)]
    pub throttle_per_address: u32,

    /// Reverse proxies whose `X-Forwarded-For` is believed (addresses or CIDR ranges, comma
    /// separated); from any other peer the header is ignored.
    #[arg(long, env = "CCASS_TRUSTED_PROXY", value_delimiter = ',', value_parser = parse_network)]
    pub trusted_proxy: Vec<IpNet>,

    /// Seconds a client may take to send a request's headers before the connection is closed.
    #[arg(long, env = "CCASS_HEADER_TIMEOUT_SECONDS", default_value_t = 10)]
    pub header_timeout_seconds: u64,

    /// Seconds a whole request (body and answer) may take before it is cut off.
    #[arg(long, env = "CCASS_REQUEST_TIMEOUT_SECONDS", default_value_t = 30)]
    pub request_timeout_seconds: u64,

    /// Days the audit trail is kept (seven years by default, as securities records are).
    #[arg(long, env = "CCASS_RETAIN_AUDIT_DAYS", default_value_t = 2557)]
    pub retain_audit_days: u32,

    /// Days a profile archived at the cut-over is kept for restoring.
    #[arg(long, env = "CCASS_RETAIN_ARCHIVE_DAYS", default_value_t = 2557)]
    pub retain_archive_days: u32,

    /// Days a delivered or abandoned mail's record (no body) is kept.
    #[arg(long, env = "CCASS_RETAIN_MAIL_DAYS", default_value_t = 90)]
    pub retain_mail_days: u32,

    /// Days the record of a session unused since is kept (a session itself ends long before).
    #[arg(long, env = "CCASS_RETAIN_SESSION_DAYS", default_value_t = 1)]
    pub retain_session_days: u32,

    /// A command to run instead of serving (`operator add …`).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `10.0.0.0/8` or a single address such as `10.1.2.3`.
fn parse_network(raw: &str) -> Result<IpNet, String> {
    let raw = raw.trim();
    raw.parse::<IpNet>()
        .or_else(|_| raw.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{raw:?} is neither an IP address nor a CIDR range"))
}

impl Config {
    pub fn retention(&self) -> Retention {
        Retention {
            audit_days: self.retain_audit_days,
            archive_days: self.retain_archive_days,
            mail_days: self.retain_mail_days,
            session_days: self.retain_session_days,
        }
    }

    /// The configuration a test starts from: a free port, the given database, nothing else.
    pub fn for_tests(database_url: &str) -> Self {
        Self::parse_from([
            "ccass-access-server",
            "--secrets-keys",
            TEST_SECRETS_KEYS,
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            database_url,
            "--test-clock",
            "--test-fixtures",
        ])
    }
}

/// What the binary does instead of serving.
#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// The clearing house's operators (R6a).
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// The key ring of the secrets at rest.
    #[command(subcommand)]
    Secrets(SecretsCommand),
    /// The audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The OpenID Provider's clients: the applications that trust its log-in.
    #[command(subcommand)]
    Client(ClientCommand),
    /// The OpenID Provider's signing keys: stage a new one, promote it, retire the old.
    #[command(subcommand)]
    SigningKey(SigningKeyCommand),
    /// Prints the API's OpenAPI 3.1 document (as `/api/openapi.json` serves it) and exits.
    Openapi,
    /// An online backup of the SQLite database into a new file (PostgreSQL: use pg_dump).
    Backup {
        /// The new file; it must not exist.
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(Clone, Debug, Subcommand)]
pub enum AuditCommand {
    /// Walks the audit trail's hash chain; names the first event that no longer fits. Exits
    /// non-zero when the chain is broken.
    Verify,
}

#[derive(Clone, Debug, Subcommand)]
pub enum ClientCommand {
    /// Registers a client at once (whoever runs this holds the database; the operator console
    /// registers under four eyes) and prints `client_id: …` and, for a confidential client,
    /// `client_secret: …`, which is shown this once and stored only as a hash.
    Add {
        /// The application's name, as the launcher shows it.
        #[arg(long)]
        name: String,
        /// Where the browser comes back with a code: compared to the letter. https, or http on
        /// localhost or a loopback address. Repeat for more.
        #[arg(long = "redirect-uri", required = true)]
        redirect_uris: Vec<String>,
        /// Where the browser may go after logging out at CCASS Access. Repeat for more.
        #[arg(long = "post-logout-redirect-uri")]
        post_logout_redirect_uris: Vec<String>,
        /// Where logout tokens are posted when a session that gave it tokens ends.
        #[arg(long)]
        backchannel_logout_uri: Option<String>,
        /// A client that cannot keep a secret (in a browser, on a device): PKCE, no secret.
        #[arg(long)]
        public: bool,
        /// The scopes it may ask for (openid is always among them); default: every one.
        #[arg(long = "scope")]
        scopes: Vec<String>,
        /// The lowest level of log-in it accepts (`urn:ccass:acr:app-otp` …); default: any.
        #[arg(long)]
        min_acr: Option<String>,
        /// RS256 (the default) or ES256.
        #[arg(long)]
        id_token_alg: Option<String>,
        /// Where the launcher opens it.
        #[arg(long)]
        start_url: Option<String>,
    },
    /// Lists the clients: ID, name, kind, state, redirect URIs.
    List,
}

#[derive(Clone, Debug, Subcommand)]
pub enum SigningKeyCommand {
    /// Lists the keys: kid, algorithm, state and dates.
    List,
    /// Makes a new key, published in the JWKS from now and signing nothing yet.
    Stage {
        /// RS256 or ES256.
        #[arg(long, default_value = "RS256")]
        alg: String,
    },
    /// The staged key signs its algorithm's tokens from now; the key it replaces stays
    /// published until it is retired.
    Promote {
        #[arg(long)]
        kid: String,
    },
    /// A replaced key leaves the JWKS, once no token it signed can still be valid.
    Retire {
        #[arg(long)]
        kid: String,
    },
}

#[derive(Clone, Debug, Subcommand)]
pub enum SecretsCommand {
    /// Prints a new key ring line with a random key: put it first in the ring to rotate.
    NewKey {
        /// The key's id, unique in the ring (`2027-01`).
        #[arg(long)]
        id: String,
    },
    /// Seals every stored secret again with the ring's first key (and seals any stored before
    /// sealing existed); then older keys can leave the ring.
    Reseal,
}

#[derive(Clone, Debug, Subcommand)]
pub enum OperatorCommand {
    /// Adds an operator and prints a one-time link, valid 24 hours, where they set their
    /// password; they register their app at the first log-in. The first operator comes from
    /// here; later ones are added in the console under four eyes.
    Add {
        /// The operator's ID: organisation, a hyphen, 2-8 letters or digits (`HKEX-OP03`).
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        /// Where their notices go.
        #[arg(long)]
        email: Option<String>,
        /// The address browsers reach the server at, for the link (`https://ccass.example.com`).
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        base_url: String,
    },
}
