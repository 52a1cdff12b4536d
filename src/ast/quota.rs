//! AWS's payload quota, shared by the rule that reports literal payloads over it and by the
//! simulator, which fails a state whose data goes over it.

use serde_json::Value;

/// The largest input, output or task result Step Functions passes, as UTF-8 JSON text.
pub const MAX_PAYLOAD_BYTES: usize = 262_144;

/// Whether `value`'s compact JSON text is longer than [`MAX_PAYLOAD_BYTES`]; it stops writing
/// there, so a huge value costs no more than the quota.
pub fn over_payload_limit(value: &Value) -> bool {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            if self.0 > MAX_PAYLOAD_BYTES {
                return Err(std::io::Error::other("over the payload limit"));
            }
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    serde_json::to_writer(&mut Counter(0), value).is_err()
}
