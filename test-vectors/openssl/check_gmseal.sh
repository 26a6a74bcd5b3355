#!/usr/bin/env bash
# Cross-checks gmseal-made test vectors with OpenSSL 3 (an independent implementation).
#
#   - pki/gmseal: every certificate and CRL signature verifies with OpenSSL under
#     ZA(1234567812345678) (`openssl verify -vfyopt distid:...` per link, and
#     `openssl pkeyutl -verify -pkeyopt distid:...` over the TBS bytes); subject,
#     serial and dates as `openssl x509` prints them match pki/vectors.json;
#   - pkcs8_encrypted.json tcId 1 (gmseal's PBKDF2-HMAC-SM3 + SM4-CBC key) decrypts with
#     `openssl kdf` + `openssl enc -d -sm4-cbc` to the Annex A private key;
#   - cms/empty-id.p7s verifies with `openssl cms -verify` (OpenSSL uses the empty ID);
#   - seal/: for every test of seal/vectors.json, the maker signature of the seal (over the
#     stored DER of SES_SealInfo) and the signer signature of the seal signature (over the
#     stored DER of TBS_Sign) verify with `openssl pkeyutl -verify -digest sm3 -pkeyopt distid:...`
#     exactly when the test expects `passed` (the empty ID, i.e. no distid, when the test sets
#     acceptEmptyId; raw r||s values are re-encoded as DER for OpenSSL), and dataHash equals
#     `openssl dgst -sm3` of the original exactly when the test expects the data-hash check to pass.
#
# Not needed by the tests; run it after regenerating the vectors. Exit status 0 = all agree.
set -euo pipefail
cd "$(dirname "$0")/.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
DISTID=distid:1234567812345678

# Split a signed DER structure (certificate, CRL) into its TBS and signature value.
split_signed() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
def hdr(i):
    l = d[i + 1]
    if l < 0x80:
        return i + 2, l
    n = l & 0x7f
    return i + 2 + n, int.from_bytes(d[i + 2:i + 2 + n], 'big')
s, _ = hdr(0)
ts, tl = hdr(s)
alg = ts + tl
a, al = hdr(alg)
bs, bl = hdr(a + al)
open(sys.argv[2], 'wb').write(d[s:ts + tl])
open(sys.argv[3], 'wb').write(d[bs + 1:bs + bl])  # skip the unused-bits byte
PY
}
sigcheck() { # what der issuer.pem
    split_signed "$2" "$TMP/tbs" "$TMP/sig"
    openssl x509 -in "$3" -noout -pubkey >"$TMP/pub"
    if openssl pkeyutl -verify -rawin -digest sm3 -pubin -inkey "$TMP/pub" -in "$TMP/tbs" -sigfile "$TMP/sig" -pkeyopt $DISTID >/dev/null; then
        ok "$1: signature verifies under ZA(1234567812345678) (pkeyutl)"
    else
        bad "$1: signature does not verify (pkeyutl)"
    fi
}

G=pki/gmseal
json() { python3 -c "import json,sys; v=json.load(open('$1')); $2"; }
for c in root ca seal-maker signer signer-revoked tsa signer-no-crl-dp root-2065; do
    issuer=ca
    case $c in root | ca) issuer=root ;; root-2065) issuer=root-2065 ;; esac
    sigcheck "$c.der" $G/$c.der $G/$issuer.pem
    if [ "$issuer" != "$c" ]; then
        if openssl verify -vfyopt $DISTID -partial_chain -CAfile $G/$issuer.pem $G/$c.pem >/dev/null 2>&1; then
            ok "$c.pem: openssl verify -vfyopt $DISTID -partial_chain -CAfile $issuer.pem"
        else
            bad "$c.pem: openssl verify"
        fi
    fi
    want=$(json pki/vectors.json "
t = [t for g in v['testGroups'] for t in g['tests'] if t.get('file') == 'gmseal/$c.der'][0]
print(t['serial'], t['notBefore'], t['notAfter'], t['subject'])")
    got="$(openssl x509 -in $G/$c.pem -noout -serial | sed 's/serial=//' | tr 'A-F' 'a-f') \
$(date -u -d "$(openssl x509 -in $G/$c.pem -noout -startdate | sed 's/notBefore=//')" +%Y-%m-%dT%H:%M:%SZ) \
$(date -u -d "$(openssl x509 -in $G/$c.pem -noout -enddate | sed 's/notAfter=//')" +%Y-%m-%dT%H:%M:%SZ) \
$(openssl x509 -in $G/$c.pem -noout -subject -nameopt RFC2253,-esc_msb | sed 's/^subject=//')"
    if [ "$got" = "$want" ]; then ok "$c: openssl x509 shows $got"; else bad "$c: openssl x509 shows '$got', vectors.json says '$want'"; fi
    ski=$(openssl x509 -in $G/$c.pem -noout -ext subjectKeyIdentifier | sed -n 2p | tr -d ' :' | tr 'A-F' 'a-f')
    bits=$(openssl x509 -in $G/$c.pem -noout -pubkey | openssl pkey -pubin -outform DER | tail -c 65 | openssl dgst -sm3 -binary | head -c 20 | xxd -p)
    if [ "$ski" = "$bits" ]; then ok "$c: subjectKeyIdentifier = first 20 bytes of openssl dgst -sm3 (public key bits)"; else bad "$c: subjectKeyIdentifier $ski, SM3 of the key bits $bits"; fi
done
sigcheck ca-crl.der $G/ca-crl.der $G/ca.pem
sigcheck root-crl.der $G/root-crl.der $G/root.pem
revoked=$(openssl crl -in $G/ca-crl.pem -noout -text | awk '/Serial Number:/{print tolower($3)}')
want=$(json pki/vectors.json "print([t for g in v['testGroups'] for t in g['tests'] if t.get('file') == 'gmseal/ca-crl.der'][0]['revoked'][0]['serial'])")
if [ "$revoked" = "$want" ]; then ok "ca-crl: openssl crl lists serial $revoked"; else bad "ca-crl: openssl crl lists '$revoked', expected '$want'"; fi

# gmseal's encrypted PKCS#8 (GmSSL format), decrypted with OpenSSL primitives.
json pkcs8_encrypted.json "
t = v['testGroups'][0]['tests'][0]
open('$TMP/p8.der', 'wb').write(bytes.fromhex(t['der']))
open('$TMP/p8.pw', 'w').write(t['password'])
open('$TMP/p8.d', 'w').write(t['privateKey'])"
octets=$(openssl asn1parse -inform DER -in "$TMP/p8.der" | sed -n 's/.*OCTET STRING.*\[HEX DUMP\]://p')
salt=$(echo "$octets" | sed -n 1p) iv=$(echo "$octets" | sed -n 2p) data=$(echo "$octets" | sed -n 3p)
iter=$((16#$(openssl asn1parse -inform DER -in "$TMP/p8.der" | awk -F: '/prim: INTEGER/{print $NF; exit}')))
key=$(openssl kdf -keylen 16 -kdfopt digest:SM3 -kdfopt "hexpass:$(cat "$TMP/p8.pw")" -kdfopt "hexsalt:$salt" -kdfopt "iter:$iter" PBKDF2 | tr -d ':')
echo "$data" | xxd -r -p | openssl enc -d -sm4-cbc -K "$key" -iv "$iv" >"$TMP/p8.plain"
d=$(openssl pkey -inform DER -in "$TMP/p8.plain" -text -noout | awk '/^priv:/{f=1;next} /^pub:/{f=0} f' | tr -d ' :\n')
if [ "${d: -64}" = "$(cat "$TMP/p8.d")" ]; then
    ok "pkcs8_encrypted.json tcId 1: openssl kdf (PBKDF2-HMAC-SM3, $iter iterations) + enc -d -sm4-cbc + pkey give the Annex A key"
else
    bad "pkcs8_encrypted.json tcId 1: OpenSSL decrypts it to d = $d"
fi

# CMS: OpenSSL verifies SM2 CMS with the empty ID only.
if openssl cms -verify -binary -inform DER -in cms/empty-id.p7s -content cms/content.txt -noverify -out /dev/null 2>/dev/null; then
    ok "cms/empty-id.p7s: openssl cms -verify -binary -noverify succeeds"
else
    bad "cms/empty-id.p7s: openssl cms -verify fails"
fi
if openssl cms -verify -binary -inform DER -in cms/empty-id.p7s -content cms/content-modified.txt -noverify -out /dev/null 2>/dev/null; then
    bad "cms/empty-id.p7s over content-modified.txt: openssl cms -verify succeeds"
else
    ok "cms/empty-id.p7s over content-modified.txt: openssl cms -verify fails (digest mismatch)"
fi
if openssl cms -verify -binary -inform DER -in cms/rfc5652.p7s -content cms/content.txt -noverify -out /dev/null 2>/dev/null; then
    bad "cms/rfc5652.p7s: OpenSSL 3.0 verified a default-ID SM2 CMS signature (unexpected)"
else
    ok "cms/rfc5652.p7s: openssl cms -verify fails as expected (OpenSSL uses the empty ID, the file the default ID)"
fi
# The default-ID CMS signatures, checked directly: SM2 over DER(SET OF signed attributes).
for f in rfc5652 gmt0010 no-signing-time; do
    python3 - cms/$f.p7s "$TMP/attrs" "$TMP/sig" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
def children(i):
    """(start, header end, end) of each element inside the element at i."""
    def hdr(j):
        l = d[j + 1]
        if l < 0x80:
            return j + 2, l
        n = l & 0x7f
        return j + 2 + n, int.from_bytes(d[j + 2:j + 2 + n], 'big')
    s, l = hdr(i)
    out, j = [], s
    while j < s + l:
        h, n = hdr(j)
        out.append((j, h, h + n))
        j = h + n
    return out
signed_data = children(children(0)[1][0])[0][0]        # ContentInfo.content [0] -> SignedData
signer_infos = children(signed_data)[-1][0]            # signerInfos SET
signer_info = children(signer_infos)[0][0]
parts = children(signer_info)
attrs = [p for p in parts if d[p[0]] == 0xA0][0]
sig = parts[-1]
open(sys.argv[2], 'wb').write(b'\x31' + d[attrs[0] + 1:attrs[2]])
open(sys.argv[3], 'wb').write(d[sig[1]:sig[2]])
PY
    openssl x509 -in pki/gmseal/signer.pem -noout -pubkey >"$TMP/pub"
    if openssl pkeyutl -verify -rawin -digest sm3 -pubin -inkey "$TMP/pub" -in "$TMP/attrs" -sigfile "$TMP/sig" -pkeyopt $DISTID >/dev/null; then
        ok "cms/$f.p7s: the SignerInfo signature verifies under ZA(1234567812345678) (pkeyutl over the signed attributes)"
    else
        bad "cms/$f.p7s: the SignerInfo signature does not verify (pkeyutl)"
    fi
    want=$(openssl dgst -sm3 -binary cms/content.txt | xxd -p | tr -d '\n')
    if xxd -p "$TMP/attrs" | tr -d '\n' | grep -q "0420$want"; then
        ok "cms/$f.p7s: messageDigest = openssl dgst -sm3 content.txt"
    else
        bad "cms/$f.p7s: messageDigest is not SM3(content.txt)"
    fi
done
# Seals and seal signatures: the signatures and dataHash, as seal/vectors.json expects them.
if ! python3 - seal "$TMP" <<'PY'; then fail=1; fi
import json, os, subprocess, sys
base, tmp = sys.argv[1], sys.argv[2]
DISTID = 'distid:1234567812345678'

def hdr(d, i):
    l = d[i + 1]
    if l < 0x80:
        return i + 2, l
    n = l & 0x7f
    return i + 2 + n, int.from_bytes(d[i + 2:i + 2 + n], 'big')

def children(d):
    """The complete TLVs inside the first (constructed) TLV of d; bytes after it are ignored."""
    s, l = hdr(d, 0)
    out, j = [], s
    while j < s + l:
        h, n = hdr(d, j)
        out.append(d[j:h + n])
        j = h + n
    return out

def value(tlv):
    h, n = hdr(tlv, 0)
    return tlv[h:h + n]

def der_int(b):
    b = b.lstrip(b'\0') or b'\0'
    if b[0] & 0x80:
        b = b'\0' + b
    return bytes([2, len(b)]) + b

def der_signature(sig):
    """OpenSSL wants DER; a 64-byte value that is not DER is raw r || s."""
    if len(sig) == 64 and not (sig[0] == 0x30 and sig[1] == 62):
        body = der_int(sig[:32]) + der_int(sig[32:])
        return bytes([0x30, len(body)]) + body
    return sig

def openssl_verifies(tbs, cert_der, sig, empty_id):
    for name, data in (('tbs', tbs), ('cert.der', cert_der), ('sig', der_signature(sig))):
        open(os.path.join(tmp, name), 'wb').write(data)
    pub = subprocess.run(['openssl', 'x509', '-inform', 'DER', '-in', os.path.join(tmp, 'cert.der'),
                          '-noout', '-pubkey'], check=True, capture_output=True).stdout
    open(os.path.join(tmp, 'pub.pem'), 'wb').write(pub)
    cmd = ['openssl', 'pkeyutl', '-verify', '-pubin', '-inkey', os.path.join(tmp, 'pub.pem'), '-rawin',
           '-digest', 'sm3', '-in', os.path.join(tmp, 'tbs'), '-sigfile', os.path.join(tmp, 'sig')]
    ids = [['-pkeyopt', DISTID]] + ([[]] if empty_id else [])
    return any(subprocess.run(cmd + i, capture_output=True).returncode == 0 for i in ids)

def statuses(checks, cid):
    v = checks.get(cid)
    return [v] if isinstance(v, str) else (v or [])

failures = 0
def expect(what, expected, verified, verbs=('verifies it', 'rejects it')):
    global failures
    if 'passed' in expected and 'failed' in expected or not expected:
        return
    want = 'passed' in expected
    said = verbs[0] if verified else verbs[1]
    if want == verified:
        print(f"ok   seal/{what}: OpenSSL {said}, as the vectors expect")
    else:
        print(f"FAIL seal/{what}: OpenSSL {said}, the vectors expect {expected}")
        failures += 1

def check_seal(name, seal_tlv, expected, empty_id):
    info, cert, _alg, signed_value = children(seal_tlv)[:4]
    ok = openssl_verifies(info, value(cert), value(signed_value)[1:], empty_id)
    expect(f"{name}: maker signature over SES_SealInfo{' (empty ID accepted)' if empty_id else ''}", expected, ok)

v = json.load(open(os.path.join(base, 'vectors.json')))
for g in v['testGroups']:
    for t in g['tests']:
        tc = f"tcId {t['tcId']}"
        if g['type'] == 'SealVerify':
            data = open(os.path.join(base, t['file']), 'rb').read()
            check_seal(f"{t['file']} ({tc})", data, statuses(t['checks'], 'seal.maker-signature'), t['acceptEmptyId'])
        elif g['type'] == 'SignatureVerify':
            data = open(os.path.join(base, t['signature']), 'rb').read()
            tbs, cert, _alg, signature = children(data)[:4]
            ok = openssl_verifies(tbs, value(cert), value(signature)[1:], t['acceptEmptyId'])
            expect(f"{t['signature']} ({tc}): signer signature over TBS_Sign{' (empty ID accepted)' if t['acceptEmptyId'] else ''}",
                   statuses(t['checks'], 'signature.signature'), ok)
            tbs_parts = children(tbs)
            check_seal(f"{t['signature']} ({tc}) embedded seal", tbs_parts[1],
                       statuses(t['sealChecks'], 'seal.maker-signature'), t['acceptEmptyId'])
            if t['original'] is not None:
                digest = subprocess.run(['openssl', 'dgst', '-sm3', '-binary', os.path.join(base, t['original'])],
                                        check=True, capture_output=True).stdout
                expect(f"{t['signature']} ({tc}): dataHash = openssl dgst -sm3 {t['original']}",
                       statuses(t['checks'], 'signature.data-hash'), value(tbs_parts[3])[1:] == digest,
                       ('gives the same digest', 'gives another digest'))
sys.exit(1 if failures else 0)
PY
exit $fail
