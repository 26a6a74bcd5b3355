//! E-license metadata JSON (`gmseal::__fuzzing::license_json`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::license_json(data));
