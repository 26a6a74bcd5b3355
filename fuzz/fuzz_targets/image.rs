//! Images and fonts (`gmseal::__fuzzing::image`): PNG/JPEG as the PDF writer reads them, TrueType/OpenType fonts measured and subset.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gmseal::__fuzzing::image(data));
