//! The readiness chart (R29): per participant, two bars of 100 % each, drawn in SVG: how its
//! profiles have logged in (by 2FA, only by smartcard, never) and whether they have an e-mail.
//! The table beside it carries the same figures for a screen reader; the chart names them too.

use leptos::prelude::*;

use crate::api::ReadinessRow;
use crate::app::i18n::use_i18n;
use crate::i18n::{fill, Catalogue};

/// Width of the drawing in its own units; it scales to the page.
const WIDTH: f64 = 640.0;
const LABEL: f64 = 120.0;
const BAR: f64 = 14.0;
/// One participant's two bars and the gap after them.
const ROW: f64 = BAR * 2.0 + 14.0;

/// Each part of a bar: its colour class (style/main.css) and its legend text.
struct Part {
    class: &'static str,
    label: fn(&'static Catalogue) -> &'static str,
}

const LOG_IN: [Part; 3] = [
    Part {
        class: "part-2fa",
        label: |t| t.cut_over.col_two_factor,
    },
    Part {
        class: "part-smartcard",
        label: |t| t.cut_over.col_smartcard_only,
    },
    Part {
        class: "part-never",
        label: |t| t.cut_over.col_never,
    },
];

const EMAIL: [Part; 2] = [
    Part {
        class: "part-email",
        label: |t| t.cut_over.col_with_email,
    },
    Part {
        class: "part-no-email",
        label: |t| t.cut_over.col_without_email,
    },
];

/// The segments of one bar: where each starts and how wide it is.
fn segments(counts: &[i64], total: i64) -> Vec<(f64, f64)> {
    let span = WIDTH - LABEL;
    let mut x = LABEL;
    counts
        .iter()
        .map(|&n| {
            let width = if total > 0 {
                span * n as f64 / total as f64
            } else {
                0.0
            };
            let at = x;
            x += width;
            (at, width)
        })
        .collect()
}

/// What a screen reader hears for one participant.
pub fn describe(t: &'static Catalogue, row: &ReadinessRow, name: &str) -> String {
    fill(
        t.cut_over.chart_bar,
        &[
            ("participant", name),
            ("profiles", &row.profiles.to_string()),
            ("two_factor", &row.two_factor.to_string()),
            ("smartcard_only", &row.smartcard_only.to_string()),
            ("never", &row.never_logged_in.to_string()),
            ("without_email", &row.without_email.to_string()),
        ],
    )
}

/// `rows` as bars, `total` first when given (labelled with `total_label`).
#[component]
pub fn ReadinessChart(
    rows: Vec<ReadinessRow>,
    #[prop(optional)] total: Option<ReadinessRow>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all: Vec<(bool, ReadinessRow)> = total
        .into_iter()
        .map(|r| (true, r))
        .chain(rows.into_iter().map(|r| (false, r)))
        .collect();
    let height = ROW * all.len() as f64 + 8.0;
    view! {
        <figure class="chart">
            <figcaption id="readiness-chart-title">{move || i18n.t().cut_over.chart_title}</figcaption>
            <ul class="legend">
                {LOG_IN.iter().chain(EMAIL.iter()).map(|part| {
                    let label = part.label;
                    view! { <li><span class=format!("swatch {}", part.class) aria-hidden="true"></span>{move || label(i18n.t())}</li> }
                }).collect_view()}
            </ul>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="group" aria-labelledby="readiness-chart-title"
                preserveAspectRatio="xMinYMin meet">
                {all.into_iter().enumerate().map(|(index, (is_total, row))| {
                    let y = 4.0 + ROW * index as f64;
                    let id = row.participant_id.clone();
                    let name = move || if is_total { i18n.t().cut_over.total.to_owned() } else { id.clone() };
                    let described = row.clone();
                    let label = {
                        let name = name.clone();
                        move || describe(i18n.t(), &described, &name())
                    };
                    let login = segments(&[row.two_factor, row.smartcard_only, row.never_logged_in], row.profiles);
                    let email = segments(&[row.with_email, row.without_email], row.profiles);
                    view! {
                        <g role="img" aria-label=label>
                            <text x="0" y=y + BAR + 4.0 class="chart-label">{name}</text>
                            {login.into_iter().zip(LOG_IN.iter()).map(|((x, w), part)| view! {
                                <rect x=x y=y width=w height=BAR class=part.class/>
                            }).collect_view()}
                            {email.into_iter().zip(EMAIL.iter()).map(|((x, w), part)| view! {
                                <rect x=x y=y + BAR + 2.0 width=w height=BAR - 4.0 class=part.class/>
                            }).collect_view()}
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}
