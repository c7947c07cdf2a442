//! One running operation that several callers await: the in-flight load or
//! sign-out that identical concurrent calls join instead of repeating.
//!
//! futures' `Shared` does this too, at about 4 KB of wasm; the widget only
//! needs one result type and a single thread.

use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use futures::future::LocalBoxFuture;

use crate::error::ClerkError;

pub type Outcome = Result<(), ClerkError>;

#[derive(Default)]
struct Slot {
    outcome: Option<Outcome>,
    waiting: Vec<Waker>,
}

/// A spawned operation; clones share it.
#[derive(Clone)]
pub struct InFlight(Rc<RefCell<Slot>>);

impl InFlight {
    /// Starts `work` on the page's event loop: it runs to the end even when
    /// no caller awaits it any more.
    pub fn spawn(work: LocalBoxFuture<'static, Outcome>) -> InFlight {
        let slot = Rc::new(RefCell::new(Slot::default()));
        let filled = slot.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = work.await;
            let waiting = {
                let mut slot = filled.borrow_mut();
                slot.outcome = Some(outcome);
                std::mem::take(&mut slot.waiting)
            };
            for waker in waiting {
                waker.wake();
            }
        });
        InFlight(slot)
    }

    /// The operation's outcome, once it has one.
    pub fn outcome(&self) -> impl Future<Output = Outcome> {
        let slot = self.0.clone();
        poll_fn(move |cx| {
            let mut slot = slot.borrow_mut();
            match &slot.outcome {
                Some(outcome) => Poll::Ready(outcome.clone()),
                None => {
                    slot.waiting.push(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
    }
}
