//! Bytes that gmseal hands to the caller.

use crate::boundary::call_infallible;
use crate::ptr;

/// A buffer gmseal allocated and the caller owns: DER, PEM, PDF, PNG, JSON
/// or text (not NUL-terminated). Free it with [`gmseal_bytes_free`].
///
/// Every function with a `gmseal_bytes *` out-parameter first resets it to
/// `{NULL, 0}` and fills it in on success only, so freeing it is always
/// safe after the call, whatever the call returned. Do not pass a buffer
/// that still holds an allocation: it would leak. Do not copy the struct and
/// free both copies.
#[repr(C)]
#[derive(Debug)]
pub struct gmseal_bytes {
    /// The bytes, or NULL when `len` is 0.
    pub data: *mut u8,
    /// The number of bytes.
    pub len: usize,
}

impl gmseal_bytes {
    /// `{NULL, 0}`.
    pub(crate) const EMPTY: Self = Self {
        data: core::ptr::null_mut(),
        len: 0,
    };
}

/// Free a buffer gmseal filled in (its bytes are zeroed first) and reset it
/// to `{NULL, 0}`, so a second call does nothing. `bytes` may be NULL, and
/// `*bytes` may be `{NULL, 0}`. Does not change the thread's last error.
#[unsafe(no_mangle)]
pub extern "C" fn gmseal_bytes_free(bytes: *mut gmseal_bytes) {
    call_infallible(|| ptr::free_bytes(bytes));
}
