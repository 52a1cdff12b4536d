#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| asl_lint_fuzz::jsonata(data));
