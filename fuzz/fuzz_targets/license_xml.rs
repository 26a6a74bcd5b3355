//! E-license metadata XML (`gmseal::__fuzzing::license_xml`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::license_xml(data));
