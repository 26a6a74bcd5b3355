"""SM2 signing keys: in memory, or held by a Python signing function (an HSM,
a USB key, a remote signing service)."""

from __future__ import annotations

import ctypes
import threading
from typing import Any, Callable, Optional, Union

from . import _lib
from ._lib import PathLike

__all__ = ["PrivateKey", "SignFunction"]

#: A signing function for :meth:`PrivateKey.from_signer`: given the 32-byte
#: SM2 digest ``e = SM3(ZA || M)`` (ZA with the user ID ``1234567812345678``),
#: it returns the SM2 signature of that digest, DER ``SEQUENCE { r, s }`` or
#: raw 64-byte ``r || s``.
SignFunction = Callable[[bytes], bytes]

Password = Union[str, bytes, None]


def _password(password: Password) -> "tuple[Optional[bytes], int]":
    if password is None:
        return None, 0
    raw = _lib.text_bytes(password, "password")
    return raw, len(raw)


class PrivateKey:
    """An SM2 signing key, owning a ``gmseal_key`` handle.

    Use it as a context manager so that the key is wiped when the block ends::

        with PrivateKey.generate() as key:
            spki = key.public_key_der

    :meth:`close` frees the handle explicitly; the garbage collector frees it
    otherwise. Using a closed key raises :class:`~gmseal.InvalidArgumentError`.
    A key may be used from several threads at once (a :meth:`from_signer`
    function then must be thread-safe), but must not be closed while another
    thread is using it.
    Instances are made by :meth:`generate`, :meth:`load`, :meth:`load_file`
    and :meth:`from_signer`, not by calling the class.
    """

    __slots__ = ("_handle", "_signer", "_trampoline", "_lock", "__weakref__")

    _handle: Optional[int]
    _signer: Optional[SignFunction]
    _trampoline: Any
    _lock: threading.Lock

    def __init__(self) -> None:
        raise TypeError(
            "use PrivateKey.generate(), PrivateKey.load(), PrivateKey.load_file() "
            "or PrivateKey.from_signer()"
        )

    @classmethod
    def _adopt(
        cls, handle: ctypes.c_void_p, signer: Optional[SignFunction] = None, trampoline: Any = None
    ) -> "PrivateKey":
        key = object.__new__(cls)
        key._handle = handle.value
        key._signer = signer
        key._trampoline = trampoline
        key._lock = threading.Lock()
        return key

    # --- construction -----------------------------------------------------

    @classmethod
    def generate(cls) -> "PrivateKey":
        """A fresh SM2 key pair from the operating system's random generator."""
        out = ctypes.c_void_p()
        _lib.call("gmseal_key_generate", ctypes.byref(out))
        return cls._adopt(out)

    @classmethod
    def load(cls, data: Union[bytes, str], password: Password = None) -> "PrivateKey":
        """Load a private key: PEM (``str`` or ``bytes``) or DER; PKCS#8, SEC1
        (``EC PRIVATE KEY``, also OpenSSL's ``SM2 PRIVATE KEY``) or encrypted
        PKCS#8 (PBES2 with SM4-CBC).

        Args:
            data: the key file's contents.
            password: the password of an encrypted key (``str`` is encoded as
                UTF-8).

        Raises:
            CryptoError: ``crypto.password-required`` (encrypted, no password),
                ``crypto.wrong-password``, ``crypto.pem``, ...
            DecodeError: ``decode.malformed``.
        """
        raw = data.encode("utf-8") if isinstance(data, str) else _lib.to_bytes(data, "data")
        pw, pw_len = _password(password)
        out = ctypes.c_void_p()
        _lib.call("gmseal_key_load", raw, len(raw), pw, pw_len, ctypes.byref(out))
        return cls._adopt(out)

    @classmethod
    def load_file(cls, path: PathLike, password: Password = None) -> "PrivateKey":
        """Load a private key from a file (see :meth:`load`)."""
        return cls.load(_lib.read_file(path, "key file"), password)

    @classmethod
    def from_signer(cls, public_key_spki: bytes, sign: SignFunction) -> "PrivateKey":
        """A key whose signatures ``sign`` makes, for the public key given as
        DER ``SubjectPublicKeyInfo``: the way to use an HSM or a remote
        signing service from Python.

        ``sign(digest)`` receives the 32-byte SM2 digest ``e = SM3(ZA || M)``
        and returns its SM2 signature, DER or raw 64-byte ``r || s``. It is
        called synchronously on the thread that called gmseal. gmseal checks the
        signature against the public key before using it. When ``sign`` raises,
        the gmseal call fails with :class:`~gmseal.CryptoError`
        (``crypto.signer``) whose ``__cause__`` is the exception raised; a
        ``KeyboardInterrupt`` is re-raised as is.

        The key keeps ``sign`` and the ctypes callback alive until it is
        closed. It has no private key: :meth:`export_pem` refuses it.
        """
        if not callable(sign):
            raise _lib.invalid("sign must be callable: sign(digest: bytes) -> bytes")
        spki = _lib.to_bytes(public_key_spki, "public_key_spki")

        def trampoline(
            _userdata: Any, digest: Any, out: Any, capacity: int, out_len: Any
        ) -> int:
            try:
                signature = sign(ctypes.string_at(digest, 32))
                if isinstance(signature, (bytearray, memoryview)):
                    signature = bytes(signature)
                if not isinstance(signature, bytes):
                    raise TypeError(
                        "the signing function must return bytes, not "
                        f"{type(signature).__name__}"
                    )
                if len(signature) > capacity:
                    raise ValueError(
                        f"the signature has {len(signature)} bytes, more than the "
                        f"{capacity} gmseal has room for"
                    )
                ctypes.memmove(out, signature, len(signature))
                out_len[0] = len(signature)
                return 0
            except BaseException as e:  # noqa: BLE001 - nothing may cross into C
                try:
                    _lib.set_callback_exception(e)
                except BaseException:  # noqa: BLE001
                    pass
                return -1

        callback = _lib.SIGN_CALLBACK(trampoline)
        out = ctypes.c_void_p()
        _lib.call("gmseal_key_from_callback", spki, len(spki), callback, None, ctypes.byref(out))
        return cls._adopt(out, sign, callback)

    # --- use --------------------------------------------------------------

    @property
    def handle(self) -> int:
        """The ``gmseal_key *`` (as an int) for calls into the C library.

        Raises :class:`~gmseal.InvalidArgumentError` when the key is closed."""
        handle = self._handle
        if handle is None:
            raise _lib.invalid("the key is closed")
        return handle

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._handle is None

    @property
    def is_external(self) -> bool:
        """Whether a signing function (:meth:`from_signer`) holds the key."""
        return self._signer is not None

    @property
    def public_key_der(self) -> bytes:
        """The public key as DER ``SubjectPublicKeyInfo``."""
        return _lib.call_bytes("gmseal_key_public_key", self.handle)

    @property
    def public_key(self) -> bytes:
        """The public key as the 65-byte uncompressed point ``04 || x || y``
        (the last 65 bytes of :attr:`public_key_der`)."""
        return self.public_key_der[-65:]

    def export_pem(self, password: Password = None) -> str:
        """The private key as PEM: PKCS#8 ``PRIVATE KEY``, or, with a password,
        ``ENCRYPTED PRIVATE KEY`` (PBES2, PBKDF2-HMAC-SM3, SM4-CBC).

        Raises :class:`~gmseal.InvalidArgumentError` for a key held by a
        signing function."""
        pw, pw_len = _password(password)
        return _lib.call_bytes("gmseal_key_export", self.handle, pw, pw_len).decode("ascii")

    def sign_digest(self, digest: bytes) -> bytes:
        """Sign a 32-byte digest ``e = SM3(ZA || M)``; returns the DER SM2
        signature. With a :meth:`from_signer` key this calls its function."""
        raw = _lib.to_bytes(digest, "digest")
        if len(raw) != 32:
            raise _lib.invalid(f"digest must be 32 bytes, not {len(raw)}")
        return _lib.call_bytes("gmseal_key_sign_digest", self.handle, raw)

    def close(self) -> None:
        """Free the handle (a private key is wiped). Closing twice does nothing."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            handle, self._handle = self._handle, None
        if handle is not None:
            try:
                _lib.lib().function("gmseal_key_free")(handle)
            finally:
                self._signer = None
                self._trampoline = None

    def __enter__(self) -> "PrivateKey":
        self.handle  # noqa: B018 - refuse a closed key
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # Safety net: free the handle if close() was never called. At
        # interpreter shutdown the library may already be gone.
        try:
            self.close()
        except Exception:  # noqa: BLE001
            pass

    def __repr__(self) -> str:
        if self._handle is None:
            return "<gmseal.PrivateKey closed>"
        kind = "external signer" if self._signer is not None else "SM2"
        return f"<gmseal.PrivateKey {kind}>"
