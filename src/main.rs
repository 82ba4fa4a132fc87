//! Entry point of the SPA, built to wasm by Trunk.

#![forbid(unsafe_code)]

fn main() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "workplace")]
    ccass_access::app::pages::workplace_loaded();
    leptos::mount::mount_to_body(ccass_access::app::App);
}
