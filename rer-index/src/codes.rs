//! A list of requirement positions as a record stores it: LEB128 varints
//! in one length-prefixed byte run, read back borrowed from the record's
//! bytes, so decoding a package allocates nothing for its lists.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Positions into a family's requirement texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Codes<'a>(Cow<'a, [u8]>);

impl Codes<'_> {
    /// `list`, encoded.
    pub(crate) fn of(list: &[u32]) -> Codes<'static> {
        let mut bytes = Vec::with_capacity(list.len());
        for &code in list {
            let mut rest = code;
            while rest >= 0x80 {
                bytes.push((rest as u8 & 0x7f) | 0x80);
                rest >>= 7;
            }
            bytes.push(rest as u8);
        }
        Codes(Cow::Owned(bytes))
    }

    /// At most how many positions there are (one byte each at least).
    pub(crate) fn max_len(&self) -> usize {
        self.0.len()
    }

    /// The positions; an item is `None` where the bytes do not read as one
    /// (a damaged record), and the list ends there.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Option<u32>> + '_ {
        let mut bytes = self.0.iter();
        std::iter::from_fn(move || {
            let mut code: u32 = 0;
            for shift in (0..35).step_by(7) {
                let &byte = match bytes.next() {
                    Some(byte) => byte,
                    None if shift == 0 => return None,
                    None => return Some(None),
                };
                let bits = u32::from(byte & 0x7f);
                if shift == 28 && bits > 0x0f {
                    return Some(None);
                }
                code |= bits << shift;
                if byte & 0x80 == 0 {
                    return Some(Some(code));
                }
            }
            Some(None)
        })
    }
}

impl Serialize for Codes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Codes<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(deserializer).map(|b| Codes(Cow::Borrowed(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_width_reads_back() {
        let list = [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_152, u32::MAX];
        let codes = Codes::of(&list);
        let back: Option<Vec<u32>> = codes.iter().collect();
        assert_eq!(back.as_deref(), Some(&list[..]));
        assert!(codes.max_len() >= list.len());
        assert_eq!(Codes::of(&[]).iter().count(), 0);
    }

    #[test]
    fn a_cut_or_overlong_code_is_refused() {
        let cut = Codes(Cow::Borrowed(&[0x05, 0x80]));
        assert_eq!(cut.iter().collect::<Vec<_>>(), vec![Some(5), None]);
        let long = Codes(Cow::Borrowed(&[0xff, 0xff, 0xff, 0xff, 0x7f]));
        assert_eq!(long.iter().collect::<Option<Vec<_>>>(), None);
        let six = Codes(Cow::Borrowed(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]));
        assert_eq!(six.iter().collect::<Option<Vec<_>>>(), None);
    }
}
