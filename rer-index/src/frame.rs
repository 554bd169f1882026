//! The frame around every file the index writes: a six-byte magic naming
//! the kind of file, a format byte, a reserved byte, a CRC-32 of the
//! payload and the payload's length, then the payload. A file whose frame
//! does not match exactly (short, another kind or format, a wrong length
//! or checksum) is not read at all.

/// The frame's length before the payload.
pub(crate) const HEADER: usize = 6 + 2 + 4 + 8;

/// `payload` framed as a file of kind `magic` and format `format`.
pub(crate) fn seal(magic: &[u8; 6], format: u8, payload: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&[format, 0]);
    bytes.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// The payload of `bytes` when they are a whole, undamaged file of kind
/// `magic` and format `format`.
pub(crate) fn unseal<'a>(bytes: &'a [u8], magic: &[u8; 6], format: u8) -> Option<&'a [u8]> {
    if bytes.len() < HEADER || &bytes[..6] != magic || bytes[6] != format || bytes[7] != 0 {
        return None;
    }
    let crc = u32::from_le_bytes(bytes[8..12].try_into().ok()?);
    let len = u64::from_le_bytes(bytes[12..20].try_into().ok()?);
    let payload = &bytes[HEADER..];
    if payload.len() as u64 != len || crc32fast::hash(payload) != crc {
        return None;
    }
    Some(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_payload_opens_only_as_itself() {
        let bytes = seal(b"RERTST", 3, b"payload");
        assert_eq!(unseal(&bytes, b"RERTST", 3), Some(&b"payload"[..]));
        assert_eq!(unseal(&bytes, b"RERXXX", 3), None, "another kind");
        assert_eq!(unseal(&bytes, b"RERTST", 4), None, "another format");
        assert_eq!(
            unseal(&bytes[..bytes.len() - 1], b"RERTST", 3),
            None,
            "truncated"
        );
        let mut flipped = bytes.clone();
        *flipped.last_mut().expect("a byte") ^= 1;
        assert_eq!(unseal(&flipped, b"RERTST", 3), None, "damaged");
    }
}
