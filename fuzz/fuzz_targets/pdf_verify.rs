//! Verifying and sealing PDFs (`gmseal::__fuzzing::pdf_verify`): the
//! verifier with a fixed trust store, the streaming skeleton, and the signer.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::pdf_verify(data));
