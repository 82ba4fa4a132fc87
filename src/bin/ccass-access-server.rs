//! The reference server: `ccass-access-server --help` lists every flag.

use ccass_access::server::{config::Config, startup::Application, telemetry};
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let config = Config::parse();
    let app = Application::build(config).await?;
    app.print_banner();
    app.run_until_stopped().await?;
    Ok(())
}
