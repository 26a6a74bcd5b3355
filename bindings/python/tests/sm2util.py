"""Test helpers independent of gmseal: SM3 (hashlib's when OpenSSL has it,
else a short pure-Python GB/T 32905 implementation), the SM2 ZA value, and
minimal DER builders for SM2 keys."""

from __future__ import annotations

import hashlib
import struct

# GB/T 32918.5 recommended curve parameters.
P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF
A = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC
B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93
GX = 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7
GY = 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0

DEFAULT_ID = b"1234567812345678"

_IV = [0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E]


def _rotl(x: int, n: int) -> int:
    n %= 32
    return ((x << n) | (x >> (32 - n))) & 0xFFFFFFFF


def _sm3_pure(data: bytes) -> bytes:
    """SM3 (GB/T 32905-2016), straight from the standard."""
    length = len(data) * 8
    data += b"\x80" + b"\0" * ((55 - len(data)) % 64) + struct.pack(">Q", length)
    v = list(_IV)
    for off in range(0, len(data), 64):
        w = list(struct.unpack(">16I", data[off : off + 64]))
        for j in range(16, 68):
            x = w[j - 16] ^ w[j - 9] ^ _rotl(w[j - 3], 15)
            w.append((x ^ _rotl(x, 15) ^ _rotl(x, 23)) ^ _rotl(w[j - 13], 7) ^ w[j - 6])
        w1 = [w[j] ^ w[j + 4] for j in range(64)]
        a, b, c, d, e, f, g, h = v
        for j in range(64):
            t = 0x79CC4519 if j < 16 else 0x7A879D8A
            ss1 = _rotl((_rotl(a, 12) + e + _rotl(t, j)) & 0xFFFFFFFF, 7)
            ss2 = ss1 ^ _rotl(a, 12)
            if j < 16:
                ff, gg = a ^ b ^ c, e ^ f ^ g
            else:
                ff = (a & b) | (a & c) | (b & c)
                gg = (e & f) | (~e & g)
            tt1 = (ff + d + ss2 + w1[j]) & 0xFFFFFFFF
            tt2 = (gg + h + ss1 + w[j]) & 0xFFFFFFFF
            d, c, b, a = c, _rotl(b, 9), a, tt1
            h, g, f, e = g, _rotl(f, 19), e, tt2 ^ _rotl(tt2, 9) ^ _rotl(tt2, 17)
        v = [x ^ y for x, y in zip(v, (a, b, c, d, e, f, g, h))]
    return struct.pack(">8I", *v)


def sm3(data: bytes) -> bytes:
    """SM3 of ``data``."""
    try:
        return hashlib.new("sm3", data).digest()
    except ValueError:
        return _sm3_pure(data)


def za(public_key: bytes, user_id: bytes = DEFAULT_ID) -> bytes:
    """ZA = SM3(ENTL || ID || a || b || xG || yG || xA || yA) for an
    uncompressed public key ``04 || x || y``."""
    assert len(public_key) == 65 and public_key[0] == 4
    entl = struct.pack(">H", len(user_id) * 8)
    params = b"".join(n.to_bytes(32, "big") for n in (A, B, GX, GY))
    return sm3(entl + user_id + params + public_key[1:])


def digest(public_key: bytes, message: bytes, user_id: bytes = DEFAULT_ID) -> bytes:
    """e = SM3(ZA || M)."""
    return sm3(za(public_key, user_id) + message)


def decompress(point: bytes) -> bytes:
    """A SEC1 point (compressed or not) as ``04 || x || y``."""
    if point[0] == 4:
        return point
    x = int.from_bytes(point[1:33], "big")
    y2 = (pow(x, 3, P) + A * x + B) % P
    y = pow(y2, (P + 1) // 4, P)  # P = 3 mod 4
    if y % 2 != point[0] % 2:
        y = P - y
    return b"\x04" + x.to_bytes(32, "big") + y.to_bytes(32, "big")


_SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200")


def spki(public_key: bytes) -> bytes:
    """DER SubjectPublicKeyInfo of an uncompressed SM2 public key."""
    return _SPKI_PREFIX + decompress(public_key)


def sec1_private_key(d: bytes) -> bytes:
    """DER SEC1 ECPrivateKey of a 32-byte scalar, with the SM2 curve OID and
    no public key."""
    body = bytes.fromhex("020101") + b"\x04\x20" + d + bytes.fromhex("a00a06082a811ccf5501822d")
    return b"\x30" + bytes([len(body)]) + body


def private_scalar(pkcs8_der: bytes) -> bytes:
    """The 32-byte scalar d of a PKCS#8 SM2 key (the ECPrivateKey's OCTET STRING)."""
    marker = bytes.fromhex("0201010420")
    at = pkcs8_der.index(marker) + len(marker)
    return pkcs8_der[at : at + 32]


def _self_test() -> None:
    assert _sm3_pure(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert _sm3_pure(b"abcd" * 16).hex() == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


_self_test()
