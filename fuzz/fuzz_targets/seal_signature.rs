//! `SES_Signature` parsing and verification (`gmseal::__fuzzing::seal_signature`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::seal_signature(data));
