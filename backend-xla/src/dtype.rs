//! Element types of XLA buffers and their Rust counterparts.

use std::fmt;

/// The element type of a tensor or device buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    F32,
    F64,
    BF16,
    F16,
    I32,
    I64,
    U32,
    /// XLA's `PRED`: one byte per element, 0 or 1.
    Bool,
}

impl DType {
    /// All element types, in declaration order.
    pub const ALL: [DType; 8] = [
        DType::F32,
        DType::F64,
        DType::BF16,
        DType::F16,
        DType::I32,
        DType::I64,
        DType::U32,
        DType::Bool,
    ];

    /// Bytes per element (`Bool` is one byte, as XLA's `PRED`).
    pub fn size_bytes(self) -> usize {
        match self {
            DType::F64 | DType::I64 => 8,
            DType::F32 | DType::I32 | DType::U32 => 4,
            DType::BF16 | DType::F16 => 2,
            DType::Bool => 1,
        }
    }

    /// The MLIR / StableHLO spelling of the element type.
    pub fn mlir_name(self) -> &'static str {
        match self {
            DType::F32 => "f32",
            DType::F64 => "f64",
            DType::BF16 => "bf16",
            DType::F16 => "f16",
            DType::I32 => "i32",
            DType::I64 => "i64",
            DType::U32 => "ui32",
            DType::Bool => "i1",
        }
    }

    /// Parses an MLIR element type name (the inverse of [`DType::mlir_name`]).
    pub fn from_mlir_name(name: &str) -> Option<DType> {
        DType::ALL.into_iter().find(|d| d.mlir_name() == name)
    }

    /// Whether this is a floating-point type.
    pub fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64 | DType::BF16 | DType::F16)
    }

    /// The `PJRT_Buffer_Type` enumerator of the PJRT C API.
    pub(crate) fn to_pjrt(self) -> i32 {
        match self {
            DType::Bool => 1,
            DType::I32 => 4,
            DType::I64 => 5,
            DType::U32 => 8,
            DType::F16 => 10,
            DType::F32 => 11,
            DType::F64 => 12,
            DType::BF16 => 13,
        }
    }

    /// The inverse of [`DType::to_pjrt`]; `None` for the PJRT types oxidiff does not use.
    pub(crate) fn from_pjrt(t: i32) -> Option<DType> {
        DType::ALL.into_iter().find(|d| d.to_pjrt() == t)
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.mlir_name())
    }
}

/// A Rust type whose values can be copied into and out of device buffers as-is.
///
/// Implemented for `f32`, `f64`, `half::bf16`, `half::f16`, `i32`, `i64`, `u32` and `bool`
/// (one byte per element, XLA's `PRED`).
pub trait NativeType: Copy + Send + Sync + 'static {
    const DTYPE: DType;
}

macro_rules! native {
    ($($t:ty => $d:ident),* $(,)?) => {
        $(impl NativeType for $t { const DTYPE: DType = DType::$d; })*
    };
}

native! {
    f32 => F32,
    f64 => F64,
    half::bf16 => BF16,
    half::f16 => F16,
    i32 => I32,
    i64 => I64,
    u32 => U32,
    bool => Bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_rust_types() {
        assert_eq!(DType::F32.size_bytes(), std::mem::size_of::<f32>());
        assert_eq!(DType::F64.size_bytes(), std::mem::size_of::<f64>());
        assert_eq!(DType::BF16.size_bytes(), std::mem::size_of::<half::bf16>());
        assert_eq!(DType::F16.size_bytes(), std::mem::size_of::<half::f16>());
        assert_eq!(DType::I32.size_bytes(), std::mem::size_of::<i32>());
        assert_eq!(DType::I64.size_bytes(), std::mem::size_of::<i64>());
        assert_eq!(DType::U32.size_bytes(), std::mem::size_of::<u32>());
        assert_eq!(DType::Bool.size_bytes(), std::mem::size_of::<bool>());
    }

    #[test]
    fn names_round_trip() {
        for d in DType::ALL {
            assert_eq!(DType::from_mlir_name(d.mlir_name()), Some(d));
            assert_eq!(DType::from_pjrt(d.to_pjrt()), Some(d));
            assert_eq!(d.to_string(), d.mlir_name());
        }
        assert!(DType::BF16.is_float() && !DType::U32.is_float() && !DType::Bool.is_float());
    }
}
