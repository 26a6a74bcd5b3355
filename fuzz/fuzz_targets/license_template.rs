//! License templates (`gmseal::__fuzzing::license_template`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::license_template(data));
