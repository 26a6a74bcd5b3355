//! Private and public key files (`gmseal::__fuzzing::pkcs8`): PKCS#8 plain and encrypted (fixed password), SEC1, SPKI, signatures.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::pkcs8(data));
