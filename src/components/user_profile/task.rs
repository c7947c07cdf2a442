//! One form's or one button's request: running, done (with what to say),
//! or failed (with the server's message). Each form of the panel has one.

use futures::future::LocalBoxFuture;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::error::ClerkError;

#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    Idle,
    Busy,
    /// Finished; the message says what changed.
    Done(AttrValue),
    Failed(ClerkError),
}

impl Task {
    pub fn busy(&self) -> bool {
        *self == Task::Busy
    }
}

/// Runs `work` unless a request of this task is under way already; the
/// task says how it went. (`work` is boxed: one copy of this for every
/// form, not one per request, 0.7 KB of the panel's gzipped wasm.)
pub fn run(
    task: &UseStateHandle<Task>,
    done: AttrValue,
    work: LocalBoxFuture<'static, Result<(), ClerkError>>,
) {
    if task.busy() {
        return;
    }
    task.set(Task::Busy);
    let task = task.clone();
    spawn_local(async move {
        task.set(match work.await {
            Ok(()) => Task::Done(done),
            Err(error) => Task::Failed(error),
        });
    });
}

/// What the person reads after a request: a polite status when it worked,
/// an alert with the server's words when it did not.
pub fn feedback(task: &Task) -> Html {
    match task {
        Task::Done(message) => html! {
            <p class="cl-formSuccessText" role="status">{ message.clone() }</p>
        },
        Task::Failed(error) => html! {
            <p class="cl-formFieldErrorText" role="alert" data-code={error.code.clone()}>
                { error.user_message().to_string() }
            </p>
        },
        Task::Idle | Task::Busy => Html::default(),
    }
}
