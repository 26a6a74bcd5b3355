//! Every `unsafe` operation of the crate: reading the caller's pointers,
//! writing its out-parameters, handing out and freeing allocations, and
//! calling the signing callback. Nothing else in the crate dereferences a raw
//! pointer (a unit test checks that no other file has an `unsafe` block).
//!
//! ## Unsafety
//!
//! These helpers are safe functions because every exported function promises
//! its C caller the same contract, stated once in the README and the header:
//! a non-NULL pointer points to memory that is valid for the stated length (or
//! up to a NUL for strings) and is not written concurrently for the duration
//! of the call; an out-pointer points to writable memory of its type; a
//! `gmseal_key *` is one that gmseal returned and has not been freed; a
//! `gmseal_bytes` passed to `gmseal_bytes_free` is one gmseal filled in. NULL
//! is always detected and reported. The references these helpers return
//! live only as long as the call that received the pointers.

use crate::bytes::gmseal_bytes;
use crate::error::Failure;
use crate::key::{CallbackFn, gmseal_key};
use core::ffi::{CStr, c_char, c_void};
use zeroize::Zeroize as _;

/// The bytes `data[..len]`, required: NULL is an error (also with `len == 0`).
pub(crate) fn bytes_in<'a>(data: *const u8, len: usize, name: &str) -> Result<&'a [u8], Failure> {
    bytes_opt(data, len, name)?.ok_or_else(|| Failure::null(name))
}

/// The bytes `data[..len]`, optional: `(NULL, 0)` is `None`; `(NULL, n > 0)`
/// is an error; a non-NULL pointer with length 0 is an empty slice.
pub(crate) fn bytes_opt<'a>(
    data: *const u8,
    len: usize,
    name: &str,
) -> Result<Option<&'a [u8]>, Failure> {
    if data.is_null() {
        return if len == 0 {
            Ok(None)
        } else {
            Err(Failure::null(name))
        };
    }
    if isize::try_from(len).is_err() {
        return Err(Failure::invalid(format!(
            "the length of {name} ({len}) is larger than any object can be"
        )));
    }
    // SAFETY: `data` is non-NULL and, by the caller's contract, valid for
    // reads of `len` bytes for the duration of the call; `len` fits in
    // `isize`; `u8` has no alignment requirement.
    Ok(Some(unsafe { core::slice::from_raw_parts(data, len) }))
}

/// A NUL-terminated UTF-8 string, required.
pub(crate) fn str_in<'a>(text: *const c_char, name: &str) -> Result<&'a str, Failure> {
    str_opt(text, name)?.ok_or_else(|| Failure::null(name))
}

/// A NUL-terminated UTF-8 string, optional (NULL is `None`).
pub(crate) fn str_opt<'a>(text: *const c_char, name: &str) -> Result<Option<&'a str>, Failure> {
    if text.is_null() {
        return Ok(None);
    }
    // SAFETY: `text` is non-NULL and, by the caller's contract, points to a
    // NUL-terminated string that stays valid and unchanged during the call.
    let c = unsafe { CStr::from_ptr(text) };
    c.to_str().map(Some).map_err(|_| Failure::utf8(name))
}

/// A key handle, required.
pub(crate) fn key_in<'a>(key: *const gmseal_key, name: &str) -> Result<&'a gmseal_key, Failure> {
    key_opt(key)?.ok_or_else(|| Failure::null(name))
}

/// A key handle, optional (NULL is `None`).
pub(crate) fn key_opt<'a>(key: *const gmseal_key) -> Result<Option<&'a gmseal_key>, Failure> {
    // SAFETY: a non-NULL `key` is, by the caller's contract, a handle made by
    // `into_key_handle` and not yet freed, so it points to a live `gmseal_key`;
    // handles are only read through shared references.
    Ok(unsafe { key.as_ref() })
}

/// An out-parameter for bytes, reset to `{NULL, 0}` as soon as it is checked
/// so that `gmseal_bytes_free` is safe on it whatever the call returns.
pub(crate) struct OutBytes(*mut gmseal_bytes);

impl OutBytes {
    /// Check `out` and reset it.
    pub(crate) fn new(out: *mut gmseal_bytes, name: &str) -> Result<Self, Failure> {
        if out.is_null() {
            return Err(Failure::null(name));
        }
        // SAFETY: `out` is non-NULL and, by the caller's contract, valid for a
        // write of one `gmseal_bytes`; `write` does not read the old value.
        unsafe { out.write(gmseal_bytes::EMPTY) };
        Ok(Self(out))
    }

    /// Hand `value` to the caller, who frees it with `gmseal_bytes_free`.
    pub(crate) fn set(self, value: Vec<u8>) {
        let bytes = if value.is_empty() {
            gmseal_bytes::EMPTY
        } else {
            let boxed: Box<[u8]> = value.into_boxed_slice();
            let len = boxed.len();
            let data = Box::into_raw(boxed).cast::<u8>();
            gmseal_bytes { data, len }
        };
        // SAFETY: checked non-NULL and writable in `new`.
        unsafe { self.0.write(bytes) };
    }
}

/// Free what [`OutBytes::set`] handed out (zeroed first: private keys pass
/// through these buffers), and reset `*bytes` to `{NULL, 0}`.
pub(crate) fn free_bytes(bytes: *mut gmseal_bytes) {
    // SAFETY: a non-NULL `bytes` is, by the caller's contract, a valid
    // `gmseal_bytes` that gmseal filled in (or reset).
    let Some(b) = (unsafe { bytes.as_mut() }) else {
        return;
    };
    if !b.data.is_null() {
        let slice = core::ptr::slice_from_raw_parts_mut(b.data, b.len);
        // SAFETY: `data` and `len` are those of a `Box<[u8]>` leaked by
        // `OutBytes::set` and not freed since (freeing resets them to NULL).
        let mut boxed = unsafe { Box::from_raw(slice) };
        boxed.zeroize();
        drop(boxed);
    }
    *b = gmseal_bytes::EMPTY;
}

/// An out-parameter for a key handle, reset to NULL as soon as it is checked.
pub(crate) struct OutKey(*mut *mut gmseal_key);

impl OutKey {
    /// Check `out` and reset it.
    pub(crate) fn new(out: *mut *mut gmseal_key, name: &str) -> Result<Self, Failure> {
        if out.is_null() {
            return Err(Failure::null(name));
        }
        // SAFETY: `out` is non-NULL and, by the caller's contract, valid for a
        // write of one pointer.
        unsafe { out.write(core::ptr::null_mut()) };
        Ok(Self(out))
    }

    /// Hand `key` to the caller, who frees it with `gmseal_key_free`.
    pub(crate) fn set(self, key: gmseal_key) {
        let handle = Box::into_raw(Box::new(key));
        // SAFETY: checked non-NULL and writable in `new`.
        unsafe { self.0.write(handle) };
    }
}

/// Free a key handle made by [`OutKey::set`] (NULL is ignored).
pub(crate) fn free_key(key: *mut gmseal_key) {
    if key.is_null() {
        return;
    }
    // SAFETY: by the caller's contract `key` came from `Box::into_raw` in
    // `OutKey::set` and is freed once; the key zeroizes itself on drop.
    drop(unsafe { Box::from_raw(key) });
}

/// A C signing callback and its user data.
pub(crate) struct Callback {
    function: CallbackFn,
    userdata: *mut c_void,
}

// SAFETY: the handle only stores the pointers; gmseal calls the callback
// synchronously on the thread that called the gmseal function. The header
// states that a callback key used from several threads at once needs a
// thread-safe callback, as any C API with user data does.
unsafe impl Send for Callback {}
// SAFETY: as for `Send`: the callback is never called by gmseal itself from
// another thread, and `&Callback` gives no access to `userdata`.
unsafe impl Sync for Callback {}

impl Callback {
    pub(crate) fn new(function: CallbackFn, userdata: *mut c_void) -> Self {
        Self { function, userdata }
    }

    /// Call the callback for `digest`, with `out` as the signature buffer.
    /// Returns its return value and the length it reported.
    pub(crate) fn call(&self, digest: &[u8; 32], out: &mut [u8]) -> (i32, usize) {
        let mut len = 0usize;
        // SAFETY: the function pointer was non-NULL when the handle was made
        // and, by the caller's contract, stays callable with `userdata` while
        // the handle lives; `digest` is 32 readable bytes, `out` is
        // `out.len()` writable bytes and `len` a writable `size_t`, all valid
        // for the duration of this synchronous call.
        let rc = unsafe {
            (self.function)(
                self.userdata,
                digest.as_ptr(),
                out.as_mut_ptr(),
                out.len(),
                &mut len,
            )
        };
        (rc, len)
    }
}

#[cfg(test)]
mod tests {
    /// `unsafe` appears in no other source file (only `#[unsafe(no_mangle)]`
    /// and the callback's `unsafe extern "C" fn` type).
    #[test]
    fn unsafe_lives_here_only() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == "ptr.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                let stripped = line
                    .replace("#[unsafe(no_mangle)]", "")
                    .replace("unsafe extern \"C\" fn", "");
                assert!(
                    !stripped.contains("unsafe"),
                    "{}:{}: `unsafe` outside src/ptr.rs: {line}",
                    path.display(),
                    i + 1
                );
            }
        }
    }
}
