#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| pocketlaw_fuzz::worker_messages(data));
