//! The column names of a row struct, known without a row: an empty listing
//! still prints its CSV header and its table header.
//!
//! Serde tells a struct's field names (after renames) only to a deserializer,
//! so this is a deserializer that records them and stops.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The serialized field names of the struct `T`, in order.
pub fn columns<T: Deserialize<'static>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    // The deserializer always stops with an error once it has the names.
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("field names read"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(dead_code)]
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        #[serde(rename = "false")]
        false_: i64,
        text: String,
    }

    #[test]
    fn names_follow_renames_and_order() {
        assert_eq!(columns::<Row>(), ["id", "false", "text"]);
    }
}
