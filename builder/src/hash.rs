//! Content hashes in names: the shared helpers of [`crate::emit`] (the content's build id) and
//! [`crate::site`] (hashed file names, the site's version).

use sha2::{Digest, Sha256};

/// Lower-case hex digits of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first `len` bytes of the SHA-256 of `bytes`, in hex (`2 * len` digits).
pub fn sha256_hex(bytes: &[u8], len: usize) -> String {
    hex(&Sha256::digest(bytes)[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digits() {
        assert_eq!(hex(&[0, 0xab, 0x1f]), "00ab1f");
        // SHA-256("") starts e3b0c442 98fc…
        assert_eq!(sha256_hex(b"", 5), "e3b0c44298");
    }
}
