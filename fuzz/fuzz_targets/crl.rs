//! CRLs (`gmseal::__fuzzing::crl`): parsed (PEM or DER), signature checked against a fixed root, serials looked up.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::crl(data));
