package org.gmseal.internal;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The C ABI of {@code libgmseal_ffi}, one method per function of {@code ffi/include/gmseal.h}
 * (ABI version {@value #GMSEAL_ABI_VERSION}), in the header's order and with its parameter
 * names. Not public API: use the classes of {@code org.gmseal}.
 *
 * <p>Type mapping: {@code const uint8_t *} and {@code uint8_t *} are {@link Pointer};
 * {@code size_t} is {@link SizeT}; {@code int64_t} is {@code long}; {@code uint32_t} and
 * {@code gmseal_result} are {@code int} (all values are below 2<sup>31</sup>); {@code const
 * char *} arguments are {@link String}, passed as NUL-terminated UTF-8 (the library is loaded
 * with {@link Library#OPTION_STRING_ENCODING} {@code UTF-8}); {@code const char *} results are
 * {@link Pointer} (static or thread-local strings that must not be freed); {@code struct
 * gmseal_bytes *} is {@link GmsealBytes.ByReference}; {@code const struct gmseal_key *} is a
 * {@link Pointer} and {@code struct gmseal_key **} a {@link PointerByReference}; {@code
 * gmseal_sign_callback} is {@link SignCallback}.
 */
public interface Native extends Library {
    /** {@code GMSEAL_ABI_VERSION}: the ABI this interface mirrors. */
    int GMSEAL_ABI_VERSION = 1;
    /** {@code GMSEAL_TIME_NOW}: a time argument meaning "now". */
    long GMSEAL_TIME_NOW = -1;
    /** {@code GMSEAL_TIME_MAX}: the latest time argument, 9999-12-31T23:59:59Z. */
    long GMSEAL_TIME_MAX = 253402300799L;
    /** {@code GMSEAL_OK}. */
    int GMSEAL_OK = 0;

    /** {@code size_t}. */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(com.sun.jna.Native.SIZE_T_SIZE, value, true);
        }
    }

    /** {@code struct gmseal_bytes { uint8_t *data; size_t len; }}. */
    @Structure.FieldOrder({"data", "len"})
    class GmsealBytes extends Structure {
        /** The bytes, or NULL when {@code len} is 0. */
        public Pointer data;
        /** The number of bytes. */
        public SizeT len = new SizeT();

        /** {@code struct gmseal_bytes *}. */
        public static final class ByReference extends GmsealBytes implements Structure.ByReference {}
    }

    /**
     * {@code int32_t (*gmseal_sign_callback)(void *userdata, const uint8_t *digest, uint8_t
     * *signature_out, size_t signature_capacity, size_t *signature_len)}.
     */
    interface SignCallback extends Callback {
        int invoke(Pointer userdata, Pointer digest, Pointer signature_out, SizeT signature_capacity,
                Pointer signature_len);
    }

    int gmseal_abi_version();

    Pointer gmseal_version();

    Pointer gmseal_last_error_message();

    Pointer gmseal_last_error_code_name();

    void gmseal_bytes_free(GmsealBytes.ByReference bytes);

    int gmseal_cert_issue(String profile, String subject, Pointer subject_key, Pointer issuer_cert,
            SizeT issuer_cert_len, Pointer issuer_key, long not_before_unix, int days,
            GmsealBytes.ByReference out_der);

    int gmseal_cert_to_json(Pointer cert, SizeT cert_len, GmsealBytes.ByReference out_json);

    int gmseal_cert_verify(Pointer cert, SizeT cert_len, String purpose, Pointer roots_pem, SizeT roots_len,
            Pointer intermediates_pem, SizeT intermediates_len, String options_json,
            GmsealBytes.ByReference out_json);

    int gmseal_cms_sign(Pointer content, SizeT content_len, Pointer signer_cert, SizeT signer_cert_len,
            Pointer key, Pointer chain_pem, SizeT chain_len, String options_json, GmsealBytes.ByReference out_der);

    int gmseal_cms_verify(Pointer cms, SizeT cms_len, Pointer content, SizeT content_len, Pointer roots_pem,
            SizeT roots_len, Pointer intermediates_pem, SizeT intermediates_len, String options_json,
            GmsealBytes.ByReference out_json);

    int gmseal_key_generate(PointerByReference out);

    int gmseal_key_load(Pointer data, SizeT data_len, Pointer password, SizeT password_len,
            PointerByReference out);

    int gmseal_key_export(Pointer key, Pointer password, SizeT password_len, GmsealBytes.ByReference out_pem);

    int gmseal_key_public_key(Pointer key, GmsealBytes.ByReference out_spki_der);

    int gmseal_key_sign_digest(Pointer key, Pointer digest, GmsealBytes.ByReference out_der);

    int gmseal_key_from_callback(Pointer spki_der, SizeT spki_len, SignCallback callback, Pointer userdata,
            PointerByReference out);

    void gmseal_key_free(Pointer key);

    int gmseal_license_validate(String metadata_json, String template_name, GmsealBytes.ByReference out_json);

    int gmseal_license_identifier(String type_code, String issuer_code, String serial,
            GmsealBytes.ByReference out_text);

    int gmseal_license_issue(String template_name, String metadata_json, long issued_unix,
            GmsealBytes.ByReference out_pdf);

    int gmseal_pdf_sign(Pointer pdf, SizeT pdf_len, Pointer seal, SizeT seal_len, Pointer signer_cert,
            SizeT signer_cert_len, Pointer key, Pointer chain_pem, SizeT chain_len, String options_json,
            GmsealBytes.ByReference out_pdf);

    int gmseal_pdf_verify(Pointer pdf, SizeT pdf_len, Pointer roots_pem, SizeT roots_len,
            Pointer intermediates_pem, SizeT intermediates_len, String options_json, GmsealBytes.ByReference out_json);

    int gmseal_seal_image_png(String params_json, GmsealBytes.ByReference out_png);

    int gmseal_seal_make(String params_json, Pointer maker_cert, SizeT maker_cert_len, Pointer maker_key,
            Pointer signer_certs_pem, SizeT signer_certs_len, long create_unix, GmsealBytes.ByReference out_der);

    int gmseal_seal_to_json(Pointer seal, SizeT seal_len, GmsealBytes.ByReference out_json);

    int gmseal_seal_verify(Pointer seal, SizeT seal_len, Pointer roots_pem, SizeT roots_len,
            Pointer intermediates_pem, SizeT intermediates_len, String options_json, GmsealBytes.ByReference out_json);

    int gmseal_ses_sign(Pointer seal, SizeT seal_len, Pointer data, SizeT data_len, Pointer signer_cert,
            SizeT signer_cert_len, Pointer key, String property_info, long time_unix,
            GmsealBytes.ByReference out_der);

    int gmseal_ses_verify(Pointer signature, SizeT signature_len, Pointer data, SizeT data_len,
            Pointer roots_pem, SizeT roots_len, Pointer intermediates_pem, SizeT intermediates_len,
            String options_json, GmsealBytes.ByReference out_json);
}
