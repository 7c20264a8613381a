//! Values crossing the boundary: [`Value`], the dynamic form of a script value, and the
//! [`FromValue`] / [`IntoValue`] pair that converts it to and from Rust types.
//!
//! Owns: the Rust side of conversions (`i64`, `f64`, `bool`, `String`, `Vec<T>`,
//! `HashMap<String, T>`, `Option<T>` for pointers and nil, tuples for several results,
//! `Result<T, HostError>` for a `(T, error)` pair). Does not own: the heap encoding of
//! values (`convert`), which checks each value against the script's static types.
//!
//! Invariant: a [`Value`] holds no heap word of a VM except through a [`crate::embed::Channel`]
//! handle, which pins its channel; so a `Value` can outlive any run.

use std::collections::HashMap;

use super::chan::ChanRef;
use super::error::{Error, HostError};

/// A script value in dynamic form.
///
/// # Examples
/// ```
/// use minigo::embed::{IntoValue, Value};
/// assert_eq!(vec![1i64, 2].into_value(), Value::List(vec![Value::Int(1), Value::Int(2)]));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// `nil` (a nil pointer, slice, map, channel or error), or no result.
    Nil,
    /// A `bool`.
    Bool(bool),
    /// Any integer type.
    Int(i64),
    /// `float64` or `float32`.
    Float(f64),
    /// A `string`.
    Str(String),
    /// A slice or an array; also several results of a call, in order.
    List(Vec<Value>),
    /// A map, as `(key, value)` pairs in no particular order.
    Map(Vec<(Value, Value)>),
    /// A struct (or a non-nil pointer to one): its fields by name, in declaration order.
    Struct(Vec<(String, Value)>),
    /// A non-nil `error`: its `Error()` text.
    Error(String),
    /// A channel the host holds (see [`crate::embed::Channel`]).
    Chan(ChanRef),
}

impl Value {
    /// The field called `name` of a struct value.
    ///
    /// # Examples
    /// ```
    /// use minigo::embed::Value;
    /// let v = Value::Struct(vec![("X".into(), Value::Int(1))]);
    /// assert_eq!(v.field("X"), Some(&Value::Int(1)));
    /// assert_eq!(v.field("Y"), None);
    /// ```
    pub fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Struct(fields) => fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A short name of the value's kind, for messages.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(minigo::embed::Value::Int(3).kind(), "int");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float64",
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "map",
            Value::Struct(_) => "struct",
            Value::Error(_) => "error",
            Value::Chan(_) => "chan",
        }
    }
}

/// A Rust type a script value converts into.
///
/// Implement it (with [`IntoValue`]) for your own structs to pass them by field name.
///
/// # Errors
/// [`Error::Type`] when the value has another shape.
///
/// # Examples
/// ```
/// use minigo::embed::{Error, FromValue, IntoValue, Value};
///
/// #[derive(Debug, PartialEq)]
/// struct Point { x: i64, y: i64 }
///
/// impl FromValue for Point {
///     fn from_value(v: Value) -> Result<Point, Error> {
///         let get = |n| v.field(n).cloned().ok_or_else(|| Error::Type(format!("no field {n}")));
///         Ok(Point { x: i64::from_value(get("X")?)?, y: i64::from_value(get("Y")?)? })
///     }
/// }
/// impl IntoValue for Point {
///     fn into_value(self) -> Value {
///         Value::Struct(vec![("X".into(), self.x.into_value()), ("Y".into(), self.y.into_value())])
///     }
/// }
/// let p = Point { x: 1, y: 2 };
/// assert_eq!(Point::from_value(Point { x: 1, y: 2 }.into_value())?, p);
/// # Ok::<(), Error>(())
/// ```
pub trait FromValue: Sized {
    /// Converts `v`.
    ///
    /// # Errors
    /// [`Error::Type`] when `v` is not of this type's shape.
    fn from_value(v: Value) -> Result<Self, Error>;
}

/// A Rust type that converts into a script value.
///
/// # Examples
/// ```
/// use minigo::embed::{IntoValue, Value};
/// assert_eq!("hi".into_value(), Value::Str("hi".into()));
/// assert_eq!(None::<i64>.into_value(), Value::Nil);
/// ```
pub trait IntoValue {
    /// Converts `self`.
    fn into_value(self) -> Value;
}

fn mismatch(want: &str, got: &Value) -> Error {
    Error::Type(format!("expected {want}, found {}", got.kind()))
}

impl FromValue for Value {
    fn from_value(v: Value) -> Result<Value, Error> {
        Ok(v)
    }
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}

impl FromValue for () {
    fn from_value(v: Value) -> Result<(), Error> {
        match v {
            Value::Nil => Ok(()),
            other => Err(mismatch("no result", &other)),
        }
    }
}

macro_rules! scalar_value {
    ($ty:ty, $variant:ident, $want:literal) => {
        impl FromValue for $ty {
            fn from_value(v: Value) -> Result<$ty, Error> {
                match v {
                    Value::$variant(x) => Ok(x),
                    other => Err(mismatch($want, &other)),
                }
            }
        }

        impl IntoValue for $ty {
            fn into_value(self) -> Value {
                Value::$variant(self)
            }
        }
    };
}

scalar_value!(i64, Int, "int");
scalar_value!(f64, Float, "float64");
scalar_value!(bool, Bool, "bool");
scalar_value!(String, Str, "string");

impl IntoValue for i32 {
    fn into_value(self) -> Value {
        Value::Int(i64::from(self))
    }
}

impl FromValue for i32 {
    fn from_value(v: Value) -> Result<i32, Error> {
        let wide = i64::from_value(v)?;
        i32::try_from(wide).map_err(|_| Error::Type(format!("{wide} does not fit in i32")))
    }
}

impl IntoValue for &str {
    fn into_value(self) -> Value {
        Value::Str(self.to_string())
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(v: Value) -> Result<Vec<T>, Error> {
        match v {
            Value::List(items) => items.into_iter().map(T::from_value).collect(),
            Value::Nil => Ok(Vec::new()),
            other => Err(mismatch("slice", &other)),
        }
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::List(self.into_iter().map(IntoValue::into_value).collect())
    }
}

impl<T: FromValue> FromValue for HashMap<String, T> {
    fn from_value(v: Value) -> Result<HashMap<String, T>, Error> {
        match v {
            Value::Map(pairs) => pairs
                .into_iter()
                .map(|(k, v)| Ok((String::from_value(k)?, T::from_value(v)?)))
                .collect(),
            Value::Nil => Ok(HashMap::new()),
            other => Err(mismatch("map", &other)),
        }
    }
}

impl<T: IntoValue> IntoValue for HashMap<String, T> {
    fn into_value(self) -> Value {
        Value::Map(
            self.into_iter()
                .map(|(k, v)| (Value::Str(k), v.into_value()))
                .collect(),
        )
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: Value) -> Result<Option<T>, Error> {
        match v {
            Value::Nil => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Value {
        self.map_or(Value::Nil, IntoValue::into_value)
    }
}

/// A `(T, error)` result pair: `Ok` when the error is nil.
impl<T: FromValue> FromValue for Result<T, HostError> {
    fn from_value(v: Value) -> Result<Result<T, HostError>, Error> {
        let Value::List(mut pair) = v else {
            return Err(mismatch("(value, error)", &v));
        };
        let (Some(err), Some(value), true) = (pair.pop(), pair.pop(), pair.is_empty()) else {
            return Err(Error::Type("expected two results (value, error)".into()));
        };
        match err {
            Value::Nil => T::from_value(value).map(Ok),
            Value::Error(message) => Ok(Err(HostError::new(message))),
            other => Err(mismatch("error", &other)),
        }
    }
}

macro_rules! tuple_value {
    ($($name:ident),+) => {
        impl<$($name: FromValue),+> FromValue for ($($name,)+) {
            fn from_value(v: Value) -> Result<Self, Error> {
                let Value::List(items) = v else {
                    return Err(mismatch("several results", &v));
                };
                let mut items = items.into_iter();
                let res = ($($name::from_value(items.next().ok_or_else(|| {
                    Error::Type("too few results".into())
                })?)?,)+);
                match items.next() {
                    Some(_) => Err(Error::Type("too many results".into())),
                    None => Ok(res),
                }
            }
        }
    };
}

tuple_value!(A, B);
tuple_value!(A, B, C);
tuple_value!(A, B, C, D);

/// The arguments of a call: a tuple of [`IntoValue`] types (or `()` for none).
///
/// # Examples
/// ```
/// use minigo::embed::{IntoArgs, Value};
/// assert_eq!((1i64, "a").into_args(), vec![Value::Int(1), Value::Str("a".into())]);
/// ```
pub trait IntoArgs {
    /// The arguments in order.
    fn into_args(self) -> Vec<Value>;
}

impl IntoArgs for () {
    fn into_args(self) -> Vec<Value> {
        Vec::new()
    }
}

impl IntoArgs for Vec<Value> {
    fn into_args(self) -> Vec<Value> {
        self
    }
}

macro_rules! tuple_args {
    ($($name:ident),+) => {
        impl<$($name: IntoValue),+> IntoArgs for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<Value> {
                let ($($name,)+) = self;
                vec![$($name.into_value()),+]
            }
        }
    };
}

tuple_args!(A);
tuple_args!(A, B);
tuple_args!(A, B, C);
tuple_args!(A, B, C, D);
tuple_args!(A, B, C, D, E);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_round_trip_and_mismatches_name_both_kinds() {
        assert_eq!(i64::from_value(7i64.into_value()).ok(), Some(7));
        assert_eq!(String::from_value("s".into_value()).ok(), Some("s".into()));
        let err = i64::from_value(Value::Str("x".into())).unwrap_err();
        assert_eq!(err.to_string(), "type mismatch: expected int, found string");
    }

    #[test]
    fn maps_options_and_result_pairs_convert() {
        let map = HashMap::from([("a".to_string(), 1i64)]);
        let back: HashMap<String, i64> = FromValue::from_value(map.clone().into_value()).unwrap();
        assert_eq!(back, map);
        assert_eq!(Option::<i64>::from_value(Value::Nil).unwrap(), None);
        let ok = Value::List(vec![Value::Int(3), Value::Nil]);
        assert_eq!(Result::<i64, HostError>::from_value(ok).unwrap(), Ok(3));
        let failed = Value::List(vec![Value::Int(0), Value::Error("no".into())]);
        let res = Result::<i64, HostError>::from_value(failed).unwrap();
        assert_eq!(res, Err(HostError::new("no")));
    }

    #[test]
    fn tuples_take_exactly_their_arity() {
        let two = Value::List(vec![Value::Int(1), Value::Bool(true)]);
        assert_eq!(<(i64, bool)>::from_value(two).unwrap(), (1, true));
        let three = Value::List(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        assert!(<(i64, i64)>::from_value(three).is_err());
    }
}
