//! A panic kept inside: work handed to code ratebook does not trust to stay within its own
//! rules (a workbook library reading a damaged file, a call from Python) runs through
//! [`catching`], which turns a panic into the panic's message. While a thread is inside
//! [`catching`], a panic prints nothing (no backtrace on stderr, no "thread panicked" in a
//! notebook); everywhere else the panic hook is the one that was there before.
//!
//! It must never be used to hide ratebook's own mistakes from its tests: the message is
//! returned so that the caller reports it.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many [`catching`] calls this thread is inside.
    static INSIDE: Cell<usize> = const { Cell::new(0) };
}

static QUIET_HOOK: Once = Once::new();

/// Run `work`; a panic inside it is caught and returned as its message.
pub fn catching<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let before = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if INSIDE.with(Cell::get) == 0 {
                before(info);
            }
        }));
    });
    INSIDE.with(|inside| inside.set(inside.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(work));
    INSIDE.with(|inside| inside.set(inside.get() - 1));
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with no message".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::catching;

    #[test]
    fn a_panic_becomes_its_message() {
        let caught = catching(|| -> u8 { panic!("index 9 out of range") });
        assert_eq!(caught, Err("index 9 out of range".to_string()));
        assert_eq!(catching(|| 7), Ok(7));
    }

    #[test]
    fn catching_inside_catching_keeps_counting() {
        let outer = catching(|| {
            let inner = catching(|| -> u8 { panic!("inner") });
            assert!(inner.is_err());
            3
        });
        assert_eq!(outer, Ok(3));
    }
}
