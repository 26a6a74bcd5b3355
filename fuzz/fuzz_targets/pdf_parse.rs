//! Strict PDF parsing (`gmseal::__fuzzing::pdf_parse`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::pdf_parse(data));
