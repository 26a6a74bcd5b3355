/*
 * Issue a business license (营业执照), seal it and verify it with the gmseal C API.
 *
 *   cargo build --release -p gmseal-ffi
 *   cc -I ffi/include examples/c/issue_seal_verify.c target/release/libgmseal_ffi.a \
 *      -lpthread -ldl -lm -o issue_seal_verify
 *   ./issue_seal_verify examples/data/business-license.json sealed.pdf
 *
 * Prints the verification's indication; exits 0 when it is "valid".
 */
#include "gmseal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRY(call)                                                                          \
    do {                                                                                   \
        if ((call) != GMSEAL_OK) {                                                         \
            fprintf(stderr, "%s failed: %s: %s\n", #call, gmseal_last_error_code_name(),   \
                    gmseal_last_error_message());                                          \
            goto done;                                                                     \
        }                                                                                  \
    } while (0)

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s METADATA.json OUT.pdf\n", argv[0]);
        return 2;
    }
    static char metadata[1 << 16];
    FILE *in = fopen(argv[1], "rb");
    size_t n = in ? fread(metadata, 1, sizeof metadata - 1, in) : 0;
    if (in) fclose(in);
    if (n == 0) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    metadata[n] = 0;

    int status = 1;
    gmseal_key *root_key = NULL, *maker_key = NULL, *signer_key = NULL;
    gmseal_bytes root = {0}, maker = {0}, signer = {0}, seal = {0}, pdf = {0}, sealed = {0},
                 report = {0};

    /* A root CA, a seal maker (制章者) and the issuing authority as signer (签章者). */
    TRY(gmseal_key_generate(&root_key));
    TRY(gmseal_key_generate(&maker_key));
    TRY(gmseal_key_generate(&signer_key));
    TRY(gmseal_cert_issue("root", "CN=示例根CA,O=示例,C=CN", root_key, NULL, 0, NULL,
                          GMSEAL_TIME_NOW, 3650, &root));
    TRY(gmseal_cert_issue("seal-maker", "CN=示例制章中心,C=CN", maker_key, root.data, root.len,
                          root_key, GMSEAL_TIME_NOW, 1000, &maker));
    TRY(gmseal_cert_issue("signer", "CN=杭州市西湖区市场监督管理局,C=CN", signer_key, root.data,
                          root.len, root_key, GMSEAL_TIME_NOW, 365, &signer));
    /* The authority's seal, its picture drawn by gmseal. */
    TRY(gmseal_seal_make("{\"org\":\"杭州市西湖区市场监督管理局\",\"name\":\"登记专用章\","
                         "\"code\":\"3301060000001\",\"seal_type\":1}",
                         maker.data, maker.len, maker_key, signer.data, signer.len,
                         GMSEAL_TIME_NOW, &seal));
    /* Issue the license, seal it where the template says (certified: no changes). */
    TRY(gmseal_license_issue("business-license", metadata, GMSEAL_TIME_NOW, &pdf));
    TRY(gmseal_pdf_sign(pdf.data, pdf.len, seal.data, seal.len, signer.data, signer.len,
                        signer_key, NULL, 0, "{\"template\":\"business-license\",\"certify\":1}",
                        &sealed));
    /* Verify: roots, intermediates (none), options (NULL: the defaults). */
    TRY(gmseal_pdf_verify(sealed.data, sealed.len, root.data, root.len, NULL, 0, NULL, &report));

    FILE *out = fopen(argv[2], "wb");
    if (!out || fwrite(sealed.data, 1, sealed.len, out) != sealed.len) {
        fprintf(stderr, "cannot write %s\n", argv[2]);
        if (out) fclose(out);
        goto done;
    }
    fclose(out);
    const char *valid = "{\"indication\":\"valid\",";
    status = report.len > strlen(valid) && memcmp(report.data, valid, strlen(valid)) == 0 ? 0 : 1;
    printf("%s: %zu bytes, %s\n", argv[2], sealed.len, status == 0 ? "valid" : "NOT valid");
    if (status != 0) printf("%.*s\n", (int)report.len, (const char *)report.data);

done:
    gmseal_bytes_free(&root);
    gmseal_bytes_free(&maker);
    gmseal_bytes_free(&signer);
    gmseal_bytes_free(&seal);
    gmseal_bytes_free(&pdf);
    gmseal_bytes_free(&sealed);
    gmseal_bytes_free(&report);
    gmseal_key_free(root_key);
    gmseal_key_free(maker_key);
    gmseal_key_free(signer_key);
    return status;
}
