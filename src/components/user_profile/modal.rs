//! The dialog around the account panel: a native `<dialog>` shown with
//! `showModal()`, so the page behind is inert, it sits in the top layer,
//! Escape closes it, and focus goes back where it was when it closes;
//! Tab stays inside it.

use web_sys::HtmlDialogElement;
use yew::prelude::*;

use crate::hooks::use_focus_trap;

#[derive(Properties, PartialEq, Clone)]
pub struct ModalProps {
    /// Called once the dialog has closed.
    pub on_close: Callback<()>,
    pub children: Html,
}

#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let shown = dialog.cast::<HtmlDialogElement>();
            if let Some(dialog) = &shown {
                let _ = dialog.show_modal();
            }
            // Unmounted while open (the page unmounted the button): close
            // it, which gives focus back.
            move || {
                if let Some(dialog) = shown.filter(|d| d.open()) {
                    dialog.close();
                }
            }
        });
    }
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    let onclose = props.on_close.reform(|_: Event| ());
    // Tab and Shift+Tab go round the dialog's own controls, never out to
    // the browser's.
    let onkeydown = use_focus_trap(dialog.clone());
    html! {
        <dialog ref={dialog} class="cl-modal" aria-label="Account" {onclose} {onkeydown}>
            <button type="button" class="cl-modalCloseButton" aria-label="Close" onclick={close}>
                <svg width="16" height="16" viewBox="0 0 16 16" fill="none" aria-hidden="true" focusable="false">
                    <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
                </svg>
            </button>
            { props.children.clone() }
        </dialog>
    }
}
