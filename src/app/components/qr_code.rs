use leptos::prelude::*;
use qrcode::render::svg;

/// Draws `data` as a QR code (SVG) in the browser; nothing about the secret leaves the page.
#[component]
pub fn QrCode(data: String, label: Signal<String>) -> impl IntoView {
    let image = qrcode::QrCode::new(data.as_bytes())
        .map(|code| {
            code.render::<svg::Color<'_>>()
                .min_dimensions(220, 220)
                .quiet_zone(true)
                .build()
        })
        // The wrapper carries the accessible name; the drawing itself is decoration.
        .map(|svg| svg.replacen("<svg", "<svg aria-hidden=\"true\" focusable=\"false\"", 1))
        .unwrap_or_default();
    view! { <div class="qr" role="img" aria-label=move || label.get() inner_html=image></div> }
}
