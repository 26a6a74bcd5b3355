//! Structure-aware edits of a sealed PDF (`gmseal::__fuzzing::pdf_mutate`): the input is an edit program; the verifier must never call unsigned bytes valid.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::pdf_mutate(data));
