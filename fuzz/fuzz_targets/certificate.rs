//! X.509 certificates and chain building (`gmseal::__fuzzing::certificate`): one PEM/DER certificate or several DER certificates and CRLs in a row, validated against a fixed root.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::certificate(data));
