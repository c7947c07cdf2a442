//! The runtime of the wasm's split points (the `split` feature): what a
//! `#[wasm_split]` function awaits before its code, in a wasm file of its
//! own, can run. `scripts/build-widget` cuts the file and writes the
//! `__wasm_split.js` that fetches it; this module asks that script to load
//! it once, and wakes the caller when it is there.
//!
//! `wasm_split_macros` (the attribute) expects this shape at
//! `wasm_split_path`; its own runtime crate does the same with a
//! thread-safe once-cell, which a single-threaded page does not need (and
//! which costs the first load more).

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A split file could not be fetched or instantiated (the browser console
/// has the reason); a later call tries again.
#[derive(Debug)]
pub struct SplitLoaderError;

pub mod rt {
    use super::*;

    pub type LoadCallbackFn = unsafe extern "C" fn(*const c_void, bool);
    pub type LoadFn = unsafe extern "C" fn(LoadCallbackFn, *const c_void);

    /// One split file: how to load it, and whether it is here.
    pub struct LazySplitLoader {
        load: LoadFn,
        loaded: Cell<bool>,
    }

    // SAFETY: the widget's wasm runs on the page's one thread; the static
    // the attribute declares is never touched from another.
    unsafe impl Sync for LazySplitLoader {}

    impl LazySplitLoader {
        /// # Safety
        /// `load` must call the callback exactly once with the data it was
        /// given (the generated `__wasm_split.js` does).
        pub const unsafe fn new(load: LoadFn) -> LazySplitLoader {
            LazySplitLoader {
                load,
                loaded: Cell::new(false),
            }
        }
    }

    /// Loads the file unless it is here already. Concurrent callers each
    /// ask; the script shares one fetch between them.
    pub async fn ensure_loaded(loader: Pin<&LazySplitLoader>) -> Result<(), SplitLoaderError> {
        let loader = loader.get_ref();
        if loader.loaded.get() {
            return Ok(());
        }
        let slot = Rc::new(RefCell::new(Slot::default()));
        // SAFETY: `completed` takes back exactly this one reference.
        unsafe { (loader.load)(completed, Rc::into_raw(slot.clone()).cast()) };
        if (Wait(slot)).await {
            loader.loaded.set(true);
            Ok(())
        } else {
            Err(SplitLoaderError)
        }
    }
}

#[derive(Default)]
struct Slot {
    done: Option<bool>,
    waker: Option<Waker>,
}

struct Wait(Rc<RefCell<Slot>>);

impl Future for Wait {
    type Output = bool;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
        let mut slot = self.0.borrow_mut();
        match slot.done {
            Some(success) => Poll::Ready(success),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

unsafe extern "C" fn completed(data: *const c_void, success: bool) {
    // SAFETY: `data` is the `Rc::into_raw` of `ensure_loaded`, given back once.
    let slot = unsafe { Rc::from_raw(data.cast::<RefCell<Slot>>()) };
    let waker = {
        let mut slot = slot.borrow_mut();
        slot.done = Some(success);
        slot.waker.take()
    };
    if let Some(waker) = waker {
        waker.wake();
    }
}
