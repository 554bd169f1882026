//! The values Python literals denote.

/// A Python value that a literal denotes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `'text'`, in any quoting.
    Str(String),
    /// `b'bytes'`.
    Bytes(Vec<u8>),
    /// An integer that fits in 128 bits.
    Int(i128),
    /// A float.
    Float(f64),
    /// `True` or `False`.
    Bool(bool),
    /// `None`.
    None,
    /// `[...]`.
    List(Vec<Value>),
    /// `(...)` or a bare `a, b`.
    Tuple(Vec<Value>),
    /// `{a, b}`.
    Set(Vec<Value>),
    /// `{k: v}`, in source order.
    Dict(Vec<(Value, Value)>),
    /// A literal rer has no use for and does not keep: a complex number, an
    /// integer beyond 128 bits, `...`. The text says which.
    Other(&'static str),
}

impl Value {
    /// The Python type name, for messages (`list`, `str`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Bool(_) => "bool",
            Value::None => "NoneType",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Set(_) => "set",
            Value::Dict(_) => "dict",
            Value::Other(what) => what,
        }
    }
}
