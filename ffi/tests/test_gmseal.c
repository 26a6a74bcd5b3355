/*
 * The C test of the gmseal ABI: every exported function, on its success path
 * and on its error paths (NULL arguments, bad bytes, bad UTF-8, bad JSON,
 * unknown names, wrong passwords, tampered data), the signing callback, the
 * thread-local error and the memory rules. Run by ffi/tests/c_abi.rs, also
 * under valgrind.
 *
 * usage: test_gmseal REPO_ROOT ENCRYPTED_KEY FIXTURES
 *   REPO_ROOT: examples/data/business-license.json is read from there;
 *   ENCRYPTED_KEY: a PEM ENCRYPTED PRIVATE KEY whose password is "口令 secret";
 *   FIXTURES: what the ABI cannot make (see write_fixtures in c_abi.rs):
 *     root.pem, a revoked seal maker maker.pem with maker-key.pem, the
 *     root's CRL crl.pem, and empty-id.cms, a CMS over "empty id content"
 *     signed with the empty SM2 user ID.
 * exit status: 0 when every check passed.
 */
#define _GNU_SOURCE
#include "gmseal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int checks = 0;
static int failures = 0;

static const char *or_null(const char *s) { return s ? s : "(null)"; }

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        checks++;                                                                          \
        if (!(cond)) {                                                                     \
            failures++;                                                                    \
            fprintf(stderr, "%s:%d: CHECK(%s) failed (last error: %s: %s)\n", __FILE__,   \
                    __LINE__, #cond, or_null(gmseal_last_error_code_name()),               \
                    or_null(gmseal_last_error_message()));                                 \
        }                                                                                  \
    } while (0)

/* The call succeeds, and the thread's last error is cleared. */
#define CHECK_OK(call)                                                                     \
    do {                                                                                   \
        gmseal_result r_ = (call);                                                         \
        CHECK(r_ == GMSEAL_OK);                                                            \
        CHECK(gmseal_last_error_code_name() == NULL);                                      \
        CHECK(gmseal_last_error_message() == NULL);                                        \
    } while (0)

/* The call fails with `code`, whose string code is `name`, with a message. */
#define CHECK_ERR(call, code, name)                                                        \
    do {                                                                                   \
        gmseal_result r_ = (call);                                                         \
        CHECK(r_ == (code));                                                               \
        if (r_ != (code)) fprintf(stderr, "  returned %u, expected %u\n", r_, (code));     \
        CHECK(gmseal_last_error_code_name() != NULL &&                                     \
              strcmp(gmseal_last_error_code_name(), (name)) == 0);                         \
        CHECK(gmseal_last_error_message() != NULL && gmseal_last_error_message()[0]);      \
    } while (0)

static int contains(const gmseal_bytes *b, const char *needle) {
    size_t n = strlen(needle);
    return b->data != NULL && memmem(b->data, b->len, needle, n) != NULL;
}

static int starts_with(const gmseal_bytes *b, const char *prefix) {
    size_t n = strlen(prefix);
    return b->data != NULL && b->len >= n && memcmp(b->data, prefix, n) == 0;
}

static int empty(const gmseal_bytes *b) { return b->data == NULL && b->len == 0; }

/* ------------------------------------------------------------------ helpers */

static char *read_file_len(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    if (len) *len = (size_t)n;
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    if (text) text[n] = 0;
    fclose(f);
    return text;
}

static char *read_file(const char *path) { return read_file_len(path, NULL); }

/* A file of the fixture directory. */
static char *read_fixture(const char *dir, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *data = read_file_len(path, len);
    if (!data) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    return data;
}

/* `{"crls_pem": "<text with newlines escaped>"}`, malloc'd. */
static char *crl_options(const char *crl_pem, const char *extra) {
    size_t n = strlen(crl_pem);
    char *json = malloc(n * 2 + strlen(extra) + 32);
    char *p = json + sprintf(json, "{\"crls_pem\":\"");
    for (size_t i = 0; i < n; i++) {
        if (crl_pem[i] == '\n') {
            *p++ = '\\';
            *p++ = 'n';
        } else {
            *p++ = crl_pem[i];
        }
    }
    sprintf(p, "\"%s}", extra);
    return json;
}

/* Append `der` as a PEM CERTIFICATE block to `out` (grown with realloc). */
static void append_pem(char **out, size_t *out_len, const gmseal_bytes *der) {
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t room = *out_len + 64 + der->len * 2;
    *out = realloc(*out, room);
    char *p = *out + *out_len;
    p += sprintf(p, "-----BEGIN CERTIFICATE-----\n");
    size_t col = 0;
    for (size_t i = 0; i < der->len; i += 3) {
        uint32_t v = (uint32_t)der->data[i] << 16;
        if (i + 1 < der->len) v |= (uint32_t)der->data[i + 1] << 8;
        if (i + 2 < der->len) v |= der->data[i + 2];
        char quad[4] = {alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63],
                        i + 1 < der->len ? alphabet[(v >> 6) & 63] : '=',
                        i + 2 < der->len ? alphabet[v & 63] : '='};
        for (int k = 0; k < 4; k++) {
            *p++ = quad[k];
            if (++col == 64) {
                *p++ = '\n';
                col = 0;
            }
        }
    }
    if (col) *p++ = '\n';
    p += sprintf(p, "-----END CERTIFICATE-----\n");
    *out_len = (size_t)(p - *out);
}

/* Replace the first `from` in `text` by `to` (same length), in a copy. */
static char *replaced(const char *text, const char *from, const char *to) {
    char *copy = strdup(text);
    char *at = strstr(copy, from);
    if (at) memcpy(at, to, strlen(to));
    return copy;
}

/* --------------------------------------------------------- signing callbacks */

static int hsm_calls = 0;

/* An "HSM" that forwards to another gmseal key (the userdata). */
static int32_t hsm_sign(void *userdata, const uint8_t *digest, uint8_t *signature_out,
                        size_t signature_capacity, size_t *signature_len) {
    const gmseal_key *backing = userdata;
    gmseal_bytes der = {NULL, 0};
    if (gmseal_key_sign_digest(backing, digest, &der) != GMSEAL_OK) return -1;
    int32_t rc = 0;
    if (der.len > signature_capacity) {
        rc = -2;
    } else {
        memcpy(signature_out, der.data, der.len);
        *signature_len = der.len;
        hsm_calls++;
    }
    gmseal_bytes_free(&der);
    return rc;
}

static int32_t failing_sign(void *userdata, const uint8_t *digest, uint8_t *signature_out,
                            size_t signature_capacity, size_t *signature_len) {
    (void)userdata, (void)digest, (void)signature_out, (void)signature_capacity;
    (void)signature_len;
    return 42;
}

static int32_t garbage_sign(void *userdata, const uint8_t *digest, uint8_t *signature_out,
                            size_t signature_capacity, size_t *signature_len) {
    (void)userdata, (void)digest;
    memset(signature_out, 0x30, signature_capacity < 10 ? signature_capacity : 10);
    *signature_len = 10;
    return 0;
}

static int32_t overlong_sign(void *userdata, const uint8_t *digest, uint8_t *signature_out,
                             size_t signature_capacity, size_t *signature_len) {
    (void)userdata, (void)digest, (void)signature_out;
    *signature_len = signature_capacity + 1;
    return 0;
}

/* ------------------------------------------------------------- thread check */

static void *other_thread(void *arg) {
    (void)arg;
    int *ok = malloc(sizeof *ok);
    gmseal_key *key = NULL;
    *ok = gmseal_last_error_code_name() == NULL &&
          gmseal_key_load((const uint8_t *)"junk", 4, NULL, 0, &key) != GMSEAL_OK &&
          key == NULL && gmseal_last_error_code_name() != NULL;
    return ok;
}

/* --------------------------------------------------------------------- test */

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s REPO_ROOT ENCRYPTED_KEY FIXTURES\n", argv[0]);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/data/business-license.json", argv[1]);
    char *metadata = read_file(path);
    char *encrypted_key = read_file(argv[2]);
    if (!metadata || !encrypted_key) {
        fprintf(stderr, "cannot read %s or %s\n", path, argv[2]);
        return 2;
    }

    const int64_t day = 86400;
    const int64_t base = (int64_t)time(NULL) - 30 * day;
    const int64_t sign_time = base + 10 * day;
    const uint8_t junk[] = "this is not DER";
    gmseal_bytes out = {NULL, 0};

    /* Versions, and no error before any call. */
    CHECK(gmseal_abi_version() == GMSEAL_ABI_VERSION);
    CHECK(gmseal_version() != NULL && strlen(gmseal_version()) >= 5);
    CHECK(gmseal_last_error_message() == NULL);
    CHECK(gmseal_last_error_code_name() == NULL);

    /* Freeing nothing, twice. */
    gmseal_bytes_free(NULL);
    gmseal_bytes_free(&out);
    gmseal_key_free(NULL);

    /* ----------------------------------------------------------------- keys */
    gmseal_key *root_key = NULL, *maker_key = NULL, *signer_key = NULL, *backing = NULL;
    CHECK_OK(gmseal_key_generate(&root_key));
    CHECK_OK(gmseal_key_generate(&maker_key));
    CHECK_OK(gmseal_key_generate(&signer_key));
    CHECK_OK(gmseal_key_generate(&backing));
    CHECK(root_key && maker_key && signer_key && backing);
    CHECK_ERR(gmseal_key_generate(NULL), GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");

    gmseal_bytes spki = {NULL, 0}, spki2 = {NULL, 0}, pem = {NULL, 0};
    CHECK_OK(gmseal_key_public_key(signer_key, &spki));
    CHECK(spki.len == 91 && spki.data[0] == 0x30);
    CHECK_ERR(gmseal_key_public_key(NULL, &spki2), GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    CHECK(empty(&spki2));
    CHECK_ERR(gmseal_key_public_key(signer_key, NULL), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");

    /* Unencrypted export and load give the same key. */
    CHECK_OK(gmseal_key_export(signer_key, NULL, 0, &pem));
    CHECK(starts_with(&pem, "-----BEGIN PRIVATE KEY-----"));
    gmseal_key *loaded = NULL;
    CHECK_OK(gmseal_key_load(pem.data, pem.len, NULL, 0, &loaded));
    CHECK_OK(gmseal_key_public_key(loaded, &spki2));
    CHECK(spki2.len == spki.len && memcmp(spki.data, spki2.data, spki.len) == 0);
    gmseal_key_free(loaded);
    gmseal_bytes_free(&spki2);
    gmseal_bytes_free(&pem);
    CHECK(empty(&pem));
    gmseal_bytes_free(&pem); /* a second free does nothing */

    /* Encrypted export (65,536 PBKDF2 iterations: slow under valgrind, so done
     * once), then an encrypted key of 1,000 iterations made by the harness: no
     * password, a wrong one, the right one. */
    const uint8_t password[] = "口令 secret";
    CHECK_OK(gmseal_key_export(signer_key, password, sizeof password - 1, &pem));
    CHECK(starts_with(&pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    gmseal_bytes_free(&pem);
    size_t encrypted_len = strlen(encrypted_key);
    const uint8_t *encrypted = (const uint8_t *)encrypted_key;
    loaded = (gmseal_key *)&loaded; /* garbage that must be reset to NULL */
    CHECK_ERR(gmseal_key_load(encrypted, encrypted_len, NULL, 0, &loaded),
              GMSEAL_CRYPTO_PASSWORD_REQUIRED, "crypto.password-required");
    CHECK(loaded == NULL);
    CHECK_ERR(gmseal_key_load(encrypted, encrypted_len, (const uint8_t *)"wrong", 5, &loaded),
              GMSEAL_CRYPTO_WRONG_PASSWORD, "crypto.wrong-password");
    CHECK_OK(gmseal_key_load(encrypted, encrypted_len, password, sizeof password - 1, &loaded));
    CHECK(loaded != NULL);
    gmseal_key_free(loaded);

    /* Bad key inputs. */
    CHECK_ERR(gmseal_key_load(junk, sizeof junk, NULL, 0, &loaded), GMSEAL_DECODE_MALFORMED,
              "decode.malformed");
    CHECK_ERR(gmseal_key_load(NULL, 0, NULL, 0, &loaded), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");
    CHECK_ERR(gmseal_key_load(junk, sizeof junk, NULL, 3, &loaded), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");
    CHECK_ERR(gmseal_key_load(junk, SIZE_MAX, NULL, 0, &loaded), GMSEAL_FFI_INVALID_ARGUMENT,
              "ffi.invalid-argument");
    CHECK_ERR(gmseal_key_load(junk, sizeof junk, NULL, 0, NULL), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");
    CHECK_ERR(gmseal_key_export(NULL, NULL, 0, &pem), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");

    /* Signing a digest. */
    uint8_t digest[32];
    memset(digest, 0xAB, sizeof digest);
    gmseal_bytes sig = {NULL, 0};
    CHECK_OK(gmseal_key_sign_digest(signer_key, digest, &sig));
    CHECK(sig.len >= 8 && sig.len <= 72 && sig.data[0] == 0x30);
    gmseal_bytes_free(&sig);
    CHECK_ERR(gmseal_key_sign_digest(signer_key, NULL, &sig), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");

    /* ------------------------------------------------ the callback key (HSM) */
    gmseal_bytes backing_spki = {NULL, 0};
    CHECK_OK(gmseal_key_public_key(backing, &backing_spki));
    gmseal_key *hsm = NULL, *failing = NULL, *garbage = NULL, *overlong = NULL, *wrong = NULL;
    CHECK_OK(gmseal_key_from_callback(backing_spki.data, backing_spki.len, hsm_sign, backing,
                                      &hsm));
    CHECK_OK(gmseal_key_from_callback(backing_spki.data, backing_spki.len, failing_sign, NULL,
                                      &failing));
    CHECK_OK(gmseal_key_from_callback(backing_spki.data, backing_spki.len, garbage_sign, NULL,
                                      &garbage));
    CHECK_OK(gmseal_key_from_callback(backing_spki.data, backing_spki.len, overlong_sign, NULL,
                                      &overlong));
    /* A callback that signs with another key than the public key given. */
    CHECK_OK(gmseal_key_from_callback(backing_spki.data, backing_spki.len, hsm_sign, signer_key,
                                      &wrong));
    loaded = (gmseal_key *)&loaded;
    CHECK_ERR(gmseal_key_from_callback(backing_spki.data, backing_spki.len, NULL, NULL, &loaded),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    CHECK(loaded == NULL);
    CHECK_ERR(gmseal_key_from_callback(junk, sizeof junk, hsm_sign, backing, &loaded),
              GMSEAL_DECODE_MALFORMED, "decode.malformed");

    CHECK_OK(gmseal_key_sign_digest(hsm, digest, &sig));
    CHECK(hsm_calls == 1 && sig.len > 0);
    gmseal_bytes_free(&sig);
    CHECK_OK(gmseal_key_public_key(hsm, &spki2));
    CHECK(spki2.len == backing_spki.len &&
          memcmp(spki2.data, backing_spki.data, spki2.len) == 0);
    gmseal_bytes_free(&spki2);
    CHECK_ERR(gmseal_key_sign_digest(failing, digest, &sig), GMSEAL_CRYPTO_SIGNER,
              "crypto.signer");
    CHECK(strstr(gmseal_last_error_message(), "42") != NULL);
    CHECK_ERR(gmseal_key_sign_digest(garbage, digest, &sig), GMSEAL_CRYPTO_MALFORMED_SIGNATURE,
              "crypto.malformed-signature");
    CHECK_ERR(gmseal_key_sign_digest(overlong, digest, &sig), GMSEAL_CRYPTO_SIGNER,
              "crypto.signer");
    CHECK_ERR(gmseal_key_sign_digest(wrong, digest, &sig), GMSEAL_CRYPTO_SIGNER, "crypto.signer");
    CHECK_ERR(gmseal_key_export(hsm, NULL, 0, &pem), GMSEAL_FFI_INVALID_ARGUMENT,
              "ffi.invalid-argument");
    CHECK(empty(&pem));

    /* --------------------------------------------------------- certificates */
    gmseal_bytes root = {NULL, 0}, maker = {NULL, 0}, signer = {NULL, 0}, hsm_cert = {NULL, 0};
    CHECK_OK(gmseal_cert_issue("root", "CN=测试根CA,O=gmseal,C=CN", root_key, NULL, 0, NULL, base,
                               3650, &root));
    CHECK_OK(gmseal_cert_issue("seal-maker", "CN=某某市公安局制章中心,C=CN", maker_key, root.data,
                               root.len, root_key, base, 1000, &maker));
    CHECK_OK(gmseal_cert_issue("signer", "CN=某某科技有限公司,C=CN", signer_key, root.data,
                               root.len, root_key, base, 365, &signer));
    /* The HSM's certificate, signed by the root; then the HSM signs as a CA. */
    CHECK_OK(gmseal_cert_issue("signer", "CN=UKey用户,C=CN", hsm, root.data, root.len, root_key,
                               base, 365, &hsm_cert));
    gmseal_bytes hsm_root = {NULL, 0};
    int calls_before = hsm_calls;
    CHECK_OK(gmseal_cert_issue("root", "CN=HSM Root,C=CN", hsm, NULL, 0, NULL, base, 100,
                               &hsm_root));
    CHECK(hsm_calls == calls_before + 1);
    gmseal_bytes_free(&hsm_root);

    gmseal_bytes bad = {NULL, 0};
    CHECK_ERR(gmseal_cert_issue("bogus", "CN=x", root_key, NULL, 0, NULL, base, 10, &bad),
              GMSEAL_FFI_UNKNOWN_NAME, "ffi.unknown-name");
    CHECK_ERR(gmseal_cert_issue("root", "not a name", root_key, NULL, 0, NULL, base, 10, &bad),
              GMSEAL_PKI_INVALID_NAME, "pki.invalid-name");
    CHECK_ERR(gmseal_cert_issue("root", "CN=\xff\xfe", root_key, NULL, 0, NULL, base, 10, &bad),
              GMSEAL_FFI_INVALID_UTF8, "ffi.invalid-utf8");
    CHECK_ERR(gmseal_cert_issue("signer", "CN=x", signer_key, NULL, 0, NULL, base, 10, &bad),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    CHECK_ERR(gmseal_cert_issue("root", "CN=x", root_key, root.data, root.len, root_key, base, 10,
                                &bad),
              GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");
    CHECK_ERR(gmseal_cert_issue("signer", "CN=x", signer_key, signer.data, signer.len,
                                signer_key, base, 10, &bad),
              GMSEAL_PKI_INVALID_PARAMS, "pki.invalid-params");
    CHECK_ERR(gmseal_cert_issue("root", "CN=x", root_key, NULL, 0, NULL, -5, 10, &bad),
              GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");
    CHECK_ERR(gmseal_cert_issue(NULL, "CN=x", root_key, NULL, 0, NULL, base, 10, &bad),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    CHECK(empty(&bad));

    /* Show. */
    CHECK_OK(gmseal_cert_to_json(signer.data, signer.len, &out));
    CHECK(contains(&out, "\"subject\":\"CN=某某科技有限公司,C=CN\""));
    CHECK(contains(&out, "\"issuer\":\"CN=测试根CA,O=gmseal,C=CN\""));
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_cert_to_json(junk, sizeof junk, &out), GMSEAL_DECODE_MALFORMED,
              "decode.malformed");
    CHECK_ERR(gmseal_cert_to_json(signer.data, signer.len, NULL), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");

    /* A PEM bundle of the two signers (for the seal) and of the root. */
    char *signers_pem = NULL, *roots_pem = NULL;
    size_t signers_pem_len = 0, roots_pem_len = 0;
    append_pem(&signers_pem, &signers_pem_len, &signer);
    append_pem(&signers_pem, &signers_pem_len, &hsm_cert);
    append_pem(&roots_pem, &roots_pem_len, &root);
    CHECK_OK(gmseal_cert_to_json((const uint8_t *)roots_pem, roots_pem_len, &out));
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_cert_to_json((const uint8_t *)signers_pem, signers_pem_len, &out),
              GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");

    /* Verify: valid, expired (a verdict, not an error), wrong purpose, bad input. */
    char at_options[128];
    snprintf(at_options, sizeof at_options, "{\"at_unix\":%lld}", (long long)(base + 5 * day));
    CHECK_OK(gmseal_cert_verify(signer.data, signer.len, "document-signing",
                                (const uint8_t *)roots_pem, roots_pem_len, NULL, 0, at_options,
                                &out));
    CHECK(starts_with(&out, "{\"valid\":true,"));
    CHECK(contains(&out, "\"chain\":[\"CN=某某科技有限公司,C=CN\",\"CN=测试根CA,O=gmseal,C=CN\"]"));
    gmseal_bytes_free(&out);
    snprintf(at_options, sizeof at_options, "{\"at_unix\":%lld}", (long long)(base + 400 * day));
    CHECK_OK(gmseal_cert_verify(signer.data, signer.len, NULL, root.data, root.len, NULL, 0,
                                at_options, &out));
    CHECK(starts_with(&out, "{\"valid\":false,\"code\":\"pki.expired\","));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cert_verify(maker.data, maker.len, "timestamping", root.data, root.len,
                                (const uint8_t *)signers_pem, signers_pem_len, NULL, &out));
    CHECK(contains(&out, "\"code\":\"pki.key-usage\""));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cert_verify(maker.data, maker.len, "seal-making", signer.data, signer.len,
                                NULL, 0, "{\"at_unix\":-1}", &out));
    CHECK(contains(&out, "\"code\":\"pki.unknown-issuer\""));
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_cert_verify(signer.data, signer.len, "everything", root.data, root.len, NULL,
                                 0, NULL, &out),
              GMSEAL_FFI_UNKNOWN_NAME, "ffi.unknown-name");
    CHECK_ERR(gmseal_cert_verify(signer.data, signer.len, "ca", NULL, 0, NULL, 0, NULL, &out),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    CHECK_ERR(gmseal_cert_verify(signer.data, signer.len, "ca", junk, sizeof junk, NULL, 0, NULL,
                                 &out),
              GMSEAL_DECODE_MALFORMED, "decode.malformed");
    /* Bad options: an unknown key, a bad value, an unknown policy, a bad time, a bad CRL. */
    const char *bad_verify_options[][2] = {
        {"{\"colour\":1}", "ffi.invalid-json"},
        {"{\"accept_empty_id\":\"yes\"}", "ffi.invalid-json"},
        {"[1]", "ffi.invalid-json"},
        {"{\"revocation\":\"sometimes\"}", "ffi.unknown-name"},
        {"{\"at_unix\":-2}", "ffi.invalid-argument"},
        {"{\"at_unix\":253402300800}", "ffi.invalid-argument"},
        {"{\"crls_pem\":\"not a CRL\"}", "ffi.invalid-argument"},
    };
    for (size_t i = 0; i < sizeof bad_verify_options / sizeof bad_verify_options[0]; i++) {
        gmseal_result r = gmseal_cert_verify(signer.data, signer.len, NULL, root.data, root.len,
                                             NULL, 0, bad_verify_options[i][0], &out);
        CHECK(r >= 1000 && r < 1100);
        CHECK(gmseal_last_error_code_name() &&
              strcmp(gmseal_last_error_code_name(), bad_verify_options[i][1]) == 0);
        if (!gmseal_last_error_code_name() ||
            strcmp(gmseal_last_error_code_name(), bad_verify_options[i][1]) != 0)
            fprintf(stderr, "  options %s\n", bad_verify_options[i][0]);
    }
    /* The latest time there is is accepted. */
    CHECK_OK(gmseal_cert_verify(signer.data, signer.len, NULL, root.data, root.len, NULL, 0,
                                "{\"at_unix\":253402300799}", &out));
    CHECK(contains(&out, "\"code\":\"pki.expired\""));
    gmseal_bytes_free(&out);
    CHECK(empty(&out));

    /* A CRL of the fixture root revokes the fixture maker: a verdict. */
    size_t fx_root_len = 0, fx_maker_len = 0, fx_maker_key_len = 0, fx_crl_len = 0;
    size_t fx_cms_len = 0;
    char *fx_root = read_fixture(argv[3], "root.pem", &fx_root_len);
    char *fx_maker = read_fixture(argv[3], "maker.pem", &fx_maker_len);
    char *fx_maker_key = read_fixture(argv[3], "maker-key.pem", &fx_maker_key_len);
    char *fx_crl = read_fixture(argv[3], "crl.pem", &fx_crl_len);
    char *fx_cms = read_fixture(argv[3], "empty-id.cms", &fx_cms_len);
    char *revoking = crl_options(fx_crl, "");
    char *requiring = crl_options(fx_crl, ",\"revocation\":\"require\"");
    CHECK_OK(gmseal_cert_verify((const uint8_t *)fx_maker, fx_maker_len, "seal-making",
                                (const uint8_t *)fx_root, fx_root_len, NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"valid\":true,"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cert_verify((const uint8_t *)fx_maker, fx_maker_len, "seal-making",
                                (const uint8_t *)fx_root, fx_root_len, NULL, 0, revoking, &out));
    CHECK(starts_with(&out, "{\"valid\":false,\"code\":\"pki.revoked\","));
    gmseal_bytes_free(&out);
    /* Requiring CRLs without one: not valid either. */
    CHECK_OK(gmseal_cert_verify((const uint8_t *)fx_maker, fx_maker_len, "seal-making",
                                (const uint8_t *)fx_root, fx_root_len, NULL, 0,
                                "{\"revocation\":\"require\"}", &out));
    CHECK(starts_with(&out, "{\"valid\":false,"));
    gmseal_bytes_free(&out);

    /* ---------------------------------------------------------------- seals */
    const char *params = "{\"org\":\"某某科技有限公司\",\"name\":\"合同专用章\","
                         "\"code\":\"3301060012345\",\"seal_type\":4,\"es_id\":\"ES-0001\","
                         "\"days\":365,\"dpi\":72}";
    CHECK_OK(gmseal_seal_image_png(params, &out));
    CHECK(starts_with(&out, "\x89PNG\r\n\x1a\n"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_seal_image_png("{\"org\":\"某某公司\",\"name\":\"发票专用章\","
                                   "\"style\":\"oval\",\"dpi\":72}",
                                   &out));
    CHECK(starts_with(&out, "\x89PNG"));
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_seal_image_png("{\"org\":\"x\",\"name\":\"y\",\"style\":\"square\"}", &out),
              GMSEAL_FFI_UNKNOWN_NAME, "ffi.unknown-name");
    CHECK_ERR(gmseal_seal_image_png("{\"org\":\"x\"}", &out), GMSEAL_FFI_INVALID_JSON,
              "ffi.invalid-json");
    CHECK_ERR(gmseal_seal_image_png("{\"org\":\"x\",\"name\":\"y\",\"colour\":1}", &out),
              GMSEAL_FFI_INVALID_JSON, "ffi.invalid-json");
    CHECK_ERR(gmseal_seal_image_png("[1,2", &out), GMSEAL_FFI_INVALID_JSON, "ffi.invalid-json");
    CHECK_ERR(gmseal_seal_image_png("{\"org\":\"x\",\"name\":\"y\",\"dpi\":5}", &out),
              GMSEAL_INPUT_INVALID, "input.invalid");
    CHECK_ERR(gmseal_seal_image_png(NULL, &out), GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");

    gmseal_bytes seal = {NULL, 0};
    CHECK_OK(gmseal_seal_make(params, maker.data, maker.len, maker_key,
                              (const uint8_t *)signers_pem, signers_pem_len, base + day, &seal));
    CHECK(seal.len > 1000 && seal.data[0] == 0x30);
    CHECK_ERR(gmseal_seal_make("{\"org\":\"x\",\"name\":\"y\"}", maker.data, maker.len, maker_key,
                               signer.data, signer.len, base, &bad),
              GMSEAL_FFI_INVALID_JSON, "ffi.invalid-json");
    CHECK_ERR(gmseal_seal_make(params, maker.data, maker.len, signer_key, signer.data,
                               signer.len, base, &bad),
              GMSEAL_CRYPTO_KEY_MISMATCH, "crypto.key-mismatch");
    /* Times: GMSEAL_TIME_NOW or [0, GMSEAL_TIME_MAX], else ffi.invalid-argument everywhere. */
    const int64_t bad_times[] = {-2, INT64_MIN, GMSEAL_TIME_MAX + 1, INT64_MAX};
    for (size_t i = 0; i < sizeof bad_times / sizeof bad_times[0]; i++) {
        CHECK_ERR(gmseal_seal_make(params, maker.data, maker.len, maker_key, signer.data,
                                   signer.len, bad_times[i], &bad),
                  GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");
        CHECK_ERR(gmseal_cert_issue("root", "CN=x", root_key, NULL, 0, NULL, bad_times[i], 10,
                                    &bad),
                  GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");
        CHECK_ERR(gmseal_license_issue("business-license", metadata, bad_times[i], &bad),
                  GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");
    }
    CHECK_ERR(gmseal_seal_make(params, maker.data, maker.len, maker_key, NULL, 0, base, &bad),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    CHECK(empty(&bad));

    CHECK_OK(gmseal_seal_to_json(seal.data, seal.len, &out));
    CHECK(contains(&out, "\"es_id\":\"ES-0001\""));
    CHECK(contains(&out, "\"name\":\"合同专用章\""));
    CHECK(contains(&out, "\"subject\":\"CN=UKey用户,C=CN\""));
    CHECK(contains(&out, "\"kind\":\"PNG\""));
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_seal_to_json(junk, sizeof junk, &out), GMSEAL_DECODE_MALFORMED,
              "decode.malformed");

    char sign_at[64];
    snprintf(sign_at, sizeof sign_at, "{\"at_unix\":%lld}", (long long)sign_time);
    CHECK_OK(gmseal_seal_verify(seal.data, seal.len, root.data, root.len, NULL, 0, sign_at, &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    CHECK(contains(&out, "\"reason\":null}"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_seal_verify(seal.data, seal.len, root.data, root.len, NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_seal_verify(seal.data, seal.len, NULL, 0, NULL, 0, sign_at, &out));
    CHECK(starts_with(&out, "{\"indication\":\"indeterminate\","));
    CHECK(!contains(&out, "\"reason\":null"));
    gmseal_bytes_free(&out);
    snprintf(at_options, sizeof at_options, "{\"at_unix\":%lld}", (long long)(base + 800 * day));
    CHECK_OK(gmseal_seal_verify(seal.data, seal.len, root.data, root.len, NULL, 0, at_options,
                                &out));
    CHECK(starts_with(&out, "{\"indication\":\"invalid\","));
    CHECK(contains(&out, "\"reason\":\""));
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_seal_verify(junk, sizeof junk, NULL, 0, NULL, 0, sign_at, &out),
              GMSEAL_DECODE_MALFORMED, "decode.malformed");
    CHECK_ERR(gmseal_seal_verify(seal.data, seal.len, NULL, 0, NULL, 0, "{\"at_unix\":-7}",
                                 &out),
              GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");
    CHECK_ERR(gmseal_seal_verify(seal.data, seal.len, NULL, 0, NULL, 0, "{\"crls\":[]}", &out),
              GMSEAL_FFI_INVALID_JSON, "ffi.invalid-json");

    /* Intermediates: root -> CA -> maker is valid only when the CA is given. */
    gmseal_key *ca_key = NULL, *maker2_key = NULL;
    CHECK_OK(gmseal_key_generate(&ca_key));
    CHECK_OK(gmseal_key_generate(&maker2_key));
    gmseal_bytes ca = {NULL, 0}, maker2 = {NULL, 0}, seal2 = {NULL, 0};
    CHECK_OK(gmseal_cert_issue("ca", "CN=制章CA,C=CN", ca_key, root.data, root.len, root_key,
                               base, 1000, &ca));
    CHECK_OK(gmseal_cert_issue("seal-maker", "CN=下级制章者,C=CN", maker2_key, ca.data, ca.len,
                               ca_key, base, 1000, &maker2));
    CHECK_OK(gmseal_seal_make(params, maker2.data, maker2.len, maker2_key, signer.data,
                              signer.len, base + day, &seal2));
    CHECK_OK(gmseal_seal_verify(seal2.data, seal2.len, root.data, root.len, NULL, 0, sign_at,
                                &out));
    CHECK(!starts_with(&out, "{\"indication\":\"valid\","));
    CHECK(contains(&out, "\"reason\":\"chain.untrusted\""));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_seal_verify(seal2.data, seal2.len, root.data, root.len, ca.data, ca.len,
                                sign_at, &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cert_verify(maker2.data, maker2.len, "seal-making", root.data, root.len,
                                ca.data, ca.len, NULL, &out));
    CHECK(starts_with(&out, "{\"valid\":true,"));
    gmseal_bytes_free(&out);
    /* And a signature over it, verified with and without the CA. */
    gmseal_bytes ses2 = {NULL, 0};
    const uint8_t memo[] = "memo";
    CHECK_OK(gmseal_ses_sign(seal2.data, seal2.len, memo, sizeof memo, signer.data, signer.len,
                             signer_key, "memo.txt", sign_time, &ses2));
    CHECK_OK(gmseal_ses_verify(ses2.data, ses2.len, memo, sizeof memo, root.data, root.len,
                               ca.data, ca.len, NULL, &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    CHECK(contains(&out, "\"reason\":null}"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_ses_verify(ses2.data, ses2.len, memo, sizeof memo, root.data, root.len, NULL,
                               0, NULL, &out));
    CHECK(!starts_with(&out, "{\"indication\":\"valid\","));
    CHECK(contains(&out, "\"reason\":\"chain.untrusted\"}"));
    gmseal_bytes_free(&out);
    /* at_unix belongs to gmseal_cert_verify and gmseal_seal_verify only. */
    CHECK_ERR(gmseal_ses_verify(ses2.data, ses2.len, memo, sizeof memo, root.data, root.len,
                                NULL, 0, sign_at, &out),
              GMSEAL_FFI_INVALID_JSON, "ffi.invalid-json");
    gmseal_bytes_free(&ses2);
    gmseal_bytes_free(&seal2);
    gmseal_bytes_free(&maker2);
    gmseal_bytes_free(&ca);
    gmseal_key_free(ca_key);

    /* A seal by the revoked fixture maker: revoked once the CRL is given. */
    gmseal_key *fx_key = NULL;
    CHECK_OK(gmseal_key_load((const uint8_t *)fx_maker_key, fx_maker_key_len, NULL, 0, &fx_key));
    CHECK_OK(gmseal_seal_make(params, (const uint8_t *)fx_maker, fx_maker_len, fx_key,
                              signer.data, signer.len, GMSEAL_TIME_NOW, &seal2));
    CHECK_OK(gmseal_seal_verify(seal2.data, seal2.len, (const uint8_t *)fx_root, fx_root_len,
                                NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_seal_verify(seal2.data, seal2.len, (const uint8_t *)fx_root, fx_root_len,
                                NULL, 0, revoking, &out));
    CHECK(starts_with(&out, "{\"indication\":\"invalid\","));
    CHECK(contains(&out, "\"reason\":\"pki.revoked\"}"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_seal_verify(seal2.data, seal2.len, (const uint8_t *)fx_root, fx_root_len,
                                NULL, 0, requiring, &out));
    CHECK(contains(&out, "\"reason\":\"pki.revoked\"}"));
    gmseal_bytes_free(&out);
    gmseal_bytes_free(&seal2);
    gmseal_key_free(fx_key);
    gmseal_key_free(maker2_key);

    /* ------------------------------------------------------ seal signatures */
    const uint8_t document[] = "contract text 合同正文";
    gmseal_bytes ses = {NULL, 0};
    CHECK_OK(gmseal_ses_sign(seal.data, seal.len, document, sizeof document, signer.data,
                             signer.len, signer_key, "contract.txt", sign_time, &ses));
    CHECK_OK(gmseal_ses_verify(ses.data, ses.len, document, sizeof document, root.data, root.len,
                               NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_ses_verify(ses.data, ses.len, document, sizeof document - 2, root.data,
                               root.len, NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"indication\":\"invalid\","));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_ses_verify(ses.data, ses.len, NULL, 0, root.data, root.len, NULL, 0, NULL,
                               &out));
    CHECK(starts_with(&out, "{\"indication\":\"indeterminate\","));
    gmseal_bytes_free(&out);
    gmseal_bytes_free(&ses);
    /* The HSM signer is listed too. */
    calls_before = hsm_calls;
    CHECK_OK(gmseal_ses_sign(seal.data, seal.len, document, sizeof document, hsm_cert.data,
                             hsm_cert.len, hsm, "contract.txt", sign_time, &ses));
    CHECK(hsm_calls == calls_before + 1);
    CHECK_OK(gmseal_ses_verify(ses.data, ses.len, document, sizeof document, root.data, root.len,
                               NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    gmseal_bytes_free(&out);
    gmseal_bytes_free(&ses);
    /* The maker is not a listed signer; the seal is not valid before it was made. */
    CHECK_ERR(gmseal_ses_sign(seal.data, seal.len, document, sizeof document, maker.data,
                              maker.len, maker_key, "x", sign_time, &ses),
              GMSEAL_SEAL_SIGNER_NOT_IN_LIST, "seal.signer-not-in-list");
    CHECK_ERR(gmseal_ses_sign(seal.data, seal.len, document, sizeof document, signer.data,
                              signer.len, signer_key, "x", base, &ses),
              GMSEAL_SEAL_NOT_VALID_AT_SIGNING_TIME, "seal.not-valid-at-signing-time");
    CHECK_ERR(gmseal_ses_sign(seal.data, seal.len, document, sizeof document, signer.data,
                              signer.len, signer_key, NULL, sign_time, &ses),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    /* A key that is not the certificate's; times out of range. */
    CHECK_ERR(gmseal_ses_sign(seal.data, seal.len, document, sizeof document, signer.data,
                              signer.len, maker_key, "x", sign_time, &ses),
              GMSEAL_CRYPTO_KEY_MISMATCH, "crypto.key-mismatch");
    for (size_t i = 0; i < sizeof bad_times / sizeof bad_times[0]; i++) {
        CHECK_ERR(gmseal_ses_sign(seal.data, seal.len, document, sizeof document, signer.data,
                                  signer.len, signer_key, "x", bad_times[i], &ses),
                  GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");
    }
    CHECK_ERR(gmseal_ses_verify(junk, sizeof junk, NULL, 0, NULL, 0, NULL, 0, NULL, &out),
              GMSEAL_DECODE_MALFORMED, "decode.malformed");
    CHECK(empty(&ses) && empty(&out));

    /* ----------------------------------------------------------------- CMS */
    gmseal_bytes cms = {NULL, 0};
    calls_before = hsm_calls;
    CHECK_OK(gmseal_cms_sign(document, sizeof document, hsm_cert.data, hsm_cert.len, hsm, NULL,
                             0, NULL, &cms));
    CHECK(hsm_calls == calls_before + 1);
    CHECK_OK(gmseal_cms_verify(cms.data, cms.len, document, sizeof document,
                               (const uint8_t *)roots_pem, roots_pem_len, NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"valid\":true,\"signature_valid\":true,\"chain_validated\":true,"));
    CHECK(contains(&out, "\"chain\":[\"CN=UKey用户,C=CN\",\"CN=测试根CA,O=gmseal,C=CN\"]"));
    CHECK(contains(&out, "\"signer\":\"CN=UKey用户,C=CN\""));
    CHECK(contains(&out, "\"oid_family\":\"rfc5652\""));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cms_verify(cms.data, cms.len, document, sizeof document - 2, root.data,
                               root.len, NULL, 0, NULL, &out));
    CHECK(contains(&out, "\"valid\":false") && contains(&out, "\"code\":\"cms.digest-mismatch\""));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cms_verify(cms.data, cms.len, document, sizeof document, NULL, 0, NULL, 0,
                               NULL, &out));
    CHECK(contains(&out, "\"valid\":false") && contains(&out, "\"code\":\"chain.not-checked\"") &&
          contains(&out, "\"signature_valid\":true"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cms_verify(cms.data, cms.len, document, sizeof document, maker.data,
                               maker.len, NULL, 0, NULL, &out));
    CHECK(contains(&out, "\"code\":\"pki.unknown-issuer\""));
    gmseal_bytes_free(&out);
    gmseal_bytes_free(&cms);

    /* The chain embedded, a signing time given, the GM/T 0010 OIDs: a signer
     * under root -> CA verifies with the root alone. */
    gmseal_key *sub_ca_key = NULL, *sub_key = NULL;
    CHECK_OK(gmseal_key_generate(&sub_ca_key));
    CHECK_OK(gmseal_key_generate(&sub_key));
    gmseal_bytes sub_ca = {NULL, 0}, sub = {NULL, 0};
    CHECK_OK(gmseal_cert_issue("ca", "CN=签章CA,C=CN", sub_ca_key, root.data, root.len, root_key,
                               base, 1000, &sub_ca));
    CHECK_OK(gmseal_cert_issue("signer", "CN=下级签章者,C=CN", sub_key, sub_ca.data, sub_ca.len,
                               sub_ca_key, base, 365, &sub));
    char cms_options[160];
    snprintf(cms_options, sizeof cms_options,
             "{\"time_unix\":%lld,\"signing_time\":true,\"oid_family\":\"gmt0010\"}",
             (long long)sign_time);
    CHECK_OK(gmseal_cms_sign(document, sizeof document, sub.data, sub.len, sub_key, sub_ca.data,
                             sub_ca.len, cms_options, &cms));
    CHECK_OK(gmseal_cms_verify(cms.data, cms.len, document, sizeof document, root.data, root.len,
                               NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"valid\":true,"));
    CHECK(contains(&out, "\"chain\":[\"CN=下级签章者,C=CN\",\"CN=签章CA,C=CN\","));
    CHECK(contains(&out, "\"oid_family\":\"gmt-0010\""));
    time_t signed_at = (time_t)sign_time;
    char expected_time[64];
    strftime(expected_time, sizeof expected_time, "\"signing_time\":\"%Y-%m-%dT%H:%M:%SZ\"",
             gmtime(&signed_at));
    CHECK(contains(&out, expected_time));
    gmseal_bytes_free(&out);
    gmseal_bytes_free(&cms);
    /* Without the chain embedded, only with the CA as an intermediate. */
    CHECK_OK(gmseal_cms_sign(document, sizeof document, sub.data, sub.len, sub_key, NULL, 0,
                             "{\"signing_time\":false}", &cms));
    CHECK_OK(gmseal_cms_verify(cms.data, cms.len, document, sizeof document, root.data, root.len,
                               NULL, 0, NULL, &out));
    CHECK(contains(&out, "\"code\":\"pki.unknown-issuer\"") &&
          contains(&out, "\"signing_time\":null"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cms_verify(cms.data, cms.len, document, sizeof document, root.data, root.len,
                               sub_ca.data, sub_ca.len, NULL, &out));
    CHECK(starts_with(&out, "{\"valid\":true,"));
    gmseal_bytes_free(&out);
    gmseal_bytes_free(&cms);
    const char *bad_cms_options[][2] = {
        {"{\"oid_family\":\"pkcs7\"}", "ffi.unknown-name"},
        {"{\"detached\":true}", "ffi.invalid-json"},
        {"{\"time_unix\":-3}", "ffi.invalid-argument"},
        {"{\"time_unix\":253402300800}", "ffi.invalid-argument"},
        {"{\"time_unix\":5,\"signing_time\":false}", "ffi.invalid-argument"},
    };
    for (size_t i = 0; i < sizeof bad_cms_options / sizeof bad_cms_options[0]; i++) {
        gmseal_result r = gmseal_cms_sign(document, sizeof document, sub.data, sub.len, sub_key,
                                          NULL, 0, bad_cms_options[i][0], &bad);
        CHECK(r >= 1000 && r < 1100);
        CHECK(gmseal_last_error_code_name() &&
              strcmp(gmseal_last_error_code_name(), bad_cms_options[i][1]) == 0);
    }
    gmseal_bytes_free(&sub);
    gmseal_bytes_free(&sub_ca);
    gmseal_key_free(sub_key);
    gmseal_key_free(sub_ca_key);

    /* A CMS signed with the empty SM2 user ID (as OpenSSL does) verifies only
     * with accept_empty_id. */
    const uint8_t empty_id_content[] = "empty id content";
    CHECK_OK(gmseal_cms_verify((const uint8_t *)fx_cms, fx_cms_len, empty_id_content,
                               sizeof empty_id_content - 1, (const uint8_t *)fx_root, fx_root_len,
                               NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"valid\":false,\"signature_valid\":false,"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_cms_verify((const uint8_t *)fx_cms, fx_cms_len, empty_id_content,
                               sizeof empty_id_content - 1, (const uint8_t *)fx_root, fx_root_len,
                               NULL, 0, "{\"accept_empty_id\":true,\"accept_no_za\":false}",
                               &out));
    CHECK(starts_with(&out, "{\"valid\":true,\"signature_valid\":true,"));
    gmseal_bytes_free(&out);
    /* The CRL revokes the maker, not this signer: still valid when CRLs are required. */
    char *accepting = crl_options(fx_crl, ",\"revocation\":\"require\",\"accept_empty_id\":true");
    CHECK_OK(gmseal_cms_verify((const uint8_t *)fx_cms, fx_cms_len, empty_id_content,
                               sizeof empty_id_content - 1, (const uint8_t *)fx_root, fx_root_len,
                               NULL, 0, accepting, &out));
    CHECK(starts_with(&out, "{\"valid\":true,"));
    gmseal_bytes_free(&out);
    free(accepting);

    CHECK_ERR(gmseal_cms_verify(junk, sizeof junk, document, sizeof document, NULL, 0, NULL, 0,
                                NULL, &out),
              GMSEAL_DECODE_MALFORMED, "decode.malformed");
    CHECK_ERR(gmseal_cms_verify((const uint8_t *)fx_cms, fx_cms_len, document, sizeof document, NULL, 0, NULL, 0,
                                "{\"at_unix\":0}", &out),
              GMSEAL_FFI_INVALID_JSON, "ffi.invalid-json");
    CHECK_ERR(gmseal_cms_sign(document, sizeof document, hsm_cert.data, hsm_cert.len, failing,
                              NULL, 0, NULL, &bad),
              GMSEAL_CRYPTO_SIGNER, "crypto.signer");
    CHECK_ERR(gmseal_cms_sign(document, sizeof document, junk, sizeof junk, signer_key, NULL, 0,
                              NULL, &bad),
              GMSEAL_DECODE_MALFORMED, "decode.malformed");
    CHECK_ERR(gmseal_cms_sign(NULL, 0, signer.data, signer.len, signer_key, NULL, 0, NULL, &bad),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    CHECK_ERR(gmseal_cms_sign(document, sizeof document, signer.data, signer.len, maker_key, NULL,
                              0, NULL, &bad),
              GMSEAL_CRYPTO_KEY_MISMATCH, "crypto.key-mismatch");
    CHECK(empty(&bad));

    /* ----------------------------------------------------------- e-licenses */
    CHECK_OK(gmseal_license_identifier("11100000000013127D001", "1133010600248917XL",
                                       "2026010500018", &out));
    CHECK(out.len == 75 &&
          memcmp(out.data, "1.2.156.3005.2.11100000000013127D001.1133010600248917XL.", 56) == 0);
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_license_identifier("short", "1133010600248917XL", "1", &out),
              GMSEAL_LICENSE_INVALID_IDENTIFIER_PART, "license.invalid-identifier-part");
    CHECK_ERR(gmseal_license_identifier("11100000000013127D001", NULL, "1", &out),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");

    CHECK_OK(gmseal_license_validate(metadata, "business-license", &out));
    CHECK(starts_with(&out, "{\"valid\":true,\"errors\":0,"));
    gmseal_bytes_free(&out);
    CHECK_OK(gmseal_license_validate(metadata, NULL, &out));
    CHECK(starts_with(&out, "{\"valid\":true,"));
    gmseal_bytes_free(&out);
    char *bad_metadata = replaced(metadata, "91330106MA2H0WQ17L", "91330106MA2H0WQ17X");
    CHECK_OK(gmseal_license_validate(bad_metadata, "business-license", &out));
    CHECK(starts_with(&out, "{\"valid\":false,") &&
          contains(&out, "\"field\":\"certificateHolderCode\""));
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_license_validate(metadata, "passport", &out), GMSEAL_FFI_UNKNOWN_NAME,
              "ffi.unknown-name");
    CHECK_ERR(gmseal_license_validate("{\"certificateName\": 5}", NULL, &out),
              GMSEAL_FFI_INVALID_JSON, "ffi.invalid-json");
    CHECK_ERR(gmseal_license_validate(NULL, NULL, &out), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");

    const int64_t issued = 1767578400; /* 2026-01-05T02:00:00Z */
    gmseal_bytes license = {NULL, 0};
    CHECK_OK(gmseal_license_issue("business-license", metadata, issued, &license));
    CHECK(starts_with(&license, "%PDF-1.7"));
    CHECK_ERR(gmseal_license_issue("business-license", bad_metadata, issued, &bad),
              GMSEAL_LICENSE_INVALID_METADATA, "license.invalid-metadata");
    CHECK_ERR(gmseal_license_issue("passport", metadata, issued, &bad), GMSEAL_FFI_UNKNOWN_NAME,
              "ffi.unknown-name");
    CHECK_ERR(gmseal_license_issue("business-license", metadata, -2, &bad),
              GMSEAL_FFI_INVALID_ARGUMENT, "ffi.invalid-argument");
    CHECK(empty(&bad));
    free(bad_metadata);

    /* ----------------------------------------------------------------- PDF */
    char options[256];
    snprintf(options, sizeof options,
             "{\"template\":\"business-license\",\"certify\":1,\"reason\":\"核准登记\","
             "\"time_unix\":%lld}",
             (long long)sign_time);
    gmseal_bytes sealed = {NULL, 0};
    CHECK_OK(gmseal_pdf_sign(license.data, license.len, seal.data, seal.len, signer.data,
                             signer.len, signer_key, NULL, 0, options, &sealed));
    CHECK(sealed.len > license.len && memcmp(sealed.data, license.data, license.len) == 0);
    CHECK_OK(gmseal_pdf_verify(sealed.data, sealed.len, (const uint8_t *)roots_pem,
                               roots_pem_len, NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    gmseal_bytes_free(&out);
    /* Without roots: indeterminate. */
    CHECK_OK(gmseal_pdf_verify(sealed.data, sealed.len, NULL, 0, NULL, 0, NULL, &out));
    CHECK(starts_with(&out, "{\"indication\":\"indeterminate\","));
    gmseal_bytes_free(&out);
    /* A byte changed inside the signed range. */
    sealed.data[license.len / 2] ^= 0x01;
    CHECK_OK(gmseal_pdf_verify(sealed.data, sealed.len, root.data, root.len, NULL, 0, NULL,
                               &out));
    CHECK(contains(&out, "\"indication\":") && !starts_with(&out, "{\"indication\":\"valid"));
    gmseal_bytes_free(&out);
    sealed.data[license.len / 2] ^= 0x01;
    /* A certified (P 1) document takes no further seal. */
    CHECK_ERR(gmseal_pdf_sign(sealed.data, sealed.len, seal.data, seal.len, signer.data,
                              signer.len, signer_key, NULL, 0, "{\"invisible\":true}", &bad),
              GMSEAL_INPUT_INVALID, "input.invalid");
    gmseal_bytes_free(&sealed);
    /* Not a PDF: a report, not an error. */
    CHECK_OK(gmseal_pdf_verify(junk, sizeof junk, NULL, 0, NULL, 0, NULL, &out));
    CHECK(contains(&out, "\"indication\":") && !starts_with(&out, "{\"indication\":\"valid"));
    gmseal_bytes_free(&out);

    /* The SES flavour, by the HSM, at a rectangle, with the root as chain. */
    snprintf(options, sizeof options,
             "{\"flavour\":\"ses\",\"rect_mm\":[20,20,40,40],\"page\":1,\"time_unix\":%lld}",
             (long long)sign_time);
    calls_before = hsm_calls;
    CHECK_OK(gmseal_pdf_sign(license.data, license.len, seal.data, seal.len, hsm_cert.data,
                             hsm_cert.len, hsm, root.data, root.len, options, &sealed));
    CHECK(hsm_calls == calls_before + 1);
    CHECK_OK(gmseal_pdf_verify(sealed.data, sealed.len, root.data, root.len, root.data, root.len,
                               "{\"revocation\":\"if-available\",\"accept_no_za\":false}", &out));
    CHECK(starts_with(&out, "{\"indication\":\"valid\","));
    gmseal_bytes_free(&out);
    CHECK_ERR(gmseal_pdf_verify(sealed.data, sealed.len, root.data, root.len, NULL, 0,
                                "{\"at_unix\":0}", &out),
              GMSEAL_FFI_INVALID_JSON, "ffi.invalid-json");
    gmseal_bytes_free(&sealed);

    /* Bad options and inputs. */
    const char *bad_options[][3] = {
        {"{\"invisible\":true,\"flavour\":\"xades\"}", "ffi.unknown-name", NULL},
        {"{\"invisible\":true,\"certify\":7}", "ffi.invalid-argument", NULL},
        {"{\"invisible\":true,\"rect_mm\":[1,2,3,4]}", "ffi.invalid-argument", NULL},
        {"{}", "ffi.invalid-argument", NULL},
        {"{\"invisible\":true,\"page\":0}", "ffi.invalid-argument", NULL},
        {"{\"template\":\"passport\"}", "ffi.unknown-name", NULL},
        {"{\"invisible\":true,\"colour\":\"red\"}", "ffi.invalid-json", NULL},
        {"{\"invisible\":1}", "ffi.invalid-json", NULL},
        {"{\"invisible\":true,\"field_name\":\"\"}", "ffi.invalid-argument", NULL},
        {"{\"invisible\":true,\"field_name\":\"Seal.1\"}", "ffi.invalid-argument", NULL},
        {"{\"invisible\":true,\"field_name\":\".\"}", "ffi.invalid-argument", NULL},
        {"{\"invisible\":true,\"time_unix\":-2}", "ffi.invalid-argument", NULL},
        {"{\"invisible\":true,\"time_unix\":253402300800}", "ffi.invalid-argument", NULL},
    };
    for (size_t i = 0; i < sizeof bad_options / sizeof bad_options[0]; i++) {
        gmseal_result r = gmseal_pdf_sign(license.data, license.len, seal.data, seal.len,
                                          signer.data, signer.len, signer_key, NULL, 0,
                                          bad_options[i][0], &bad);
        CHECK(r >= 1000 && r < 1100);
        CHECK(gmseal_last_error_code_name() &&
              strcmp(gmseal_last_error_code_name(), bad_options[i][1]) == 0);
        if (!gmseal_last_error_code_name() ||
            strcmp(gmseal_last_error_code_name(), bad_options[i][1]) != 0)
            fprintf(stderr, "  options %s\n", bad_options[i][0]);
    }
    CHECK_ERR(gmseal_pdf_sign(junk, sizeof junk, seal.data, seal.len, signer.data, signer.len,
                              signer_key, NULL, 0, "{\"invisible\":true}", &bad),
              GMSEAL_DECODE_MALFORMED, "decode.malformed");
    CHECK_ERR(gmseal_pdf_sign(license.data, license.len, seal.data, seal.len, signer.data,
                              signer.len, signer_key, NULL, 0, NULL, &bad),
              GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    CHECK_ERR(gmseal_pdf_sign(license.data, license.len, seal.data, seal.len, signer.data,
                              signer.len, maker_key, NULL, 0, "{\"invisible\":true}", &bad),
              GMSEAL_CRYPTO_KEY_MISMATCH, "crypto.key-mismatch");
    /* A good partial field name. */
    CHECK_OK(gmseal_pdf_sign(license.data, license.len, seal.data, seal.len, signer.data,
                             signer.len, signer_key, NULL, 0,
                             "{\"invisible\":true,\"field_name\":\"合同章_1\"}", &sealed));
    CHECK(sealed.len > license.len);
    gmseal_bytes_free(&sealed);
    CHECK_ERR(gmseal_pdf_verify(license.data, license.len, junk, sizeof junk, NULL, 0, NULL, &out),
              GMSEAL_DECODE_MALFORMED, "decode.malformed");
    CHECK_ERR(gmseal_pdf_verify(NULL, 0, NULL, 0, NULL, 0, NULL, &out), GMSEAL_FFI_NULL_ARGUMENT,
              "ffi.null-argument");
    CHECK(empty(&bad) && empty(&out));

    /* ------------------------------------------------- the thread-local error */
    CHECK_ERR(gmseal_key_generate(NULL), GMSEAL_FFI_NULL_ARGUMENT, "ffi.null-argument");
    pthread_t thread;
    void *thread_ok = NULL;
    CHECK(pthread_create(&thread, NULL, other_thread, NULL) == 0);
    CHECK(pthread_join(thread, &thread_ok) == 0);
    CHECK(thread_ok && *(int *)thread_ok);
    free(thread_ok);
    /* Still this thread's error; freeing does not change it. */
    gmseal_bytes_free(&out);
    gmseal_key_free(NULL);
    CHECK(gmseal_last_error_code_name() &&
          strcmp(gmseal_last_error_code_name(), "ffi.null-argument") == 0);

    /* ------------------------------------------------------------- clean up */
    gmseal_bytes *buffers[] = {&spki, &backing_spki, &root, &maker, &signer, &hsm_cert, &seal,
                               &license};
    for (size_t i = 0; i < sizeof buffers / sizeof buffers[0]; i++) {
        gmseal_bytes_free(buffers[i]);
        CHECK(empty(buffers[i]));
    }
    gmseal_key *keys[] = {root_key, maker_key, signer_key, hsm, failing, garbage, overlong, wrong,
                          backing};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) gmseal_key_free(keys[i]);
    free(signers_pem);
    free(roots_pem);
    free(revoking);
    free(requiring);
    free(fx_root);
    free(fx_maker);
    free(fx_maker_key);
    free(fx_crl);
    free(fx_cms);
    free(metadata);
    free(encrypted_key);

    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
