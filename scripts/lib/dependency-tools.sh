# The tools of scripts/check-dependencies (installed by scripts/setup --test too) and of
# scripts/sbom, pinned, from the crate registry. Both build with this machine's rustc (1.95).
CARGO_DENY_VERSION=0.20.2
CARGO_CYCLONEDX_VERSION=0.5.9

# install_cargo_tool CRATE VERSION: `cargo install --locked` unless that version is installed.
install_cargo_tool() {
  cargo "${1#cargo-}" --version 2>/dev/null | grep -q " $2\$" \
    || cargo install "$1" --version "$2" --locked
}
