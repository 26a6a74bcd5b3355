//! Every object identifier gmseal uses, named, with the clause that defines it.
//!
//! The `const-oid` database has no GM/T arcs (`1.2.156.10197…`), so they are kept here.

use der::asn1::ObjectIdentifier as Oid;

/// The object identifier type of every constant here (from the `der` crate),
/// so callers can name OIDs of their own, such as a TSA policy:
///
/// ```
/// use gmseal::oid::ObjectIdentifier;
/// let policy = ObjectIdentifier::new("1.3.6.1.5.5.7.13.1")?;
/// assert_eq!(policy, gmseal::oid::TEST_POLICY);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use der::asn1::ObjectIdentifier;

// --- GM/T 0006-2012 (GB/T 33560-2017) cryptographic algorithm identifiers -------------

/// SM2 elliptic curve (`sm2p256v1`), used as the `namedCurve` parameter of
/// `id-ecPublicKey`. GM/T 0006-2012 §5 / GB/T 33560-2017.
pub const SM2_CURVE: Oid = Oid::new_unwrap("1.2.156.10197.1.301");
/// `sm2sign` (SM2-1 digital signature). GM/T 0006-2012. Accepted on read as a
/// signature algorithm alias of [`SM2_WITH_SM3`].
pub const SM2_SIGN: Oid = Oid::new_unwrap("1.2.156.10197.1.301.1");
/// `sm2encrypt` (SM2-3 public key encryption). GM/T 0006-2012.
pub const SM2_ENCRYPT: Oid = Oid::new_unwrap("1.2.156.10197.1.301.3");
/// SM3 hash algorithm. GM/T 0006-2012.
pub const SM3: Oid = Oid::new_unwrap("1.2.156.10197.1.401");
/// HMAC-SM3, the PBKDF2 PRF used by GmSSL (`hmac-sm3`).
pub const HMAC_SM3: Oid = Oid::new_unwrap("1.2.156.10197.1.401.2");
/// SM2 signature with SM3 (`sm2sign-with-sm3`). GM/T 0006-2012; GM/T 0015-2012 certificate profile.
pub const SM2_WITH_SM3: Oid = Oid::new_unwrap("1.2.156.10197.1.501");
/// SM4 in CBC mode. GM/T 0006-2012.
pub const SM4_CBC: Oid = Oid::new_unwrap("1.2.156.10197.1.104.2");

// --- GM/T 0010-2012 (GB/T 35275-2017) CMS content types ------------------------------

/// GM/T 0010 `data` content type.
pub const GMT_DATA: Oid = Oid::new_unwrap("1.2.156.10197.6.1.4.2.1");
/// GM/T 0010 `signedData` content type.
pub const GMT_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.156.10197.6.1.4.2.2");

// --- RFC 5480 / RFC 5915 / RFC 8018 ------------------------------------------------------

/// `id-ecPublicKey`, RFC 5480 §2.1.1.
pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
/// `id-PBES2`, RFC 8018 §A.4.
pub const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");
/// `id-PBKDF2`, RFC 8018 §A.2.
pub const PBKDF2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.12");
/// `id-hmacWithSHA1`, RFC 8018 §B.1.1: the PBKDF2 PRF when none is given.
pub const HMAC_WITH_SHA1: Oid = Oid::new_unwrap("1.2.840.113549.2.7");
/// `id-hmacWithSHA256`, RFC 8018 §B.1.2 (OpenSSL's default PBKDF2 PRF).
pub const HMAC_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.2.9");

/// `id-sha256`, RFC 5754 §2 (the ESSCertIDv2 default hash algorithm, RFC 5035).
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");

// --- RFC 5652 CMS and RFC 5035 ESS ---------------------------------------------------------

/// `id-data`, RFC 5652 §4.
pub const PKCS7_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
/// `id-signedData`, RFC 5652 §5.1.
pub const PKCS7_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
/// `id-contentType` attribute, RFC 5652 §11.1.
pub const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
/// `id-messageDigest` attribute, RFC 5652 §11.2.
pub const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
/// `id-signingTime` attribute, RFC 5652 §11.3.
pub const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// `id-aa-signingCertificateV2`, RFC 5035 §3.
pub const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");

// --- RFC 3161 time stamps -------------------------------------------------------------------

/// `id-ct-TSTInfo`, RFC 3161 §2.4.2: the `eContentType` of a time-stamp token.
///
/// ```text
/// id-ct-TSTInfo OBJECT IDENTIFIER ::= { iso(1) member-body(2) us(840)
///     rsadsi(113549) pkcs(1) pkcs-9(9) smime(16) ct(1) 4 }
/// ```
pub const CT_TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");

/// `id-TEST-certPolicyOne` (`1.3.6.1.5.5.7.13.1`), RFC 7229 §2: an OID the
/// IETF set aside for **tests only**. gmseal's examples and tests use it as the
/// policy (`TSAPolicyId`) of their time-stamp tokens; a real TSA must name its
/// own policy OID.
pub const TEST_POLICY: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.13.1");

// --- gmseal's own identifiers ---------------------------------------------------------

/// The content octets of the OBJECT IDENTIFIER
/// `2.25.112216657516412357599194614198155163744`, a UUID-derived OID
/// (ITU-T X.667 §6.3: `2.25.<UUID as an integer>`, no registration needed)
/// naming gmseal's CMS signed attribute that carries the electronic seal:
///
/// ```text
/// gmsealSesSeal ATTRIBUTE ::= { WITH SYNTAX SESeal ID id-gmseal-sesSeal }
/// ```
///
/// The value is the `SESeal` (GB/T 38540 §6.2) exactly as stored. Kept as raw
/// bytes because its 128-bit arc does not fit `const-oid`'s 32-bit arcs.
pub const GMSEAL_SES_SEAL: &[u8] = &[
    0x69, 0x81, 0xA8, 0xEC, 0x92, 0x98, 0x8E, 0xFE, 0xBA, 0xAA, 0x97, 0x85, 0x91, 0xE0, 0xD6, 0xA2,
    0x8B, 0x94, 0xF0, 0x60,
];

// --- RFC 5280 certificate extensions --------------------------------------------------------

/// `id-ce-subjectKeyIdentifier`, RFC 5280 §4.2.1.2.
pub const SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
/// `id-ce-keyUsage`, RFC 5280 §4.2.1.3.
pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
/// `id-ce-subjectAltName`, RFC 5280 §4.2.1.6.
pub const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
/// `id-ce-basicConstraints`, RFC 5280 §4.2.1.9.
pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
/// `id-ce-cRLNumber`, RFC 5280 §5.2.3.
pub const CRL_NUMBER: Oid = Oid::new_unwrap("2.5.29.20");
/// `id-ce-cRLReasons`, RFC 5280 §5.3.1.
pub const CRL_REASON: Oid = Oid::new_unwrap("2.5.29.21");
/// `id-ce-cRLDistributionPoints`, RFC 5280 §4.2.1.13.
pub const CRL_DISTRIBUTION_POINTS: Oid = Oid::new_unwrap("2.5.29.31");
/// `id-ce-certificatePolicies`, RFC 5280 §4.2.1.4.
pub const CERTIFICATE_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");
/// `id-ce-authorityKeyIdentifier`, RFC 5280 §4.2.1.1.
pub const AUTHORITY_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.35");
/// `id-ce-extKeyUsage`, RFC 5280 §4.2.1.12.
pub const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
/// `anyExtendedKeyUsage`, RFC 5280 §4.2.1.12.
pub const ANY_EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37.0");
/// `id-kp-timeStamping`, RFC 5280 §4.2.1.12 (required, critical, for TSA certificates by RFC 3161 §2.3).
pub const KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
/// `id-kp-documentSigning`, RFC 9336 §3.1: the document signer (签章者) purpose.
pub const KP_DOCUMENT_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.36");
/// `id-kp-emailProtection`, RFC 5280 §4.2.1.12.
pub const KP_EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");

// --- X.520 attribute types used in names ------------------------------------------------

/// `id-at-commonName` (CN).
pub const AT_COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
/// `id-at-surname` (SN).
pub const AT_SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
/// `id-at-serialNumber` (serialNumber).
pub const AT_SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
/// `id-at-countryName` (C).
pub const AT_COUNTRY_NAME: Oid = Oid::new_unwrap("2.5.4.6");
/// `id-at-localityName` (L).
pub const AT_LOCALITY_NAME: Oid = Oid::new_unwrap("2.5.4.7");
/// `id-at-stateOrProvinceName` (ST).
pub const AT_STATE_OR_PROVINCE_NAME: Oid = Oid::new_unwrap("2.5.4.8");
/// `id-at-streetAddress` (STREET).
pub const AT_STREET: Oid = Oid::new_unwrap("2.5.4.9");
/// `id-at-organizationName` (O).
pub const AT_ORGANIZATION_NAME: Oid = Oid::new_unwrap("2.5.4.10");
/// `id-at-organizationalUnitName` (OU).
pub const AT_ORGANIZATIONAL_UNIT_NAME: Oid = Oid::new_unwrap("2.5.4.11");
/// `id-at-title` (title).
pub const AT_TITLE: Oid = Oid::new_unwrap("2.5.4.12");
/// `id-at-givenName` (GN).
pub const AT_GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");
/// `id-at-organizationIdentifier`, X.520 (holds the USCC 统一社会信用代码 in Chinese certificates).
pub const AT_ORGANIZATION_IDENTIFIER: Oid = Oid::new_unwrap("2.5.4.97");
/// PKCS#9 `emailAddress`.
pub const AT_EMAIL_ADDRESS: Oid = Oid::new_unwrap("1.2.840.113549.1.9.1");

/// Name of an OID for messages: the symbolic name where gmseal knows one.
pub fn name(oid: &Oid) -> Option<&'static str> {
    let known: &[(Oid, &str)] = &[
        (SM2_CURVE, "sm2"),
        (SM2_SIGN, "sm2sign"),
        (SM3, "sm3"),
        (HMAC_SM3, "hmac-sm3"),
        (SM2_WITH_SM3, "sm2sign-with-sm3"),
        (SM4_CBC, "sm4-cbc"),
        (EC_PUBLIC_KEY, "id-ecPublicKey"),
        (PBES2, "PBES2"),
        (PBKDF2, "PBKDF2"),
        (HMAC_WITH_SHA1, "hmacWithSHA1"),
        (HMAC_WITH_SHA256, "hmacWithSHA256"),
        (PKCS7_DATA, "id-data"),
        (PKCS7_SIGNED_DATA, "id-signedData"),
        (GMT_DATA, "GM/T 0010 data"),
        (GMT_SIGNED_DATA, "GM/T 0010 signedData"),
        (CT_TST_INFO, "id-ct-TSTInfo"),
        (TEST_POLICY, "id-TEST-certPolicyOne"),
        (KP_TIME_STAMPING, "timeStamping"),
        (KP_DOCUMENT_SIGNING, "documentSigning"),
        (KP_EMAIL_PROTECTION, "emailProtection"),
        (ANY_EXTENDED_KEY_USAGE, "anyExtendedKeyUsage"),
    ];
    known.iter().find(|(o, _)| o == oid).map(|(_, n)| *n)
}

/// `"<dotted> (<name>)"` when the name is known, else the dotted form.
pub fn describe(oid: &Oid) -> String {
    match name(oid) {
        Some(n) => format!("{oid} ({n})"),
        None => oid.to_string(),
    }
}
