//! Listeners: called with a fresh [`Snapshot`] after every change.

use std::rc::Rc;

use super::{Clerk, Inner, Snapshot};

pub(super) type ListenerFn = Rc<dyn Fn(&Snapshot)>;

/// Removes its listener when dropped.
#[must_use = "the listener is removed when this handle is dropped"]
pub struct Listener {
    clerk: std::rc::Weak<Inner>,
    id: u64,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(inner) = self.clerk.upgrade() {
            Clerk { inner }.remove_listener(self.id);
        }
    }
}

impl Clerk {
    pub fn listener_count(&self) -> usize {
        self.inner.listeners.borrow().len()
    }

    /// Calls `f` now (once loaded) and after every change, until the
    /// returned handle is dropped.
    pub fn add_listener(&self, f: impl Fn(&Snapshot) + 'static) -> Listener {
        Listener {
            clerk: Rc::downgrade(&self.inner),
            id: self.listen(Rc::new(f)),
        }
    }

    /// Like [`Clerk::add_listener`], but the listener stays until
    /// [`Clerk::remove_listener`] is called with the returned id (the JS
    /// surface's listeners, whose unsubscribe function a page may drop).
    pub fn listen(&self, f: Rc<dyn Fn(&Snapshot)>) -> u64 {
        let id = self.inner.next_listener.get();
        self.inner.next_listener.set(id + 1);
        self.inner.listeners.borrow_mut().push((id, f.clone()));
        let snapshot = self.snapshot();
        if snapshot.loaded {
            f(&snapshot);
        }
        id
    }

    /// Removes a listener; ids are never reused, so a stale id removes nothing.
    pub fn remove_listener(&self, id: u64) {
        self.inner
            .listeners
            .borrow_mut()
            .retain(|(listener, _)| *listener != id);
    }

    pub(super) fn notify(&self) {
        let snapshot = self.snapshot();
        // Listeners may add or remove listeners: call a copy of the list.
        let listeners: Vec<ListenerFn> = self
            .inner
            .listeners
            .borrow()
            .iter()
            .map(|(_, f)| f.clone())
            .collect();
        for listener in listeners {
            listener(&snapshot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn listeners_stop_when_their_handle_drops() {
        let clerk = Clerk::new();
        let calls = Rc::new(Cell::new(0));
        let counter = calls.clone();
        let handle = clerk.add_listener(move |_| counter.set(counter.get() + 1));
        assert_eq!(calls.get(), 0, "not called before load");
        clerk.notify();
        assert_eq!(calls.get(), 1);
        drop(handle);
        clerk.notify();
        assert_eq!(calls.get(), 1);
        assert_eq!(clerk.listener_count(), 0);
    }
}
