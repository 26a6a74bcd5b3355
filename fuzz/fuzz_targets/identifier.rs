//! E-license identifiers and codes (`gmseal::__fuzzing::identifier`): GB/T 36904 identifiers, USCC, organization codes, citizen IDs, dates, names.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::identifier(data));
