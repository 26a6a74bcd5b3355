//! CMS SignedData (`gmseal::__fuzzing::cms`): verified detached, attached and as an RFC 3161 time-stamp token; TSTInfo parsing.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::cms(data));
