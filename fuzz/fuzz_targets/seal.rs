//! `SESeal` parsing and verification (`gmseal::__fuzzing::seal`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::seal(data));
