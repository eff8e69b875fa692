//! [`Tensor`]: an n-dimensional array, eager (a device buffer) or traced (a value of the
//! graph being traced).
//!
//! # The model
//!
//! - **Eager** (outside any [`crate::trace::trace`]): a tensor holds a PJRT buffer. Each
//!   op is traced into a one-op graph, lowered, compiled through the client's cache (keyed
//!   by StableHLO text, so once per op, shapes and dtypes) and run, as JAX's eager mode.
//!   Composite functions ([`Tensor::while_loop`], [`crate::random`]) compile as one program.
//! - **Traced** (inside `trace`): the same methods record equations on the thread's
//!   innermost trace and return symbolic tensors; reading values (`to_vec`) is an error.
//!   Eager tensors used in a trace become constants of the graph.
//! - **Errors**: every method returns [`Result`] with a message naming the op (e.g.
//!   `add: shapes [3, 4] and [5] do not broadcast`). Operators (`+ - * / %`, unary `-`)
//!   can't return `Result`: they **panic** with that message; use the `try_*` methods
//!   (`try_add`, ...) to get the `Result` instead.
//! - **Broadcasting** is numpy's (trailing dims aligned, size-1 dims stretch, missing
//!   leading dims added) for all elementwise ops; dtypes must match exactly (no implicit
//!   promotion), except for Rust scalars (`&t * 2.0`, [`Tensor::binary_scalar`]), which take
//!   the tensor's dtype.

use std::fmt;
use std::sync::Arc;

use crate::ir::{
    self, elem_string, scalar_bytes, BinaryOp, CmpOp, DotDims, Literal, Op, ReduceOp, TensorType,
    UnaryOp, Value,
};
use crate::pjrt::{Buffer, Client};
use crate::trace::{apply1, apply_traced, is_tracing, trace_region, with_top};
use crate::{DType, Error, NativeType, Result};

/// An n-dimensional array of one [`DType`]; cheap to clone (the buffer is shared).
#[derive(Clone)]
pub struct Tensor {
    pub(crate) repr: Repr,
}

#[derive(Clone)]
pub(crate) enum Repr {
    Eager(Arc<Buffer>),
    Traced {
        trace: u64,
        value: Value,
        ty: TensorType,
    },
}

macro_rules! unary_methods {
    ($($(#[$m:meta])* $name:ident => $op:ident),* $(,)?) => {
        $( $(#[$m])* pub fn $name(&self) -> Result<Tensor> { self.unary(UnaryOp::$op) } )*
    };
}

macro_rules! binary_methods {
    ($($(#[$m:meta])* $name:ident => $op:ident),* $(,)?) => {
        $( $(#[$m])* pub fn $name(&self, other: &Tensor) -> Result<Tensor> { self.binary(BinaryOp::$op, other) } )*
    };
}

macro_rules! compare_methods {
    ($($name:ident => $op:ident),* $(,)?) => {
        $( #[doc = concat!("Elementwise `", stringify!($op), "` comparison (bool result), broadcasting.")]
           pub fn $name(&self, other: &Tensor) -> Result<Tensor> { self.compare(CmpOp::$op, other) } )*
    };
}

impl Tensor {
    pub(crate) fn traced(trace: u64, value: Value, ty: TensorType) -> Tensor {
        Tensor {
            repr: Repr::Traced { trace, value, ty },
        }
    }

    /// Waits until the tensor's value has been computed (executions return before their
    /// results are ready, as in JAX). A traced tensor has nothing to wait for.
    pub fn block_until_ready(&self) -> Result<&Tensor> {
        if let Repr::Eager(b) = &self.repr {
            b.block_until_ready()?;
        }
        Ok(self)
    }

    /// Wraps a device buffer.
    pub fn from_buffer(buf: Buffer) -> Tensor {
        Tensor {
            repr: Repr::Eager(Arc::new(buf)),
        }
    }

    /// The device buffer of an eager tensor (`None` when traced).
    pub fn buffer(&self) -> Option<&Buffer> {
        match &self.repr {
            Repr::Eager(b) => Some(b),
            Repr::Traced { .. } => None,
        }
    }

    /// Whether this is a symbolic value of a trace.
    pub fn is_traced(&self) -> bool {
        matches!(self.repr, Repr::Traced { .. })
    }

    /// The IR value of a traced tensor.
    pub fn traced_value(&self) -> Option<Value> {
        match &self.repr {
            Repr::Traced { value, .. } => Some(*value),
            Repr::Eager(_) => None,
        }
    }

    // ---- creation --------------------------------------------------------------------

    /// A tensor of `shape` from row-major data (checks the element count).
    pub fn from_vec<T: NativeType>(data: Vec<T>, shape: &[i64]) -> Result<Tensor> {
        Tensor::from_slice(&data, shape)
    }

    /// A tensor of `shape` from row-major data (checks the element count).
    pub fn from_slice<T: NativeType>(data: &[T], shape: &[i64]) -> Result<Tensor> {
        let lit = Literal::from_slice(data, shape)?;
        Tensor::from_literal(lit)
    }

    /// A tensor from raw little-endian bytes.
    pub fn from_bytes(dtype: DType, shape: &[i64], bytes: Vec<u8>) -> Result<Tensor> {
        Tensor::from_literal(Literal::from_bytes(TensorType::new(dtype, shape), bytes)?)
    }

    /// A tensor holding a literal: a device buffer, or a constant inside a trace.
    pub fn from_literal(lit: Literal) -> Result<Tensor> {
        if is_tracing() {
            return apply1(&[], |b, _| b.constant(lit));
        }
        let buf =
            Client::global()?.buffer_from_bytes(&lit.bytes, lit.ty.dtype, &lit.ty.shape, 0)?;
        Ok(Tensor::from_buffer(buf))
    }

    /// A 0-d tensor.
    pub fn scalar<T: NativeType>(v: T) -> Result<Tensor> {
        Tensor::from_slice(&[v], &[])
    }

    /// `shape` filled with `v` (converted to `dtype` as `as` casts do).
    pub fn full(dtype: DType, shape: &[i64], v: f64) -> Result<Tensor> {
        if is_tracing() {
            return apply1(&[], |b, _| b.full(dtype, shape, v));
        }
        let ty = TensorType::new(dtype, shape);
        if shape.iter().any(|&d| d < 0) {
            return Err(Error::Shape(format!(
                "full: negative dimension in {shape:?}"
            )));
        }
        let one = scalar_bytes(dtype, v);
        Tensor::from_literal(Literal::from_bytes(
            ty.clone(),
            one.repeat(ty.numel() as usize),
        )?)
    }

    pub fn zeros(dtype: DType, shape: &[i64]) -> Result<Tensor> {
        Tensor::full(dtype, shape, 0.0)
    }

    pub fn ones(dtype: DType, shape: &[i64]) -> Result<Tensor> {
        Tensor::full(dtype, shape, 1.0)
    }

    /// `[0, 1, ..., n-1]`.
    pub fn arange(dtype: DType, n: i64) -> Result<Tensor> {
        Tensor::iota(dtype, &[n], 0)
    }

    /// A tensor of `shape` whose elements are their index along `dim`.
    pub fn iota(dtype: DType, shape: &[i64], dim: i64) -> Result<Tensor> {
        let shape = shape.to_vec();
        apply1(&[], move |b, _| b.add1(Op::Iota { dtype, shape, dim }))
    }

    // ---- inspection ------------------------------------------------------------------

    pub fn ty(&self) -> TensorType {
        TensorType::new(self.dtype(), self.shape())
    }

    pub fn shape(&self) -> &[i64] {
        match &self.repr {
            Repr::Eager(b) => b.dims(),
            Repr::Traced { ty, .. } => &ty.shape,
        }
    }

    pub fn dtype(&self) -> DType {
        match &self.repr {
            Repr::Eager(b) => b.dtype(),
            Repr::Traced { ty, .. } => ty.dtype,
        }
    }

    pub fn rank(&self) -> usize {
        self.shape().len()
    }

    /// Number of elements.
    pub fn numel(&self) -> i64 {
        self.shape().iter().product()
    }

    fn eager_buffer(&self, what: &str) -> Result<&Buffer> {
        self.buffer().ok_or_else(|| {
            Error::Other(format!(
                "{what}: a traced tensor has no value (it is a symbol of the graph being traced)"
            ))
        })
    }

    /// The elements in row-major order; `T` must match the dtype.
    pub fn to_vec<T: NativeType>(&self) -> Result<Vec<T>> {
        if T::DTYPE != self.dtype() {
            return Err(Error::DType(format!(
                "to_vec: the tensor has dtype {}, not {}",
                self.dtype(),
                T::DTYPE
            )));
        }
        self.eager_buffer("to_vec")?.to_vec::<T>()
    }

    /// The one element of a tensor with one element.
    pub fn to_scalar<T: NativeType>(&self) -> Result<T> {
        let v = self.to_vec::<T>()?;
        match v.as_slice() {
            [x] => Ok(*x),
            _ => Err(Error::Shape(format!(
                "to_scalar: the tensor has shape {:?}, not one element",
                self.shape()
            ))),
        }
    }

    /// The elements as little-endian bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.eager_buffer("to_bytes")?.to_bytes()
    }

    /// The elements converted to f64 (any dtype; bool is 0/1).
    pub fn to_f64_vec(&self) -> Result<Vec<f64>> {
        let bytes = self.to_bytes()?;
        let d = self.dtype();
        Ok(bytes
            .chunks(d.size_bytes())
            .map(|c| ir::elem_f64(d, c))
            .collect())
    }

    // ---- elementwise -----------------------------------------------------------------

    /// Any [`UnaryOp`].
    pub fn unary(&self, op: UnaryOp) -> Result<Tensor> {
        apply1(&[self], |b, v| b.unary(op, v[0]))
    }

    /// Any [`BinaryOp`], with broadcasting.
    pub fn binary(&self, op: BinaryOp, other: &Tensor) -> Result<Tensor> {
        apply1(&[self, other], |b, v| b.binary(op, v[0], v[1]))
    }

    /// A binary op with a Rust scalar (converted to this tensor's dtype) on the right.
    pub fn binary_scalar(&self, op: BinaryOp, c: f64) -> Result<Tensor> {
        apply1(&[self], |b, v| b.binary_scalar(op, v[0], c))
    }

    /// Any [`CmpOp`], with broadcasting; the result is bool.
    pub fn compare(&self, op: CmpOp, other: &Tensor) -> Result<Tensor> {
        apply1(&[self, other], |b, v| b.compare(op, v[0], v[1]))
    }

    unary_methods! {
        /// `-x` as a `Result` (the `-` operator panics instead).
        try_neg => Neg,
        abs => Abs,
        /// -1, 0 or 1 (0 at ±0), as `jnp.sign`.
        sign => Sign,
        floor => Floor,
        ceil => Ceil,
        /// Rounds half away from zero, as Rust's `round`.
        round => Round,
        trunc => Trunc,
        sin => Sin,
        cos => Cos,
        tan => Tan,
        asin => Asin,
        acos => Acos,
        atan => Atan,
        sinh => Sinh,
        cosh => Cosh,
        tanh => Tanh,
        asinh => Asinh,
        acosh => Acosh,
        atanh => Atanh,
        exp => Exp,
        exp2 => Exp2,
        expm1 => Expm1,
        ln => Log,
        log2 => Log2,
        log10 => Log10,
        ln_1p => Log1p,
        sqrt => Sqrt,
        cbrt => Cbrt,
        rsqrt => Rsqrt,
        recip => Recip,
        /// `1 / (1 + exp(-x))`.
        logistic => Logistic,
        /// Bitwise not of integers, logical not of bools.
        logical_not => Not,
        /// Bool: finite elements.
        is_finite => IsFinite,
    }

    /// Natural logarithm (same as [`Tensor::ln`]).
    pub fn log(&self) -> Result<Tensor> {
        self.unary(UnaryOp::Log)
    }

    /// `log(1 + x)` (same as [`Tensor::ln_1p`]).
    pub fn log1p(&self) -> Result<Tensor> {
        self.unary(UnaryOp::Log1p)
    }

    binary_methods! {
        /// `self + other` as a `Result`, broadcasting.
        try_add => Add,
        /// `self - other` as a `Result`, broadcasting.
        try_sub => Sub,
        /// `self * other` as a `Result`, broadcasting.
        try_mul => Mul,
        /// `self / other` as a `Result`, broadcasting (integer division truncates).
        try_div => Div,
        /// Remainder with the sign of `self` (Rust's `%`), broadcasting.
        try_rem => Rem,
        pow => Pow,
        atan2 => Atan2,
        hypot => Hypot,
        /// Elementwise minimum (NaN-propagating), broadcasting.
        minimum => Min,
        /// Elementwise maximum (NaN-propagating), broadcasting.
        maximum => Max,
        /// Bitwise/logical and.
        and => And,
        /// Bitwise/logical or.
        or => Or,
        /// Bitwise/logical xor.
        xor => Xor,
        shift_left => ShiftLeft,
        shift_right_logical => ShiftRightLogical,
        shift_right_arithmetic => ShiftRightArithmetic,
    }

    /// `x^n` for an integer `n`.
    pub fn powi(&self, n: i32) -> Result<Tensor> {
        apply1(&[self], |b, v| b.add1(Op::Powi(v[0], n)))
    }

    /// `x^p` for a Rust float `p`.
    pub fn powf(&self, p: f64) -> Result<Tensor> {
        self.binary_scalar(BinaryOp::Pow, p)
    }

    compare_methods! {
        equal => Eq,
        not_equal => Ne,
        less => Lt,
        less_equal => Le,
        greater => Gt,
        greater_equal => Ge,
    }

    /// `self ? on_true : on_false` elementwise (`self` is bool); all three broadcast.
    pub fn select(&self, on_true: &Tensor, on_false: &Tensor) -> Result<Tensor> {
        apply1(&[self, on_true, on_false], |b, v| {
            b.select(v[0], v[1], v[2])
        })
    }

    /// `min(max(self, lo), hi)`; all three broadcast.
    pub fn clamp(&self, lo: &Tensor, hi: &Tensor) -> Result<Tensor> {
        apply1(&[lo, self, hi], |b, v| b.clamp(v[0], v[1], v[2]))
    }

    /// Clamp between Rust scalars.
    pub fn clamp_scalar(&self, lo: f64, hi: f64) -> Result<Tensor> {
        apply1(&[self], |b, v| {
            let d = b.ty(v[0]).dtype;
            let (l, h) = (b.scalar(d, lo)?, b.scalar(d, hi)?);
            b.clamp(l, v[0], h)
        })
    }

    /// Value conversion to `dtype` (floats to integers truncate; to bool: `!= 0`).
    pub fn astype(&self, dtype: DType) -> Result<Tensor> {
        if self.dtype() == dtype {
            return Ok(self.clone());
        }
        apply1(&[self], |b, v| b.add1(Op::Convert(v[0], dtype)))
    }

    /// Reinterprets the bits as `dtype` (of the same size).
    pub fn bitcast(&self, dtype: DType) -> Result<Tensor> {
        apply1(&[self], |b, v| b.add1(Op::BitcastConvert(v[0], dtype)))
    }

    // ---- shapes ----------------------------------------------------------------------

    /// Numpy broadcasting to `shape`.
    pub fn broadcast_to(&self, shape: &[i64]) -> Result<Tensor> {
        if self.shape() == shape {
            return Ok(self.clone());
        }
        apply1(&[self], |b, v| b.broadcast_to(v[0], shape))
    }

    /// Operand dim `i` becomes dim `dims[i]` of `shape`.
    pub fn broadcast_in_dim(&self, shape: &[i64], dims: &[i64]) -> Result<Tensor> {
        let (shape, dims) = (shape.to_vec(), dims.to_vec());
        apply1(&[self], |b, v| {
            b.add1(Op::BroadcastInDim {
                x: v[0],
                shape,
                dims,
            })
        })
    }

    /// Same elements, new shape; one dimension may be `-1` (inferred).
    pub fn reshape(&self, shape: &[i64]) -> Result<Tensor> {
        let mut shape = shape.to_vec();
        let unknown: Vec<usize> = (0..shape.len()).filter(|&i| shape[i] == -1).collect();
        if unknown.len() > 1 {
            return Err(Error::Shape(format!(
                "reshape: more than one -1 in {shape:?}"
            )));
        }
        if let [i] = unknown[..] {
            let known: i64 = shape.iter().filter(|&&d| d != -1).product();
            if known == 0 || self.numel() % known != 0 {
                return Err(Error::Shape(format!(
                    "reshape: cannot reshape {:?} to {shape:?}",
                    self.shape()
                )));
            }
            shape[i] = self.numel() / known;
        }
        if self.shape() == shape.as_slice() {
            return Ok(self.clone());
        }
        apply1(&[self], |b, v| b.add1(Op::Reshape(v[0], shape)))
    }

    /// Result dim `i` is dim `perm[i]`.
    pub fn transpose(&self, perm: &[i64]) -> Result<Tensor> {
        let perm = perm.to_vec();
        apply1(&[self], |b, v| b.add1(Op::Transpose(v[0], perm)))
    }

    /// All axes reversed (numpy's `.T`).
    pub fn t(&self) -> Result<Tensor> {
        let perm: Vec<i64> = (0..self.rank() as i64).rev().collect();
        self.transpose(&perm)
    }

    /// `self[start..limit; strides]` per dim.
    pub fn slice(&self, start: &[i64], limit: &[i64], strides: &[i64]) -> Result<Tensor> {
        let (start, limit, strides) = (start.to_vec(), limit.to_vec(), strides.to_vec());
        apply1(&[self], |b, v| {
            b.add1(Op::Slice {
                x: v[0],
                start,
                limit,
                strides,
            })
        })
    }

    /// `self[start..end]` along `axis`.
    pub fn slice_axis(&self, axis: i64, start: i64, end: i64) -> Result<Tensor> {
        let r = self.rank();
        if axis < 0 || axis as usize >= r {
            return Err(Error::Shape(format!(
                "slice_axis: axis {axis} out of range for rank {r}"
            )));
        }
        let mut s = vec![0; r];
        let mut l = self.shape().to_vec();
        s[axis as usize] = start;
        l[axis as usize] = end;
        self.slice(&s, &l, &vec![1; r])
    }

    /// A `sizes` window at scalar integer `starts` (clamped so the window fits).
    pub fn dynamic_slice(&self, starts: &[&Tensor], sizes: &[i64]) -> Result<Tensor> {
        let mut ins = vec![self];
        ins.extend_from_slice(starts);
        let sizes = sizes.to_vec();
        apply1(&ins, |b, v| {
            b.add1(Op::DynamicSlice {
                x: v[0],
                starts: v[1..].to_vec(),
                sizes,
            })
        })
    }

    /// `self` with `update` written at scalar integer `starts` (clamped so it fits).
    pub fn dynamic_update_slice(&self, update: &Tensor, starts: &[&Tensor]) -> Result<Tensor> {
        let mut ins = vec![self, update];
        ins.extend_from_slice(starts);
        apply1(&ins, |b, v| {
            b.add1(Op::DynamicUpdateSlice {
                x: v[0],
                update: v[1],
                starts: v[2..].to_vec(),
            })
        })
    }

    /// Joins tensors along `axis`.
    pub fn concatenate(ts: &[&Tensor], axis: i64) -> Result<Tensor> {
        apply1(ts, |b, v| b.add1(Op::Concatenate(v.to_vec(), axis)))
    }

    /// Pads with the scalar `value`: `low`/`high` elements at the edges (negative crops),
    /// `interior` between elements.
    pub fn pad(
        &self,
        value: &Tensor,
        low: &[i64],
        high: &[i64],
        interior: &[i64],
    ) -> Result<Tensor> {
        let (low, high, interior) = (low.to_vec(), high.to_vec(), interior.to_vec());
        apply1(&[self, value], |b, v| {
            b.add1(Op::Pad {
                x: v[0],
                value: v[1],
                low,
                high,
                interior,
            })
        })
    }

    // ---- reductions ------------------------------------------------------------------

    /// Reduces `axes` away with `op`.
    pub fn reduce(&self, op: ReduceOp, axes: &[i64]) -> Result<Tensor> {
        let axes = axes.to_vec();
        if matches!(op, ReduceOp::Sum | ReduceOp::Prod) {
            if let Some(d) = low_precision(&[self]) {
                return self.astype(DType::F32)?.reduce(op, &axes)?.astype(d);
            }
        }
        apply1(&[self], |b, v| b.add1(Op::Reduce { op, x: v[0], axes }))
    }

    pub fn sum(&self, axes: &[i64]) -> Result<Tensor> {
        self.reduce(ReduceOp::Sum, axes)
    }
    pub fn prod(&self, axes: &[i64]) -> Result<Tensor> {
        self.reduce(ReduceOp::Prod, axes)
    }
    pub fn max(&self, axes: &[i64]) -> Result<Tensor> {
        self.reduce(ReduceOp::Max, axes)
    }
    pub fn min(&self, axes: &[i64]) -> Result<Tensor> {
        self.reduce(ReduceOp::Min, axes)
    }

    /// Mean over `axes` (float dtypes).
    pub fn mean(&self, axes: &[i64]) -> Result<Tensor> {
        let shape = self.shape().to_vec();
        let axes = axes.to_vec();
        apply1(&[self], move |b, v| {
            let s = b.add1(Op::Reduce {
                op: ReduceOp::Sum,
                x: v[0],
                axes: axes.clone(),
            })?;
            let n: i64 = axes.iter().map(|&a| shape[a as usize]).product();
            b.binary_scalar(BinaryOp::Div, s, n as f64)
        })
    }

    // ---- cross-replica reductions (data parallelism) ------------------------------

    /// `op` of this value over all replicas of a data-parallel program (JAX's `psum` and
    /// friends); every replica gets the result. The replicas are those of the enclosing
    /// [`crate::parallel::with_replicas`] scope, which [`crate::parallel::DataParallel`]
    /// opens while tracing. Outside such a scope there is one replica and the reduction is
    /// the identity: eagerly it returns the tensor itself, traced it records a one-replica
    /// `all_reduce` (which a `DataParallel` of more devices refuses to run).
    pub fn all_reduce(&self, op: ReduceOp) -> Result<Tensor> {
        let n = crate::parallel::replicas();
        if !is_tracing() {
            if n == 1 {
                // The identity, after the checks the traced op makes.
                Op::AllReduce {
                    op,
                    x: crate::ir::Value(0),
                    replicas: 1,
                }
                .infer(&[self.ty()])?;
                return Ok(self.clone());
            }
            return Err(Error::Other(format!(
                "all_reduce: a cross-replica reduction over {n} replicas runs only inside a \
                 traced data-parallel function"
            )));
        }
        let replicas = u32::try_from(n)
            .map_err(|_| Error::Other(format!("all_reduce: {n} replicas is too many")))?;
        apply1(&[self], |b, v| {
            b.add1(Op::AllReduce {
                op,
                x: v[0],
                replicas,
            })
        })
    }

    /// Sum over the replicas (see [`Tensor::all_reduce`]); differentiable.
    pub fn all_reduce_sum(&self) -> Result<Tensor> {
        self.all_reduce(ReduceOp::Sum)
    }

    /// Mean over the replicas: the sum divided by the replica count (float dtypes);
    /// differentiable. The gradient average of data-parallel training.
    pub fn all_reduce_mean(&self) -> Result<Tensor> {
        if !self.dtype().is_float() {
            return Err(Error::DType(format!(
                "all_reduce_mean: expected a float dtype, got {}",
                self.dtype()
            )));
        }
        let n = crate::parallel::replicas();
        let s = self.all_reduce_sum()?;
        if n == 1 {
            return Ok(s);
        }
        s.binary_scalar(BinaryOp::Div, n as f64)
    }

    /// Index (i32) of the largest element along `axis` (first on ties; NaN wins).
    pub fn argmax(&self, axis: i64) -> Result<Tensor> {
        apply1(&[self], |b, v| {
            b.add1(Op::Argmax {
                x: v[0],
                axis,
                index_dtype: DType::I32,
            })
        })
    }

    /// Index (i32) of the smallest element along `axis` (first on ties; NaN wins).
    pub fn argmin(&self, axis: i64) -> Result<Tensor> {
        apply1(&[self], |b, v| {
            b.add1(Op::Argmin {
                x: v[0],
                axis,
                index_dtype: DType::I32,
            })
        })
    }

    // ---- linear algebra and indexing -------------------------------------------------

    /// The general contraction (see [`DotDims`]).
    pub fn dot_general(&self, rhs: &Tensor, dims: DotDims) -> Result<Tensor> {
        if let Some(d) = low_precision(&[self, rhs]) {
            return self
                .astype(DType::F32)?
                .dot_general(&rhs.astype(DType::F32)?, dims)?
                .astype(d);
        }
        apply1(&[self, rhs], |b, v| {
            b.add1(Op::DotGeneral {
                lhs: v[0],
                rhs: v[1],
                dims,
            })
        })
    }

    /// Numpy's `matmul`: vector·vector, matrix·vector, vector·matrix, and batched
    /// matrix products whose leading (batch) dims broadcast.
    pub fn matmul(&self, rhs: &Tensor) -> Result<Tensor> {
        if let Some(d) = low_precision(&[self, rhs]) {
            return self
                .astype(DType::F32)?
                .matmul(&rhs.astype(DType::F32)?)?
                .astype(d);
        }
        let (ls, rs) = (self.shape().to_vec(), rhs.shape().to_vec());
        let (lr, rr) = (ls.len(), rs.len());
        let err = || Error::Shape(format!("matmul: shapes {ls:?} and {rs:?} are not aligned"));
        if lr == 0 || rr == 0 {
            return Err(Error::Shape(format!(
                "matmul: operands must have rank >= 1, got {ls:?} and {rs:?}"
            )));
        }
        let k_l = ls[lr - 1];
        let k_r = if rr == 1 { rs[0] } else { rs[rr - 2] };
        if k_l != k_r {
            return Err(err());
        }
        if lr == 1 || rr == 1 {
            let dims = DotDims {
                lhs_contract: vec![lr as i64 - 1],
                rhs_contract: vec![if rr == 1 { 0 } else { rr as i64 - 2 }],
                ..Default::default()
            };
            return self.dot_general(rhs, dims);
        }
        let batch =
            ir::broadcast_shapes("matmul", &[ls[..lr - 2].to_vec(), rs[..rr - 2].to_vec()])?;
        apply1(&[self, rhs], move |b, v| {
            let mut lshape = batch.clone();
            lshape.extend(&ls[lr - 2..]);
            let mut rshape = batch.clone();
            rshape.extend(&rs[rr - 2..]);
            let l = b.broadcast_to(v[0], &lshape)?;
            let r = b.broadcast_to(v[1], &rshape)?;
            let nb = batch.len() as i64;
            let bd: Vec<i64> = (0..nb).collect();
            b.add1(Op::DotGeneral {
                lhs: l,
                rhs: r,
                dims: DotDims {
                    lhs_batch: bd.clone(),
                    rhs_batch: bd,
                    lhs_contract: vec![nb + 1],
                    rhs_contract: vec![nb],
                },
            })
        })
    }

    /// `self[indices]` along axis 0 (result shape `indices.shape ++ self.shape[1..]`;
    /// out-of-range indices are clamped).
    pub fn take(&self, indices: &Tensor) -> Result<Tensor> {
        apply1(&[self, indices], |b, v| {
            b.add1(Op::Take {
                x: v[0],
                indices: v[1],
            })
        })
    }

    /// `self` with `updates[i]` added at row `indices[i]` (repeats add up; out-of-range
    /// indices are dropped). `updates.shape == indices.shape ++ self.shape[1..]`.
    pub fn scatter_add(&self, indices: &Tensor, updates: &Tensor) -> Result<Tensor> {
        apply1(&[self, indices, updates], |b, v| {
            b.add1(Op::ScatterAdd {
                x: v[0],
                indices: v[1],
                updates: v[2],
            })
        })
    }

    // ---- control flow ----------------------------------------------------------------

    /// A loop over the carry `init`: while `cond(carry)` (a bool scalar), `carry =
    /// body(carry)`. The closures are traced once; they may use outer tensors. Eagerly,
    /// the whole loop compiles to one program.
    pub fn while_loop(
        init: Vec<Tensor>,
        cond: impl Fn(&[Tensor]) -> Result<Tensor>,
        body: impl Fn(&[Tensor]) -> Result<Vec<Tensor>>,
    ) -> Result<Vec<Tensor>> {
        let refs: Vec<&Tensor> = init.iter().collect();
        apply_traced(&refs, |ts| {
            let types: Vec<TensorType> = ts.iter().map(|t| t.ty()).collect();
            let init_vals = with_top(|fr| {
                ts.iter()
                    .map(|t| fr.value_of(t))
                    .collect::<Result<Vec<_>>>()
            })?;
            let c = trace_region(&types, |ps| Ok(vec![cond(ps)?]))?;
            let b = trace_region(&types, body)?;
            with_top(|fr| {
                let outs = fr.b.add(Op::While {
                    init: init_vals,
                    cond: c,
                    body: b,
                })?;
                Ok(outs.into_iter().map(|v| fr.wrap(v)).collect())
            })
        })
    }

    /// `if pred { on_true() } else { on_false() }` for a bool scalar `pred`; both branches
    /// are traced and must return tensors of the same types.
    pub fn cond(
        pred: &Tensor,
        on_true: impl FnOnce() -> Result<Vec<Tensor>>,
        on_false: impl FnOnce() -> Result<Vec<Tensor>>,
    ) -> Result<Vec<Tensor>> {
        if pred.ty() != TensorType::scalar(DType::Bool) {
            return Err(Error::DType(format!(
                "cond: the predicate has type {}, expected a bool scalar (i1[])",
                pred.ty()
            )));
        }
        apply_traced(&[pred], |ts| {
            // Branch 0 is `on_true`, so error messages list the branches in source order.
            let idx = ts[0].select(&Tensor::scalar(0i32)?, &Tensor::scalar(1i32)?)?;
            let mut on_true = Some(on_true);
            let mut on_false = Some(on_false);
            Tensor::switch_with(&idx, 2, |k| {
                if k == 0 {
                    on_true.take().expect("traced once")()
                } else {
                    on_false.take().expect("traced once")()
                }
            })
        })
    }

    /// Runs `branches[index]` for an i32 scalar `index` (out of range: the last branch).
    pub fn switch(
        index: &Tensor,
        branches: &[&dyn Fn() -> Result<Vec<Tensor>>],
    ) -> Result<Vec<Tensor>> {
        Tensor::switch_with(index, branches.len(), |k| branches[k]())
    }

    /// [`Tensor::switch`] with `n` branches given by one closure of the branch number.
    pub fn switch_with(
        index: &Tensor,
        n: usize,
        mut branch: impl FnMut(usize) -> Result<Vec<Tensor>>,
    ) -> Result<Vec<Tensor>> {
        if index.ty() != TensorType::scalar(DType::I32) {
            return Err(Error::DType(format!(
                "switch: the index has type {}, expected an i32 scalar",
                index.ty()
            )));
        }
        if n == 0 {
            return Err(Error::Other("switch: no branches".into()));
        }
        apply_traced(&[index], |ts| {
            let iv = with_top(|fr| fr.value_of(&ts[0]))?;
            let mut regions = vec![];
            for k in 0..n {
                regions.push(trace_region(&[], |_| branch(k))?);
            }
            with_top(|fr| {
                let outs = fr.b.add(Op::Case {
                    index: iv,
                    branches: regions,
                })?;
                Ok(outs.into_iter().map(|v| fr.wrap(v)).collect())
            })
        })
    }
}

// ---- precision policy -----------------------------------------------------------------

thread_local! {
    static ACCUMULATE_F32: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While the returned guard lives, sums, products and contractions of bf16/f16 tensors
/// on this thread accumulate in f32 (operands converted up, the result converted back):
/// the reduced-precision policy of `#[jit(precision = "bf16")]`.
pub fn accumulate_in_f32() -> AccumulateGuard {
    let prev = ACCUMULATE_F32.with(|c| c.replace(true));
    AccumulateGuard(prev)
}

/// Restores the previous accumulation setting when dropped.
pub struct AccumulateGuard(bool);

impl Drop for AccumulateGuard {
    fn drop(&mut self) {
        let prev = self.0;
        let _ = ACCUMULATE_F32.try_with(|c| c.set(prev));
    }
}

/// The low-precision dtype of `ts` when they should accumulate in f32.
fn low_precision(ts: &[&Tensor]) -> Option<DType> {
    if !ACCUMULATE_F32.with(|c| c.get()) {
        return None;
    }
    let d = ts.first()?.dtype();
    (matches!(d, DType::BF16 | DType::F16) && ts.iter().all(|t| t.dtype() == d)).then_some(d)
}

// ---- operators ----------------------------------------------------------------------

macro_rules! binop {
    ($Tr:ident, $m:ident, $op:ident, $sym:literal, $TrA:ident, $ma:ident) => {
        impl std::ops::$Tr<&Tensor> for &Tensor {
            type Output = Tensor;
            /// Panics on a shape or dtype error (use the `try_*` method for a `Result`).
            #[track_caller]
            fn $m(self, rhs: &Tensor) -> Tensor {
                self.binary(BinaryOp::$op, rhs)
                    .unwrap_or_else(|e| panic!("tensor `{}` failed: {e}", $sym))
            }
        }
        impl std::ops::$Tr<Tensor> for Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $m(self, rhs: Tensor) -> Tensor {
                std::ops::$Tr::$m(&self, &rhs)
            }
        }
        impl std::ops::$Tr<&Tensor> for Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $m(self, rhs: &Tensor) -> Tensor {
                std::ops::$Tr::$m(&self, rhs)
            }
        }
        impl std::ops::$Tr<Tensor> for &Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $m(self, rhs: Tensor) -> Tensor {
                std::ops::$Tr::$m(self, &rhs)
            }
        }
        impl std::ops::$Tr<f64> for &Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $m(self, rhs: f64) -> Tensor {
                self.binary_scalar(BinaryOp::$op, rhs)
                    .unwrap_or_else(|e| panic!("tensor `{}` failed: {e}", $sym))
            }
        }
        impl std::ops::$Tr<f64> for Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $m(self, rhs: f64) -> Tensor {
                std::ops::$Tr::$m(&self, rhs)
            }
        }
        impl std::ops::$TrA<&Tensor> for Tensor {
            /// Panics on a shape or dtype error (use the `try_*` method for a `Result`).
            #[track_caller]
            fn $ma(&mut self, rhs: &Tensor) {
                *self = std::ops::$Tr::$m(&*self, rhs);
            }
        }
        impl std::ops::$TrA<Tensor> for Tensor {
            #[track_caller]
            fn $ma(&mut self, rhs: Tensor) {
                *self = std::ops::$Tr::$m(&*self, &rhs);
            }
        }
        impl std::ops::$TrA<f64> for Tensor {
            #[track_caller]
            fn $ma(&mut self, rhs: f64) {
                *self = std::ops::$Tr::$m(&*self, rhs);
            }
        }
    };
}

binop!(Add, add, Add, "+", AddAssign, add_assign);
binop!(Sub, sub, Sub, "-", SubAssign, sub_assign);
binop!(Mul, mul, Mul, "*", MulAssign, mul_assign);
binop!(Div, div, Div, "/", DivAssign, div_assign);
binop!(Rem, rem, Rem, "%", RemAssign, rem_assign);

impl std::ops::Neg for &Tensor {
    type Output = Tensor;
    /// Panics on a dtype error (use [`Tensor::try_neg`] for a `Result`).
    #[track_caller]
    fn neg(self) -> Tensor {
        self.try_neg()
            .unwrap_or_else(|e| panic!("tensor `-` failed: {e}"))
    }
}

impl std::ops::Neg for Tensor {
    type Output = Tensor;
    fn neg(self) -> Tensor {
        -&self
    }
}

// ---- display ------------------------------------------------------------------------

impl fmt::Debug for Tensor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Traced { value, ty, .. } => write!(f, "Tensor(traced {value}: {ty})"),
            Repr::Eager(_) => write!(f, "Tensor({}, {self})", self.ty()),
        }
    }
}

/// Numpy-like: nested brackets, one row per line, elements right-aligned.
impl fmt::Display for Tensor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Repr::Eager(_) = &self.repr else {
            return write!(f, "<traced {}>", self.ty());
        };
        let bytes = match self.to_bytes() {
            Ok(b) => b,
            Err(e) => return write!(f, "<unreadable tensor: {e}>"),
        };
        let d = self.dtype();
        let elems: Vec<String> = bytes
            .chunks(d.size_bytes())
            .map(|c| elem_string(d, c))
            .collect();
        let w = elems.iter().map(|s| s.len()).max().unwrap_or(0);
        let shape = self.shape().to_vec();
        fn rec(
            f: &mut fmt::Formatter<'_>,
            shape: &[i64],
            elems: &[String],
            w: usize,
            depth: usize,
        ) -> fmt::Result {
            if shape.is_empty() {
                return write!(f, "{}", elems[0]);
            }
            write!(f, "[")?;
            let n = shape[0] as usize;
            let inner: usize = shape[1..].iter().product::<i64>() as usize;
            for i in 0..n {
                if i > 0 {
                    if shape.len() == 1 {
                        write!(f, ", ")?;
                    } else {
                        write!(f, ",{}", "\n".repeat(shape.len() - 1))?;
                        write!(f, "{}", " ".repeat(depth + 1))?;
                    }
                }
                if shape.len() == 1 {
                    write!(f, "{:>w$}", elems[i], w = w)?;
                } else {
                    rec(
                        f,
                        &shape[1..],
                        &elems[i * inner..(i + 1) * inner],
                        w,
                        depth + 1,
                    )?;
                }
            }
            write!(f, "]")
        }
        rec(f, &shape, &elems, w, 0)
    }
}

// ---- ndarray ------------------------------------------------------------------------

#[cfg(feature = "ndarray")]
impl Tensor {
    /// A tensor with the array's shape and elements (logical row-major order).
    pub fn from_ndarray<T, S, D>(a: &ndarray::ArrayBase<S, D>) -> Result<Tensor>
    where
        T: NativeType,
        S: ndarray::Data<Elem = T>,
        D: ndarray::Dimension,
    {
        let shape: Vec<i64> = a.shape().iter().map(|&d| d as i64).collect();
        let data: Vec<T> = a.iter().copied().collect();
        Tensor::from_vec(data, &shape)
    }

    /// The elements as a dynamic-rank array; `T` must match the dtype.
    pub fn to_ndarray<T: NativeType>(&self) -> Result<ndarray::ArrayD<T>> {
        let data = self.to_vec::<T>()?;
        let shape: Vec<usize> = self.shape().iter().map(|&d| d as usize).collect();
        ndarray::ArrayD::from_shape_vec(ndarray::IxDyn(&shape), data)
            .map_err(|e| Error::Shape(format!("to_ndarray: {e}")))
    }
}

#[cfg(feature = "ndarray")]
impl<T: NativeType, S: ndarray::Data<Elem = T>, D: ndarray::Dimension>
    TryFrom<&ndarray::ArrayBase<S, D>> for Tensor
{
    type Error = Error;
    fn try_from(a: &ndarray::ArrayBase<S, D>) -> Result<Tensor> {
        Tensor::from_ndarray(a)
    }
}
