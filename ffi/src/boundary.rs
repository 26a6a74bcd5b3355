//! The panic boundary every exported function runs in, and the bookkeeping
//! of the thread's last error.

use crate::error::{self, Failure, gmseal_result};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Run the body of a fallible exported function: a panic becomes
/// `GMSEAL_INTERNAL_PANIC`, an error its code, and the thread's last error
/// is set (or cleared on success) when the body has finished, so that a
/// signing callback that calls gmseal again cannot disturb it.
pub(crate) fn call(body: impl FnOnce() -> Result<(), Failure>) -> gmseal_result {
    // Unwind safety: a panic abandons the call; the body shares no state
    // with other calls but the thread-local error, which is set afterwards.
    let failure = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => None,
        Ok(Err(failure)) => Some(failure),
        Err(payload) => Some(Failure::panic(payload.as_ref())),
    };
    error::set_last(failure.as_ref());
    failure.map_or(gmseal_result::GMSEAL_OK, |f| f.result)
}

/// Run the body of a function that cannot fail (the `_free` functions): a
/// panic is swallowed, and the thread's last error is left alone.
pub(crate) fn call_infallible(body: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(body));
}

/// Run the body of a function that returns a value, with `fallback` when it
/// panics; the thread's last error is left alone.
pub(crate) fn call_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{last_code, last_message};

    fn text(p: *const core::ffi::c_char) -> Option<String> {
        crate::ptr::str_opt(p, "p")
            .ok()
            .flatten()
            .map(str::to_owned)
    }

    #[test]
    #[allow(clippy::panic)]
    fn panics_become_codes() {
        let r = call(|| panic!("boom"));
        assert_eq!(r, gmseal_result::GMSEAL_INTERNAL_PANIC);
        assert_eq!(text(last_code()).as_deref(), Some("internal.panic"));
        assert!(text(last_message()).is_some_and(|m| m.contains("boom")));
        assert_eq!(call(|| Ok(())), gmseal_result::GMSEAL_OK);
        assert!(last_code().is_null() && last_message().is_null());
    }

    #[test]
    fn errors_are_per_thread() {
        let r = call(|| Err(Failure::null("x")));
        assert_eq!(r, gmseal_result::GMSEAL_FFI_NULL_ARGUMENT);
        std::thread::spawn(|| assert!(last_code().is_null()))
            .join()
            .unwrap();
        assert_eq!(text(last_code()).as_deref(), Some("ffi.null-argument"));
    }
}
