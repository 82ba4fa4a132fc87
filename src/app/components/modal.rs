use leptos::html::Dialog;
use leptos::prelude::*;

/// A native modal `<dialog>`: the browser traps focus, Escape closes it, and focus returns to
/// whatever opened it.
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    labelled_by: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let Some(element) = dialog.get() else { return };
        if open.get() {
            if !element.open() {
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    view! {
        <dialog class="modal" node_ref=dialog aria-labelledby=labelled_by on:close=move |_| open.set(false)>
            {move || open.get().then(|| children())}
        </dialog>
    }
}
