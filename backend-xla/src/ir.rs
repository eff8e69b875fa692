//! A typed, shape-checked graph of tensor operations: the role of JAX's jaxpr.
//!
//! A [`Graph`] is a [`Region`] (parameters, a list of equations, results) plus the type of
//! every [`Value`]. Each equation ([`Eqn`]) applies one primitive ([`Op`]) to values and
//! defines one or more new values. Control flow (`while`, `case`) holds nested regions; an
//! op inside a nested region may use any value of the regions around it (as MLIR regions
//! do), so closures over outer values need no explicit capture list.
//!
//! IR ops are strict: elementwise operands have equal shapes and dtypes. Numpy-style
//! broadcasting is done by [`GraphBuilder`]'s helpers ([`GraphBuilder::binary`] and
//! friends), which insert explicit `broadcast_in_dim` equations, as JAX does.
//!
//! [`Op`] is the one enum of primitives: [`Op::infer`] (shape inference) and the lowering
//! in [`crate::lower`] match on it exhaustively, and the differentiation and batching rules
//! slot in beside them, one arm per op.

use std::fmt;

use crate::{DType, Error, NativeType, Result};

/// A value of a [`Graph`]: an index into its type table. Printed `%N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Value(pub u32);

impl Value {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "%{}", self.0)
    }
}

/// The type of a value: element type and dimensions (`[]` for a scalar).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TensorType {
    pub dtype: DType,
    pub shape: Vec<i64>,
}

impl TensorType {
    pub fn new(dtype: DType, shape: &[i64]) -> TensorType {
        TensorType {
            dtype,
            shape: shape.to_vec(),
        }
    }
    pub fn scalar(dtype: DType) -> TensorType {
        TensorType {
            dtype,
            shape: vec![],
        }
    }
    pub fn rank(&self) -> usize {
        self.shape.len()
    }
    /// Number of elements.
    pub fn numel(&self) -> i64 {
        self.shape.iter().product()
    }
    /// The MLIR spelling, e.g. `tensor<3x4xf32>`.
    pub fn mlir(&self) -> String {
        let mut s = String::from("tensor<");
        for d in &self.shape {
            s += &format!("{d}x");
        }
        s += self.dtype.mlir_name();
        s.push('>');
        s
    }
}

impl fmt::Display for TensorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.dtype, fmt_dims(&self.shape))
    }
}

/// `[3,4]`-style dims.
fn fmt_dims(d: &[i64]) -> String {
    let parts: Vec<String> = d.iter().map(|x| x.to_string()).collect();
    format!("[{}]", parts.join(","))
}

fn shape_err(msg: impl Into<String>) -> Error {
    Error::Shape(msg.into())
}

fn dtype_err(msg: impl Into<String>) -> Error {
    Error::DType(msg.into())
}

/// Elementwise functions of one operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg,
    Abs,
    /// -1, 0 or 1 (0 for ±0, NaN for NaN), as `jnp.sign`; not Rust's `signum`.
    Sign,
    Floor,
    Ceil,
    /// Half away from zero, as Rust's `round`.
    Round,
    Trunc,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Exp,
    Exp2,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Sqrt,
    Cbrt,
    Rsqrt,
    Recip,
    /// 1 / (1 + exp(-x)).
    Logistic,
    /// Bitwise not (integers) or logical not (bool).
    Not,
    /// `true` where finite (result dtype bool).
    IsFinite,
}

impl UnaryOp {
    pub const ALL: [UnaryOp; 33] = [
        UnaryOp::Neg,
        UnaryOp::Abs,
        UnaryOp::Sign,
        UnaryOp::Floor,
        UnaryOp::Ceil,
        UnaryOp::Round,
        UnaryOp::Trunc,
        UnaryOp::Sin,
        UnaryOp::Cos,
        UnaryOp::Tan,
        UnaryOp::Asin,
        UnaryOp::Acos,
        UnaryOp::Atan,
        UnaryOp::Sinh,
        UnaryOp::Cosh,
        UnaryOp::Tanh,
        UnaryOp::Asinh,
        UnaryOp::Acosh,
        UnaryOp::Atanh,
        UnaryOp::Exp,
        UnaryOp::Exp2,
        UnaryOp::Expm1,
        UnaryOp::Log,
        UnaryOp::Log2,
        UnaryOp::Log10,
        UnaryOp::Log1p,
        UnaryOp::Sqrt,
        UnaryOp::Cbrt,
        UnaryOp::Rsqrt,
        UnaryOp::Recip,
        UnaryOp::Logistic,
        UnaryOp::Not,
        UnaryOp::IsFinite,
    ];

    pub fn name(self) -> &'static str {
        use UnaryOp::*;
        match self {
            Neg => "neg",
            Abs => "abs",
            Sign => "sign",
            Floor => "floor",
            Ceil => "ceil",
            Round => "round",
            Trunc => "trunc",
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Asin => "asin",
            Acos => "acos",
            Atan => "atan",
            Sinh => "sinh",
            Cosh => "cosh",
            Tanh => "tanh",
            Asinh => "asinh",
            Acosh => "acosh",
            Atanh => "atanh",
            Exp => "exp",
            Exp2 => "exp2",
            Expm1 => "expm1",
            Log => "log",
            Log2 => "log2",
            Log10 => "log10",
            Log1p => "log1p",
            Sqrt => "sqrt",
            Cbrt => "cbrt",
            Rsqrt => "rsqrt",
            Recip => "recip",
            Logistic => "logistic",
            Not => "not",
            IsFinite => "is_finite",
        }
    }

    /// Checks the operand's dtype and returns the result's.
    pub fn result_dtype(self, d: DType) -> Result<DType> {
        use UnaryOp::*;
        let ok = match self {
            Neg => d != DType::Bool,
            Abs | Sign => d.is_float() || matches!(d, DType::I32 | DType::I64),
            Not => !d.is_float(),
            _ => d.is_float(),
        };
        if !ok {
            let want = match self {
                Neg => "a numeric dtype",
                Abs | Sign => "a float or signed integer dtype",
                Not => "an integer or bool dtype",
                _ => "a float dtype",
            };
            return Err(dtype_err(format!(
                "{}: expected {want}, got {d}",
                self.name()
            )));
        }
        Ok(if self == IsFinite { DType::Bool } else { d })
    }
}

/// Elementwise functions of two operands of the same type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    /// Remainder with the sign of the dividend (C `fmod`, Rust `%`).
    Rem,
    Pow,
    Atan2,
    Hypot,
    /// NaN-propagating (as `jnp.minimum`), unlike Rust's `f32::min`.
    Min,
    /// NaN-propagating (as `jnp.maximum`), unlike Rust's `f32::max`.
    Max,
    And,
    Or,
    Xor,
    ShiftLeft,
    ShiftRightLogical,
    ShiftRightArithmetic,
}

impl BinaryOp {
    pub const ALL: [BinaryOp; 16] = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Rem,
        BinaryOp::Pow,
        BinaryOp::Atan2,
        BinaryOp::Hypot,
        BinaryOp::Min,
        BinaryOp::Max,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
        BinaryOp::ShiftLeft,
        BinaryOp::ShiftRightLogical,
        BinaryOp::ShiftRightArithmetic,
    ];

    pub fn name(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "add",
            Sub => "sub",
            Mul => "mul",
            Div => "div",
            Rem => "rem",
            Pow => "pow",
            Atan2 => "atan2",
            Hypot => "hypot",
            Min => "min",
            Max => "max",
            And => "and",
            Or => "or",
            Xor => "xor",
            ShiftLeft => "shift_left",
            ShiftRightLogical => "shift_right_logical",
            ShiftRightArithmetic => "shift_right_arithmetic",
        }
    }

    pub fn check_dtype(self, d: DType) -> Result<()> {
        use BinaryOp::*;
        let (ok, want) = match self {
            Add | Sub | Mul | Div | Rem | Pow => (d != DType::Bool, "a numeric dtype"),
            Min | Max => (true, ""),
            Atan2 | Hypot => (d.is_float(), "a float dtype"),
            And | Or | Xor => (!d.is_float(), "an integer or bool dtype"),
            ShiftLeft | ShiftRightLogical | ShiftRightArithmetic => {
                (!d.is_float() && d != DType::Bool, "an integer dtype")
            }
        };
        if ok {
            Ok(())
        } else {
            Err(dtype_err(format!(
                "{}: expected {want}, got {d}",
                self.name()
            )))
        }
    }
}

/// Comparison directions (floats compare as IEEE: NaN is unordered).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub const ALL: [CmpOp; 6] = [
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
    ];
    pub fn name(self) -> &'static str {
        match self {
            CmpOp::Eq => "eq",
            CmpOp::Ne => "ne",
            CmpOp::Lt => "lt",
            CmpOp::Le => "le",
            CmpOp::Gt => "gt",
            CmpOp::Ge => "ge",
        }
    }
}

/// Reductions over axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReduceOp {
    Sum,
    Prod,
    Max,
    Min,
}

impl ReduceOp {
    pub fn name(self) -> &'static str {
        match self {
            ReduceOp::Sum => "reduce_sum",
            ReduceOp::Prod => "reduce_prod",
            ReduceOp::Max => "reduce_max",
            ReduceOp::Min => "reduce_min",
        }
    }
}

/// A constant: dtype, shape and the elements' little-endian bytes (bool: one byte, 0 or 1).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Literal {
    pub ty: TensorType,
    pub bytes: Vec<u8>,
}

/// The bytes of a slice of native values.
pub fn native_bytes<T: NativeType>(data: &[T]) -> Vec<u8> {
    // SAFETY: every `NativeType` (f32, f64, bf16, f16, i32, i64, u32, bool) is plain data
    // with no padding, so viewing it as bytes is sound.
    unsafe { std::slice::from_raw_parts(data.as_ptr() as *const u8, std::mem::size_of_val(data)) }
        .to_vec()
}

/// Decodes bytes into native values (the dtype must match; checked by the caller).
pub fn from_native_bytes<T: NativeType>(bytes: &[u8]) -> Vec<T> {
    let n = bytes.len() / std::mem::size_of::<T>();
    let mut out = Vec::<T>::with_capacity(n);
    if T::DTYPE == DType::Bool {
        // Normalize: any non-zero byte is `true` (a byte other than 0/1 is not a valid bool).
        let v: Vec<u8> = bytes.iter().map(|&b| (b != 0) as u8).collect();
        // SAFETY: T is bool here and every byte is 0 or 1.
        unsafe {
            std::ptr::copy_nonoverlapping(v.as_ptr(), out.as_mut_ptr() as *mut u8, n);
            out.set_len(n);
        }
        return out;
    }
    // SAFETY: T is plain data for which every bit pattern is valid; `out` has room for n.
    unsafe {
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            out.as_mut_ptr() as *mut u8,
            n * std::mem::size_of::<T>(),
        );
        out.set_len(n);
    }
    out
}

impl Literal {
    /// A literal from raw bytes; checks the byte count.
    pub fn from_bytes(ty: TensorType, bytes: Vec<u8>) -> Result<Literal> {
        if ty.shape.iter().any(|&d| d < 0) {
            return Err(shape_err(format!(
                "constant: negative dimension in {:?}",
                ty.shape
            )));
        }
        let want = ty.numel() as usize * ty.dtype.size_bytes();
        if bytes.len() != want {
            return Err(shape_err(format!(
                "constant: {} bytes for {ty}, which needs {want}",
                bytes.len()
            )));
        }
        Ok(Literal { ty, bytes })
    }

    /// A literal from native values; checks the element count against the shape.
    pub fn from_slice<T: NativeType>(data: &[T], shape: &[i64]) -> Result<Literal> {
        let ty = TensorType::new(T::DTYPE, shape);
        if shape.iter().any(|&d| d < 0) || ty.numel() as usize != data.len() {
            return Err(shape_err(format!(
                "{} elements do not fill shape {:?}",
                data.len(),
                shape
            )));
        }
        Ok(Literal {
            ty,
            bytes: native_bytes(data),
        })
    }

    /// A scalar of `dtype` with value `v` (rounded/saturated as `as` casts do; bool: v != 0).
    pub fn scalar_f64(dtype: DType, v: f64) -> Literal {
        let bytes = scalar_bytes(dtype, v);
        Literal {
            ty: TensorType::scalar(dtype),
            bytes,
        }
    }

    /// The elements as f64 (for display and tests).
    pub fn to_f64_vec(&self) -> Vec<f64> {
        let sz = self.ty.dtype.size_bytes();
        self.bytes
            .chunks(sz)
            .map(|c| elem_f64(self.ty.dtype, c))
            .collect()
    }
}

/// The little-endian bytes of one element of `dtype` holding `v`.
pub fn scalar_bytes(dtype: DType, v: f64) -> Vec<u8> {
    match dtype {
        DType::F32 => (v as f32).to_le_bytes().to_vec(),
        DType::F64 => v.to_le_bytes().to_vec(),
        DType::BF16 => half::bf16::from_f64(v).to_le_bytes().to_vec(),
        DType::F16 => half::f16::from_f64(v).to_le_bytes().to_vec(),
        DType::I32 => (v as i32).to_le_bytes().to_vec(),
        DType::I64 => (v as i64).to_le_bytes().to_vec(),
        DType::U32 => (v as u32).to_le_bytes().to_vec(),
        DType::Bool => vec![(v != 0.0) as u8],
    }
}

/// One element decoded to f64.
pub fn elem_f64(dtype: DType, c: &[u8]) -> f64 {
    match dtype {
        DType::F32 => f32::from_le_bytes(c.try_into().unwrap()) as f64,
        DType::F64 => f64::from_le_bytes(c.try_into().unwrap()),
        DType::BF16 => half::bf16::from_le_bytes(c.try_into().unwrap()).to_f64(),
        DType::F16 => half::f16::from_le_bytes(c.try_into().unwrap()).to_f64(),
        DType::I32 => i32::from_le_bytes(c.try_into().unwrap()) as f64,
        DType::I64 => i64::from_le_bytes(c.try_into().unwrap()) as f64,
        DType::U32 => u32::from_le_bytes(c.try_into().unwrap()) as f64,
        DType::Bool => (c[0] != 0) as u8 as f64,
    }
}

/// One element as text: numbers as Rust prints them (`1.5`, `-3`, `true`).
pub fn elem_string(dtype: DType, c: &[u8]) -> String {
    match dtype {
        DType::F32 => format!("{:?}", f32::from_le_bytes(c.try_into().unwrap())),
        DType::F64 => format!("{:?}", f64::from_le_bytes(c.try_into().unwrap())),
        DType::BF16 => format!(
            "{:?}",
            half::bf16::from_le_bytes(c.try_into().unwrap()).to_f32()
        ),
        DType::F16 => format!(
            "{:?}",
            half::f16::from_le_bytes(c.try_into().unwrap()).to_f32()
        ),
        DType::I32 => i32::from_le_bytes(c.try_into().unwrap()).to_string(),
        DType::I64 => i64::from_le_bytes(c.try_into().unwrap()).to_string(),
        DType::U32 => u32::from_le_bytes(c.try_into().unwrap()).to_string(),
        DType::Bool => (c[0] != 0).to_string(),
    }
}

/// Dimension numbers of a `dot_general`: batch dims pair up, contracting dims are summed
/// over; the result is `batch ++ lhs free ++ rhs free`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct DotDims {
    pub lhs_batch: Vec<i64>,
    pub rhs_batch: Vec<i64>,
    pub lhs_contract: Vec<i64>,
    pub rhs_contract: Vec<i64>,
}

/// The primitives. Every arm of [`Op::infer`] and of the lowering covers one of them.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Constant(Literal),
    /// `0, 1, 2, ...` along `dim` of a tensor of `shape`.
    Iota {
        dtype: DType,
        shape: Vec<i64>,
        dim: i64,
    },
    Unary(UnaryOp, Value),
    Binary(BinaryOp, Value, Value),
    /// `x` to an integer power.
    Powi(Value, i32),
    /// Result dtype bool.
    Compare(CmpOp, Value, Value),
    /// `pred ? on_true : on_false` elementwise; all of one shape.
    Select {
        pred: Value,
        on_true: Value,
        on_false: Value,
    },
    /// `min(max(x, lo), hi)`; all of one shape.
    Clamp {
        lo: Value,
        x: Value,
        hi: Value,
    },
    /// Value conversion to another dtype.
    Convert(Value, DType),
    /// Reinterprets the bits (dtypes of one size).
    BitcastConvert(Value, DType),
    /// Operand dim `i` becomes result dim `dims[i]` (size 1 or equal); others are broadcast.
    BroadcastInDim {
        x: Value,
        shape: Vec<i64>,
        dims: Vec<i64>,
    },
    Reshape(Value, Vec<i64>),
    /// Result dim `i` is operand dim `perm[i]`.
    Transpose(Value, Vec<i64>),
    Slice {
        x: Value,
        start: Vec<i64>,
        limit: Vec<i64>,
        strides: Vec<i64>,
    },
    /// Start indices are scalar integer values (clamped into range, as XLA does).
    DynamicSlice {
        x: Value,
        starts: Vec<Value>,
        sizes: Vec<i64>,
    },
    DynamicUpdateSlice {
        x: Value,
        update: Value,
        starts: Vec<Value>,
    },
    Concatenate(Vec<Value>, i64),
    /// Negative `low`/`high` crop.
    Pad {
        x: Value,
        value: Value,
        low: Vec<i64>,
        high: Vec<i64>,
        interior: Vec<i64>,
    },
    Reduce {
        op: ReduceOp,
        x: Value,
        axes: Vec<i64>,
    },
    /// Index of the largest element along `axis` (first one on ties; NaN counts as largest).
    Argmax {
        x: Value,
        axis: i64,
        index_dtype: DType,
    },
    /// Index of the smallest element along `axis` (first one on ties; NaN counts as smallest).
    Argmin {
        x: Value,
        axis: i64,
        index_dtype: DType,
    },
    DotGeneral {
        lhs: Value,
        rhs: Value,
        dims: DotDims,
    },
    /// `x[indices]` along axis 0: result shape `indices.shape ++ x.shape[1..]`
    /// (out-of-range indices are clamped, as XLA's gather does).
    Take {
        x: Value,
        indices: Value,
    },
    /// `x` with `x[indices[i]] += updates[i]` along axis 0 (repeated indices add up;
    /// out-of-range ones are dropped); `updates.shape == indices.shape ++ x.shape[1..]`.
    ScatterAdd {
        x: Value,
        indices: Value,
        updates: Value,
    },
    /// Loop carrying `init`'s values: `cond` (params: the carry, result: bool scalar) and
    /// `body` (params: the carry, results: the next carry).
    While {
        init: Vec<Value>,
        cond: Region,
        body: Region,
    },
    /// Runs `branches[index]` (an i32 scalar; out of range runs the last branch). Branches
    /// take no parameters (they use outer values) and return values of the same types.
    Case {
        index: Value,
        branches: Vec<Region>,
    },
    /// Cross-replica reduction (`stablehlo.all_reduce` over one group of all `replicas`
    /// replicas): every replica gets `op` of the `x` of all replicas, elementwise. Only
    /// meaningful in a program compiled for `replicas` replicas (see
    /// [`crate::parallel::DataParallel`]); with `replicas == 1` it is the identity.
    AllReduce {
        op: ReduceOp,
        x: Value,
        replicas: u32,
    },
}

/// A block of equations: parameters, equations, results.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Region {
    pub params: Vec<Value>,
    pub eqns: Vec<Eqn>,
    pub results: Vec<Value>,
}

/// One equation: `outputs = op`.
#[derive(Clone, Debug, PartialEq)]
pub struct Eqn {
    pub op: Op,
    pub outputs: Vec<Value>,
}

fn check_axis(what: &str, axis: i64, rank: usize) -> Result<()> {
    if axis < 0 || axis as usize >= rank {
        Err(shape_err(format!(
            "{what}: axis {axis} out of range for rank {rank}"
        )))
    } else {
        Ok(())
    }
}

fn check_unique_axes(what: &str, axes: &[i64], rank: usize) -> Result<()> {
    let mut seen = vec![false; rank];
    for &a in axes {
        check_axis(what, a, rank)?;
        if seen[a as usize] {
            return Err(shape_err(format!("{what}: axis {a} repeated in {axes:?}")));
        }
        seen[a as usize] = true;
    }
    Ok(())
}

fn types_str(ts: &[TensorType]) -> String {
    let v: Vec<String> = ts.iter().map(|t| t.to_string()).collect();
    format!("({})", v.join(", "))
}

impl Op {
    /// The op's name as printed (`add`, `broadcast_in_dim`, `while`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Op::Constant(_) => "constant",
            Op::Iota { .. } => "iota",
            Op::Unary(u, _) => u.name(),
            Op::Binary(b, _, _) => b.name(),
            Op::Powi(..) => "powi",
            Op::Compare(..) => "compare",
            Op::Select { .. } => "select",
            Op::Clamp { .. } => "clamp",
            Op::Convert(..) => "convert",
            Op::BitcastConvert(..) => "bitcast_convert",
            Op::BroadcastInDim { .. } => "broadcast_in_dim",
            Op::Reshape(..) => "reshape",
            Op::Transpose(..) => "transpose",
            Op::Slice { .. } => "slice",
            Op::DynamicSlice { .. } => "dynamic_slice",
            Op::DynamicUpdateSlice { .. } => "dynamic_update_slice",
            Op::Concatenate(..) => "concatenate",
            Op::Pad { .. } => "pad",
            Op::Reduce { op, .. } => op.name(),
            Op::Argmax { .. } => "argmax",
            Op::Argmin { .. } => "argmin",
            Op::DotGeneral { .. } => "dot_general",
            Op::Take { .. } => "take",
            Op::ScatterAdd { .. } => "scatter_add",
            Op::While { .. } => "while",
            Op::Case { .. } => "case",
            Op::AllReduce { op, .. } => match op {
                ReduceOp::Sum => "all_reduce_sum",
                ReduceOp::Prod => "all_reduce_prod",
                ReduceOp::Max => "all_reduce_max",
                ReduceOp::Min => "all_reduce_min",
            },
        }
    }

    /// The values the op reads directly (not those used inside its regions).
    pub fn operands(&self) -> Vec<Value> {
        match self {
            Op::Constant(_) | Op::Iota { .. } => vec![],
            Op::Unary(_, x)
            | Op::Powi(x, _)
            | Op::Convert(x, _)
            | Op::BitcastConvert(x, _)
            | Op::BroadcastInDim { x, .. }
            | Op::Reshape(x, _)
            | Op::Transpose(x, _)
            | Op::Slice { x, .. }
            | Op::Reduce { x, .. }
            | Op::Argmax { x, .. }
            | Op::Argmin { x, .. }
            | Op::AllReduce { x, .. } => vec![*x],
            Op::Binary(_, a, b) | Op::Compare(_, a, b) => vec![*a, *b],
            Op::Select {
                pred,
                on_true,
                on_false,
            } => vec![*pred, *on_true, *on_false],
            Op::Clamp { lo, x, hi } => vec![*lo, *x, *hi],
            Op::DynamicSlice { x, starts, .. } => {
                let mut v = vec![*x];
                v.extend(starts);
                v
            }
            Op::DynamicUpdateSlice { x, update, starts } => {
                let mut v = vec![*x, *update];
                v.extend(starts);
                v
            }
            Op::Concatenate(xs, _) => xs.clone(),
            Op::Pad { x, value, .. } => vec![*x, *value],
            Op::DotGeneral { lhs, rhs, .. } => vec![*lhs, *rhs],
            Op::Take { x, indices } => vec![*x, *indices],
            Op::ScatterAdd {
                x,
                indices,
                updates,
            } => vec![*x, *indices, *updates],
            Op::While { init, .. } => init.clone(),
            Op::Case { index, .. } => vec![*index],
        }
    }

    /// A copy of the op with every direct operand mapped by `f`. `while` and `case` are
    /// returned with their init/index mapped and their regions as they are (regions are
    /// rebuilt by the caller, e.g. [`crate::trace::replay`]).
    pub fn map_operands(&self, f: &mut impl FnMut(Value) -> Result<Value>) -> Result<Op> {
        let mut mv = |vs: &[Value]| -> Result<Vec<Value>> { vs.iter().map(|v| f(*v)).collect() };
        let v = mv(&self.operands())?;
        Ok(match self {
            Op::Constant(_) | Op::Iota { .. } => self.clone(),
            Op::Unary(u, _) => Op::Unary(*u, v[0]),
            Op::Binary(b, _, _) => Op::Binary(*b, v[0], v[1]),
            Op::Powi(_, n) => Op::Powi(v[0], *n),
            Op::Compare(c, _, _) => Op::Compare(*c, v[0], v[1]),
            Op::Select { .. } => Op::Select {
                pred: v[0],
                on_true: v[1],
                on_false: v[2],
            },
            Op::Clamp { .. } => Op::Clamp {
                lo: v[0],
                x: v[1],
                hi: v[2],
            },
            Op::Convert(_, d) => Op::Convert(v[0], *d),
            Op::BitcastConvert(_, d) => Op::BitcastConvert(v[0], *d),
            Op::BroadcastInDim { shape, dims, .. } => Op::BroadcastInDim {
                x: v[0],
                shape: shape.clone(),
                dims: dims.clone(),
            },
            Op::Reshape(_, s) => Op::Reshape(v[0], s.clone()),
            Op::Transpose(_, p) => Op::Transpose(v[0], p.clone()),
            Op::Slice {
                start,
                limit,
                strides,
                ..
            } => Op::Slice {
                x: v[0],
                start: start.clone(),
                limit: limit.clone(),
                strides: strides.clone(),
            },
            Op::DynamicSlice { sizes, .. } => Op::DynamicSlice {
                x: v[0],
                starts: v[1..].to_vec(),
                sizes: sizes.clone(),
            },
            Op::DynamicUpdateSlice { .. } => Op::DynamicUpdateSlice {
                x: v[0],
                update: v[1],
                starts: v[2..].to_vec(),
            },
            Op::Concatenate(_, d) => Op::Concatenate(v, *d),
            Op::Pad {
                low,
                high,
                interior,
                ..
            } => Op::Pad {
                x: v[0],
                value: v[1],
                low: low.clone(),
                high: high.clone(),
                interior: interior.clone(),
            },
            Op::Reduce { op, axes, .. } => Op::Reduce {
                op: *op,
                x: v[0],
                axes: axes.clone(),
            },
            Op::Argmax {
                axis, index_dtype, ..
            } => Op::Argmax {
                x: v[0],
                axis: *axis,
                index_dtype: *index_dtype,
            },
            Op::Argmin {
                axis, index_dtype, ..
            } => Op::Argmin {
                x: v[0],
                axis: *axis,
                index_dtype: *index_dtype,
            },
            Op::DotGeneral { dims, .. } => Op::DotGeneral {
                lhs: v[0],
                rhs: v[1],
                dims: dims.clone(),
            },
            Op::Take { .. } => Op::Take {
                x: v[0],
                indices: v[1],
            },
            Op::ScatterAdd { .. } => Op::ScatterAdd {
                x: v[0],
                indices: v[1],
                updates: v[2],
            },
            Op::While { cond, body, .. } => Op::While {
                init: v,
                cond: cond.clone(),
                body: body.clone(),
            },
            Op::Case { branches, .. } => Op::Case {
                index: v[0],
                branches: branches.clone(),
            },
            Op::AllReduce { op, replicas, .. } => Op::AllReduce {
                op: *op,
                x: v[0],
                replicas: *replicas,
            },
        })
    }

    /// The nested regions (`while`: cond, body; `case`: the branches).
    pub fn regions(&self) -> Vec<&Region> {
        match self {
            Op::While { cond, body, .. } => vec![cond, body],
            Op::Case { branches, .. } => branches.iter().collect(),
            _ => vec![],
        }
    }

    /// Shape and dtype inference: checks the operands (types looked up in `types`, indexed
    /// by value) and returns the result types, or a `Shape`/`DType` error naming the op.
    pub fn infer(&self, types: &[TensorType]) -> Result<Vec<TensorType>> {
        let t = |v: &Value| -> Result<&TensorType> {
            types
                .get(v.index())
                .ok_or_else(|| Error::Other(format!("{}: unknown value {v}", self.name())))
        };
        let name = self.name();
        let same = |a: &TensorType, b: &TensorType| -> Result<()> {
            if a.dtype != b.dtype {
                return Err(dtype_err(format!(
                    "{name}: dtypes {} and {} differ",
                    a.dtype, b.dtype
                )));
            }
            if a.shape != b.shape {
                return Err(shape_err(format!(
                    "{name}: shapes {:?} and {:?} differ",
                    a.shape, b.shape
                )));
            }
            Ok(())
        };
        let one = |t: TensorType| Ok(vec![t]);
        match self {
            Op::Constant(lit) => {
                Literal::from_bytes(lit.ty.clone(), lit.bytes.clone())?;
                one(lit.ty.clone())
            }
            Op::Iota { dtype, shape, dim } => {
                if *dtype == DType::Bool {
                    return Err(dtype_err("iota: bool is not a numeric dtype"));
                }
                check_axis(name, *dim, shape.len())?;
                check_dims(name, shape)?;
                one(TensorType::new(*dtype, shape))
            }
            Op::Unary(u, x) => {
                let x = t(x)?;
                one(TensorType::new(u.result_dtype(x.dtype)?, &x.shape))
            }
            Op::Binary(b, x, y) => {
                let (x, y) = (t(x)?, t(y)?);
                same(x, y)?;
                b.check_dtype(x.dtype)?;
                one(x.clone())
            }
            Op::Powi(x, _) => {
                let x = t(x)?;
                if !x.dtype.is_float() {
                    return Err(dtype_err(format!(
                        "powi: expected a float dtype, got {}",
                        x.dtype
                    )));
                }
                one(x.clone())
            }
            Op::Compare(_, x, y) => {
                let (x, y) = (t(x)?, t(y)?);
                same(x, y)?;
                one(TensorType::new(DType::Bool, &x.shape))
            }
            Op::Select {
                pred,
                on_true,
                on_false,
            } => {
                let (p, a, b) = (t(pred)?, t(on_true)?, t(on_false)?);
                same(a, b)?;
                if p.dtype != DType::Bool {
                    return Err(dtype_err(format!(
                        "select: predicate has dtype {}, not i1",
                        p.dtype
                    )));
                }
                if p.shape != a.shape {
                    return Err(shape_err(format!(
                        "select: predicate shape {:?} differs from {:?}",
                        p.shape, a.shape
                    )));
                }
                one(a.clone())
            }
            Op::Clamp { lo, x, hi } => {
                let (l, x, h) = (t(lo)?, t(x)?, t(hi)?);
                same(l, x)?;
                same(x, h)?;
                if x.dtype == DType::Bool {
                    return Err(dtype_err("clamp: expected a numeric dtype, got i1"));
                }
                one(x.clone())
            }
            Op::Convert(x, d) => one(TensorType::new(*d, &t(x)?.shape)),
            Op::BitcastConvert(x, d) => {
                let x = t(x)?;
                if x.dtype.size_bytes() != d.size_bytes()
                    || (*d == DType::Bool) != (x.dtype == DType::Bool)
                {
                    return Err(dtype_err(format!(
                        "bitcast_convert: {} and {d} differ in size",
                        x.dtype
                    )));
                }
                one(TensorType::new(*d, &x.shape))
            }
            Op::BroadcastInDim { x, shape, dims } => {
                let x = t(x)?;
                check_dims(name, shape)?;
                if dims.len() != x.rank() {
                    return Err(shape_err(format!(
                        "broadcast_in_dim: {} dims for an operand of rank {}",
                        dims.len(),
                        x.rank()
                    )));
                }
                check_unique_axes(name, dims, shape.len())?;
                for (i, &d) in dims.iter().enumerate() {
                    let (from, to) = (x.shape[i], shape[d as usize]);
                    if from != 1 && from != to {
                        return Err(shape_err(format!(
                            "broadcast_in_dim: cannot broadcast {:?} to {:?} (dim {i} of size {from} to {to})",
                            x.shape, shape
                        )));
                    }
                }
                one(TensorType::new(x.dtype, shape))
            }
            Op::Reshape(x, shape) => {
                let x = t(x)?;
                check_dims(name, shape)?;
                if shape.iter().product::<i64>() != x.numel() {
                    return Err(shape_err(format!(
                        "reshape: cannot reshape {:?} ({} elements) to {:?}",
                        x.shape,
                        x.numel(),
                        shape
                    )));
                }
                one(TensorType::new(x.dtype, shape))
            }
            Op::Transpose(x, perm) => {
                let x = t(x)?;
                if perm.len() != x.rank() {
                    return Err(shape_err(format!(
                        "transpose: permutation {perm:?} for rank {}",
                        x.rank()
                    )));
                }
                check_unique_axes(name, perm, x.rank())?;
                let shape: Vec<i64> = perm.iter().map(|&p| x.shape[p as usize]).collect();
                one(TensorType::new(x.dtype, &shape))
            }
            Op::Slice {
                x,
                start,
                limit,
                strides,
            } => {
                let x = t(x)?;
                let r = x.rank();
                if start.len() != r || limit.len() != r || strides.len() != r {
                    return Err(shape_err(format!(
                        "slice: start {start:?}, limit {limit:?}, strides {strides:?} for shape {:?}",
                        x.shape
                    )));
                }
                let mut shape = vec![];
                for i in 0..r {
                    let (s, l, st) = (start[i], limit[i], strides[i]);
                    if s < 0 || s > l || l > x.shape[i] || st < 1 {
                        return Err(shape_err(format!(
                            "slice: [{s}..{l} step {st}] out of range for dim {i} of shape {:?}",
                            x.shape
                        )));
                    }
                    shape.push((l - s + st - 1) / st);
                }
                one(TensorType::new(x.dtype, &shape))
            }
            Op::DynamicSlice { x, starts, sizes } => {
                let x = t(x)?;
                check_starts(name, types, starts, x.rank())?;
                if sizes.len() != x.rank()
                    || sizes.iter().zip(&x.shape).any(|(s, d)| *s < 0 || s > d)
                {
                    return Err(shape_err(format!(
                        "dynamic_slice: sizes {sizes:?} do not fit shape {:?}",
                        x.shape
                    )));
                }
                one(TensorType::new(x.dtype, sizes))
            }
            Op::DynamicUpdateSlice { x, update, starts } => {
                let (x, u) = (t(x)?, t(update)?);
                check_starts(name, types, starts, x.rank())?;
                if x.dtype != u.dtype {
                    return Err(dtype_err(format!(
                        "dynamic_update_slice: dtypes {} and {} differ",
                        x.dtype, u.dtype
                    )));
                }
                if u.rank() != x.rank() || u.shape.iter().zip(&x.shape).any(|(s, d)| s > d) {
                    return Err(shape_err(format!(
                        "dynamic_update_slice: update {:?} does not fit in {:?}",
                        u.shape, x.shape
                    )));
                }
                one(x.clone())
            }
            Op::Concatenate(xs, dim) => {
                let Some(first) = xs.first() else {
                    return Err(shape_err("concatenate: no operands"));
                };
                let f = t(first)?;
                check_axis(name, *dim, f.rank())?;
                let mut shape = f.shape.clone();
                shape[*dim as usize] = 0;
                for x in xs {
                    let x = t(x)?;
                    if x.dtype != f.dtype {
                        return Err(dtype_err(format!(
                            "concatenate: dtypes {} and {} differ",
                            f.dtype, x.dtype
                        )));
                    }
                    let ok = x.rank() == f.rank()
                        && (0..f.rank()).all(|i| i == *dim as usize || x.shape[i] == f.shape[i]);
                    if !ok {
                        return Err(shape_err(format!(
                            "concatenate: shapes {:?} and {:?} differ outside axis {dim}",
                            f.shape, x.shape
                        )));
                    }
                    shape[*dim as usize] += x.shape[*dim as usize];
                }
                one(TensorType::new(f.dtype, &shape))
            }
            Op::Pad {
                x,
                value,
                low,
                high,
                interior,
            } => {
                let (x, v) = (t(x)?, t(value)?);
                if v.dtype != x.dtype || v.rank() != 0 {
                    return Err(dtype_err(format!(
                        "pad: padding value {v} must be a scalar of dtype {}",
                        x.dtype
                    )));
                }
                let r = x.rank();
                if low.len() != r
                    || high.len() != r
                    || interior.len() != r
                    || interior.iter().any(|&i| i < 0)
                {
                    return Err(shape_err(format!(
                        "pad: low {low:?}, high {high:?}, interior {interior:?} for shape {:?}",
                        x.shape
                    )));
                }
                let mut shape = vec![];
                for i in 0..r {
                    let d = x.shape[i];
                    let n = low[i] + high[i] + d + (d - 1).max(0) * interior[i];
                    if n < 0 {
                        return Err(shape_err(format!(
                            "pad: dim {i} of shape {:?} would have size {n}",
                            x.shape
                        )));
                    }
                    shape.push(n);
                }
                one(TensorType::new(x.dtype, &shape))
            }
            Op::Reduce { op, x, axes } => {
                let x = t(x)?;
                if x.dtype == DType::Bool && matches!(op, ReduceOp::Sum | ReduceOp::Prod) {
                    return Err(dtype_err(format!(
                        "{name}: expected a numeric dtype, got i1"
                    )));
                }
                check_unique_axes(name, axes, x.rank())?;
                let shape: Vec<i64> = (0..x.rank())
                    .filter(|i| !axes.contains(&(*i as i64)))
                    .map(|i| x.shape[i])
                    .collect();
                one(TensorType::new(x.dtype, &shape))
            }
            Op::Argmax {
                x,
                axis,
                index_dtype,
            }
            | Op::Argmin {
                x,
                axis,
                index_dtype,
            } => {
                let x = t(x)?;
                if x.dtype == DType::Bool {
                    return Err(dtype_err(format!(
                        "{name}: expected a numeric dtype, got i1"
                    )));
                }
                if !matches!(index_dtype, DType::I32 | DType::I64) {
                    return Err(dtype_err(format!(
                        "{name}: index dtype {index_dtype} is not i32 or i64"
                    )));
                }
                check_axis(name, *axis, x.rank())?;
                let mut shape = x.shape.clone();
                shape.remove(*axis as usize);
                one(TensorType::new(*index_dtype, &shape))
            }
            Op::DotGeneral { lhs, rhs, dims } => {
                let (l, r) = (t(lhs)?, t(rhs)?);
                if l.dtype != r.dtype {
                    return Err(dtype_err(format!(
                        "dot_general: dtypes {} and {} differ",
                        l.dtype, r.dtype
                    )));
                }
                if l.dtype == DType::Bool {
                    return Err(dtype_err("dot_general: expected a numeric dtype, got i1"));
                }
                let mut lall: Vec<i64> = dims.lhs_batch.clone();
                lall.extend(&dims.lhs_contract);
                let mut rall: Vec<i64> = dims.rhs_batch.clone();
                rall.extend(&dims.rhs_contract);
                check_unique_axes(name, &lall, l.rank())?;
                check_unique_axes(name, &rall, r.rank())?;
                if dims.lhs_batch.len() != dims.rhs_batch.len()
                    || dims.lhs_contract.len() != dims.rhs_contract.len()
                {
                    return Err(shape_err(format!(
                        "dot_general: unpaired dimension numbers {dims:?}"
                    )));
                }
                for (a, b) in dims
                    .lhs_batch
                    .iter()
                    .zip(&dims.rhs_batch)
                    .chain(dims.lhs_contract.iter().zip(&dims.rhs_contract))
                {
                    if l.shape[*a as usize] != r.shape[*b as usize] {
                        return Err(shape_err(format!(
                            "dot_general: dim {a} of {:?} and dim {b} of {:?} differ",
                            l.shape, r.shape
                        )));
                    }
                }
                let mut shape: Vec<i64> = dims
                    .lhs_batch
                    .iter()
                    .map(|&a| l.shape[a as usize])
                    .collect();
                shape.extend(
                    (0..l.rank() as i64)
                        .filter(|i| !lall.contains(i))
                        .map(|i| l.shape[i as usize]),
                );
                shape.extend(
                    (0..r.rank() as i64)
                        .filter(|i| !rall.contains(i))
                        .map(|i| r.shape[i as usize]),
                );
                one(TensorType::new(l.dtype, &shape))
            }
            Op::Take { x, indices } => {
                let (x, i) = (t(x)?, t(indices)?);
                check_indices(name, i)?;
                if x.rank() == 0 {
                    return Err(shape_err("take: cannot index a scalar"));
                }
                let mut shape = i.shape.clone();
                shape.extend(&x.shape[1..]);
                one(TensorType::new(x.dtype, &shape))
            }
            Op::ScatterAdd {
                x,
                indices,
                updates,
            } => {
                let (x, i, u) = (t(x)?, t(indices)?, t(updates)?);
                check_indices(name, i)?;
                if x.rank() == 0 {
                    return Err(shape_err("scatter_add: cannot index a scalar"));
                }
                if x.dtype != u.dtype || x.dtype == DType::Bool {
                    return Err(dtype_err(format!(
                        "scatter_add: operand {} and updates {} must share a numeric dtype",
                        x.dtype, u.dtype
                    )));
                }
                let mut want = i.shape.clone();
                want.extend(&x.shape[1..]);
                if u.shape != want {
                    return Err(shape_err(format!(
                        "scatter_add: updates have shape {:?}, expected {:?} (indices {:?} ++ operand {:?} without axis 0)",
                        u.shape, want, i.shape, x.shape
                    )));
                }
                one(x.clone())
            }
            Op::While { init, cond, body } => {
                let carry: Vec<TensorType> =
                    init.iter().map(|v| t(v).cloned()).collect::<Result<_>>()?;
                let rt = |vs: &[Value]| -> Result<Vec<TensorType>> {
                    vs.iter().map(|v| t(v).cloned()).collect()
                };
                let (cp, cr, bp, br) = (
                    rt(&cond.params)?,
                    rt(&cond.results)?,
                    rt(&body.params)?,
                    rt(&body.results)?,
                );
                if cp != carry || bp != carry {
                    return Err(shape_err(format!(
                        "while: regions take {} and {}, but the loop carries {}",
                        types_str(&cp),
                        types_str(&bp),
                        types_str(&carry)
                    )));
                }
                if cr != [TensorType::scalar(DType::Bool)] {
                    return Err(shape_err(format!(
                        "while: the condition returns {}, expected one bool scalar (i1[])",
                        types_str(&cr)
                    )));
                }
                if br != carry {
                    return Err(shape_err(format!(
                        "while: the body returns {}, but the loop carries {}",
                        types_str(&br),
                        types_str(&carry)
                    )));
                }
                Ok(carry)
            }
            Op::Case { index, branches } => {
                let i = t(index)?;
                if *i != TensorType::scalar(DType::I32) {
                    return Err(dtype_err(format!(
                        "case: index has type {i}, expected i32[]"
                    )));
                }
                let Some(first) = branches.first() else {
                    return Err(shape_err("case: no branches"));
                };
                let rt = |vs: &[Value]| -> Result<Vec<TensorType>> {
                    vs.iter().map(|v| t(v).cloned()).collect()
                };
                let out = rt(&first.results)?;
                for (k, b) in branches.iter().enumerate() {
                    if !b.params.is_empty() {
                        return Err(shape_err(format!("case: branch {k} takes parameters")));
                    }
                    let r = rt(&b.results)?;
                    if r != out {
                        return Err(shape_err(format!(
                            "case: branch 0 returns {} but branch {k} returns {}",
                            types_str(&out),
                            types_str(&r)
                        )));
                    }
                }
                Ok(out)
            }
            Op::AllReduce { op, x, replicas } => {
                let x = t(x)?;
                if *replicas == 0 {
                    return Err(shape_err(format!("{name}: 0 replicas")));
                }
                if x.dtype == DType::Bool && matches!(op, ReduceOp::Sum | ReduceOp::Prod) {
                    return Err(dtype_err(format!(
                        "{name}: expected a numeric dtype, got i1"
                    )));
                }
                one(x.clone())
            }
        }
    }

    /// The op's static parameters as printed between brackets (`[axes=[0]]`), or "".
    fn params_string(&self, types: &[TensorType]) -> String {
        let p = match self {
            Op::Constant(lit) => {
                let n = lit.ty.numel();
                if n <= 8 {
                    let sz = lit.ty.dtype.size_bytes();
                    let v: Vec<String> = lit
                        .bytes
                        .chunks(sz)
                        .map(|c| elem_string(lit.ty.dtype, c))
                        .collect();
                    format!("value=[{}]", v.join(", "))
                } else {
                    format!("value=<{n} elements>")
                }
            }
            Op::Iota { dim, .. } => format!("dim={dim}"),
            Op::Powi(_, n) => format!("n={n}"),
            Op::Compare(c, ..) => format!("dir={}", c.name()),
            Op::Convert(_, d) | Op::BitcastConvert(_, d) => format!("dtype={d}"),
            Op::BroadcastInDim { dims, .. } => format!("dims={dims:?}"),
            Op::Reshape(..) => String::new(),
            Op::Transpose(_, perm) => format!("perm={perm:?}"),
            Op::Slice {
                start,
                limit,
                strides,
                ..
            } => format!("start={start:?} limit={limit:?} strides={strides:?}"),
            Op::DynamicSlice { sizes, .. } => format!("sizes={sizes:?}"),
            Op::Concatenate(_, d) => format!("axis={d}"),
            Op::Pad {
                low,
                high,
                interior,
                ..
            } => format!("low={low:?} high={high:?} interior={interior:?}"),
            Op::Reduce { axes, .. } => format!("axes={axes:?}"),
            Op::Argmax { axis, .. } | Op::Argmin { axis, .. } => format!("axis={axis}"),
            Op::AllReduce { replicas, .. } => format!("replicas={replicas}"),
            Op::DotGeneral { dims, .. } => format!(
                "batch={:?}/{:?} contract={:?}/{:?}",
                dims.lhs_batch, dims.rhs_batch, dims.lhs_contract, dims.rhs_contract
            ),
            _ => String::new(),
        };
        let _ = types;
        if p.is_empty() {
            p
        } else {
            format!("[{p}]")
        }
    }
}

fn check_dims(name: &str, shape: &[i64]) -> Result<()> {
    if shape.iter().any(|&d| d < 0) {
        Err(shape_err(format!(
            "{name}: negative dimension in {shape:?}"
        )))
    } else {
        Ok(())
    }
}

fn check_indices(name: &str, i: &TensorType) -> Result<()> {
    if !matches!(i.dtype, DType::I32 | DType::I64 | DType::U32) {
        return Err(dtype_err(format!(
            "{name}: indices have dtype {}, expected an integer dtype",
            i.dtype
        )));
    }
    Ok(())
}

fn check_starts(name: &str, types: &[TensorType], starts: &[Value], rank: usize) -> Result<()> {
    if starts.len() != rank {
        return Err(shape_err(format!(
            "{name}: {} start indices for rank {rank}",
            starts.len()
        )));
    }
    let mut dt = None;
    for s in starts {
        let st = types
            .get(s.index())
            .ok_or_else(|| Error::Other(format!("{name}: unknown value {s}")))?;
        if st.rank() != 0 || !matches!(st.dtype, DType::I32 | DType::I64 | DType::U32) {
            return Err(dtype_err(format!(
                "{name}: start index of type {st}, expected an integer scalar"
            )));
        }
        if dt.is_some_and(|d| d != st.dtype) {
            return Err(dtype_err(format!(
                "{name}: start indices of different dtypes"
            )));
        }
        dt = Some(st.dtype);
    }
    Ok(())
}

/// A complete, checked program: its body's params are the inputs, its results the outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    types: Vec<TensorType>,
    body: Region,
}

impl Graph {
    /// The type of a value.
    pub fn ty(&self, v: Value) -> &TensorType {
        &self.types[v.index()]
    }
    /// The types of all values, indexed by [`Value::index`].
    pub fn types(&self) -> &[TensorType] {
        &self.types
    }
    pub fn body(&self) -> &Region {
        &self.body
    }
    pub fn inputs(&self) -> &[Value] {
        &self.body.params
    }
    pub fn outputs(&self) -> &[Value] {
        &self.body.results
    }
    pub fn input_types(&self) -> Vec<TensorType> {
        self.inputs().iter().map(|v| self.ty(*v).clone()).collect()
    }
    pub fn output_types(&self) -> Vec<TensorType> {
        self.outputs().iter().map(|v| self.ty(*v).clone()).collect()
    }
    /// Number of equations, nested regions included.
    pub fn num_eqns(&self) -> usize {
        fn count(r: &Region) -> usize {
            r.eqns
                .iter()
                .map(|e| 1 + e.op.regions().into_iter().map(count).sum::<usize>())
                .sum()
        }
        count(&self.body)
    }

    fn fmt_region(&self, f: &mut fmt::Formatter<'_>, r: &Region, indent: usize) -> fmt::Result {
        let pad = " ".repeat(indent);
        let params: Vec<String> = r
            .params
            .iter()
            .map(|v| format!("{v}:{}", self.ty(*v)))
            .collect();
        writeln!(f, "{{ lambda {} .", params.join(" "))?;
        for e in &r.eqns {
            let outs: Vec<String> = e
                .outputs
                .iter()
                .map(|v| format!("{v}:{}", self.ty(*v)))
                .collect();
            let args: Vec<String> = e.op.operands().iter().map(|v| v.to_string()).collect();
            write!(
                f,
                "{pad}  {} = {}{}",
                outs.join(" "),
                e.op.name(),
                e.op.params_string(&self.types)
            )?;
            if !args.is_empty() {
                write!(f, " {}", args.join(" "))?;
            }
            let regions = e.op.regions();
            if regions.is_empty() {
                writeln!(f)?;
            } else {
                let labels: Vec<String> = match &e.op {
                    Op::While { .. } => vec!["cond".into(), "body".into()],
                    _ => (0..regions.len()).map(|i| format!("branch{i}")).collect(),
                };
                writeln!(f)?;
                for (l, r) in labels.iter().zip(regions) {
                    write!(f, "{pad}    {l}=")?;
                    self.fmt_region(f, r, indent + 4)?;
                    writeln!(f)?;
                }
            }
        }
        let res: Vec<String> = r.results.iter().map(|v| v.to_string()).collect();
        write!(f, "{pad}  in ({}) }}", res.join(", "))
    }
}

/// Printed as a jaxpr-like listing:
///
/// ```text
/// { lambda %0:f32[3] %1:f32[] .
///   %2:f32[3] = broadcast_in_dim[dims=[]] %1
///   %3:f32[3] = add %0 %2
///   in (%3) }
/// ```
impl fmt::Display for Graph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_region(f, &self.body, 0)
    }
}

struct OpenRegion {
    scope: u32,
    params: Vec<Value>,
    eqns: Vec<Eqn>,
}

/// Builds a [`Graph`] equation by equation, checking each one. Regions nest: the graph's
/// body is open from the start; [`GraphBuilder::begin_region`] opens a nested one (for a
/// `while` body or a `case` branch) and [`GraphBuilder::end_region`] closes it.
pub struct GraphBuilder {
    types: Vec<TensorType>,
    /// The region scope each value was defined in.
    scope_of: Vec<u32>,
    stack: Vec<OpenRegion>,
    next_scope: u32,
}

impl Default for GraphBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl GraphBuilder {
    pub fn new() -> GraphBuilder {
        GraphBuilder {
            types: vec![],
            scope_of: vec![],
            stack: vec![OpenRegion {
                scope: 0,
                params: vec![],
                eqns: vec![],
            }],
            next_scope: 1,
        }
    }

    /// The type of a value.
    pub fn ty(&self, v: Value) -> &TensorType {
        &self.types[v.index()]
    }

    /// Depth of open regions (1: the graph's body).
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    fn new_value(&mut self, ty: TensorType) -> Value {
        let v = Value(self.types.len() as u32);
        self.types.push(ty);
        self.scope_of
            .push(self.stack.last().expect("open region").scope);
        v
    }

    /// Whether `v` can be used in the innermost open region.
    pub fn is_visible(&self, v: Value) -> bool {
        self.scope_of
            .get(v.index())
            .is_some_and(|s| self.stack.iter().any(|r| r.scope == *s))
    }

    fn check_visible(&self, what: &str, v: Value) -> Result<()> {
        if self.is_visible(v) {
            Ok(())
        } else {
            Err(Error::Other(format!(
                "{what}: value {v} is not in scope here (a value defined inside a while/case \
                 body was used outside it, or it belongs to another trace)"
            )))
        }
    }

    /// Adds a parameter to the innermost open region.
    pub fn param(&mut self, ty: TensorType) -> Value {
        let v = self.new_value(ty);
        self.stack.last_mut().expect("open region").params.push(v);
        v
    }

    /// Checks `op` and appends it to the innermost region; returns its outputs.
    pub fn add(&mut self, op: Op) -> Result<Vec<Value>> {
        for v in op.operands() {
            self.check_visible(op.name(), v)?;
        }
        let tys = op.infer(&self.types)?;
        let outputs: Vec<Value> = tys.into_iter().map(|t| self.new_value(t)).collect();
        self.stack.last_mut().expect("open region").eqns.push(Eqn {
            op,
            outputs: outputs.clone(),
        });
        Ok(outputs)
    }

    /// [`GraphBuilder::add`] for single-output ops.
    pub fn add1(&mut self, op: Op) -> Result<Value> {
        let name = op.name();
        let out = self.add(op)?;
        match out.as_slice() {
            [v] => Ok(*v),
            _ => Err(Error::Other(format!(
                "{name} has {} outputs, not one",
                out.len()
            ))),
        }
    }

    /// Opens a nested region with parameters of the given types.
    pub fn begin_region(&mut self, params: &[TensorType]) -> Vec<Value> {
        let scope = self.next_scope;
        self.next_scope += 1;
        self.stack.push(OpenRegion {
            scope,
            params: vec![],
            eqns: vec![],
        });
        params.iter().map(|t| self.param(t.clone())).collect()
    }

    /// Closes the innermost nested region with the given results.
    pub fn end_region(&mut self, results: &[Value]) -> Result<Region> {
        if self.stack.len() < 2 {
            return Err(Error::Other("end_region: no nested region is open".into()));
        }
        for v in results {
            if let Err(e) = self.check_visible("region result", *v) {
                self.abort_region();
                return Err(e);
            }
        }
        let r = self.stack.pop().expect("checked");
        Ok(Region {
            params: r.params,
            eqns: r.eqns,
            results: results.to_vec(),
        })
    }

    /// Drops the innermost nested region (after an error in its body).
    pub fn abort_region(&mut self) {
        if self.stack.len() >= 2 {
            self.stack.pop();
        }
    }

    /// Finishes the graph with the given outputs.
    pub fn finish(mut self, outputs: &[Value]) -> Result<Graph> {
        if self.stack.len() != 1 {
            return Err(Error::Other("finish: a nested region is still open".into()));
        }
        for v in outputs {
            self.check_visible("output", *v)?;
        }
        let r = self.stack.pop().expect("root");
        Ok(Graph {
            types: self.types,
            body: Region {
                params: r.params,
                eqns: r.eqns,
                results: outputs.to_vec(),
            },
        })
    }

    // ---- helpers: broadcasting and common compositions --------------------------------

    /// A constant.
    pub fn constant(&mut self, lit: Literal) -> Result<Value> {
        self.add1(Op::Constant(lit))
    }

    /// A scalar constant of `dtype` holding `v` (as `as` casts convert).
    pub fn scalar(&mut self, dtype: DType, v: f64) -> Result<Value> {
        self.constant(Literal::scalar_f64(dtype, v))
    }

    /// `v` broadcast to `dtype`/`shape`: a constant scalar broadcast (`full`).
    pub fn full(&mut self, dtype: DType, shape: &[i64], v: f64) -> Result<Value> {
        let s = self.scalar(dtype, v)?;
        self.broadcast_to(s, shape)
    }

    /// Numpy broadcasting of `x` to `shape` (trailing dims aligned; size-1 dims stretch).
    pub fn broadcast_to(&mut self, x: Value, shape: &[i64]) -> Result<Value> {
        let xs = self.ty(x).shape.clone();
        if xs == shape {
            return Ok(x);
        }
        if xs.len() > shape.len() {
            return Err(shape_err(format!(
                "broadcast: cannot broadcast {xs:?} to {shape:?}"
            )));
        }
        let off = shape.len() - xs.len();
        for (i, &d) in xs.iter().enumerate() {
            if d != 1 && d != shape[off + i] {
                return Err(shape_err(format!(
                    "broadcast: cannot broadcast {xs:?} to {shape:?}"
                )));
            }
        }
        let dims: Vec<i64> = (off as i64..shape.len() as i64).collect();
        self.add1(Op::BroadcastInDim {
            x,
            shape: shape.to_vec(),
            dims,
        })
    }

    /// Broadcasts values to their common numpy shape; `what` names the op in errors.
    pub fn broadcast_all(&mut self, what: &str, xs: &[Value]) -> Result<Vec<Value>> {
        let shapes: Vec<Vec<i64>> = xs.iter().map(|v| self.ty(*v).shape.clone()).collect();
        let shape = broadcast_shapes(what, &shapes)?;
        xs.iter().map(|v| self.broadcast_to(*v, &shape)).collect()
    }

    fn same_dtype(&self, what: &str, xs: &[Value]) -> Result<()> {
        let d0 = self.ty(xs[0]).dtype;
        for v in &xs[1..] {
            let d = self.ty(*v).dtype;
            if d != d0 {
                return Err(dtype_err(format!("{what}: dtypes {d0} and {d} differ")));
            }
        }
        Ok(())
    }

    pub fn unary(&mut self, op: UnaryOp, x: Value) -> Result<Value> {
        self.add1(Op::Unary(op, x))
    }

    /// A binary elementwise op with numpy broadcasting (dtypes must match).
    pub fn binary(&mut self, op: BinaryOp, a: Value, b: Value) -> Result<Value> {
        self.same_dtype(op.name(), &[a, b])?;
        let v = self.broadcast_all(op.name(), &[a, b])?;
        self.add1(Op::Binary(op, v[0], v[1]))
    }

    /// A comparison with numpy broadcasting.
    pub fn compare(&mut self, op: CmpOp, a: Value, b: Value) -> Result<Value> {
        self.same_dtype(op.name(), &[a, b])?;
        let v = self.broadcast_all(op.name(), &[a, b])?;
        self.add1(Op::Compare(op, v[0], v[1]))
    }

    /// `select` with numpy broadcasting of all three.
    pub fn select(&mut self, pred: Value, on_true: Value, on_false: Value) -> Result<Value> {
        self.same_dtype("select", &[on_true, on_false])?;
        let v = self.broadcast_all("select", &[pred, on_true, on_false])?;
        self.add1(Op::Select {
            pred: v[0],
            on_true: v[1],
            on_false: v[2],
        })
    }

    /// `clamp` with numpy broadcasting of all three.
    pub fn clamp(&mut self, lo: Value, x: Value, hi: Value) -> Result<Value> {
        self.same_dtype("clamp", &[lo, x, hi])?;
        let v = self.broadcast_all("clamp", &[lo, x, hi])?;
        self.add1(Op::Clamp {
            lo: v[0],
            x: v[1],
            hi: v[2],
        })
    }

    /// A binary op with a scalar constant right-hand side of the same dtype.
    pub fn binary_scalar(&mut self, op: BinaryOp, a: Value, c: f64) -> Result<Value> {
        let s = self.scalar(self.ty(a).dtype, c)?;
        self.binary(op, a, s)
    }
}

/// The numpy broadcast of several shapes, or an error such as
/// `add: shapes [3, 4] and [5] do not broadcast`.
pub fn broadcast_shapes(what: &str, shapes: &[Vec<i64>]) -> Result<Vec<i64>> {
    let rank = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1i64; rank];
    let mut from: Vec<Option<usize>> = vec![None; rank];
    for (k, s) in shapes.iter().enumerate() {
        let off = rank - s.len();
        for (i, &d) in s.iter().enumerate() {
            let o = &mut out[off + i];
            if d == 1 {
                continue;
            }
            if *o == 1 {
                *o = d;
                from[off + i] = Some(k);
            } else if *o != d {
                let j = from[off + i].unwrap_or(0);
                return Err(shape_err(format!(
                    "{what}: shapes {:?} and {:?} do not broadcast",
                    shapes[j], s
                )));
            }
        }
    }
    Ok(out)
}
