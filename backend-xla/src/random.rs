//! Functional, splittable pseudo-random numbers, as `jax.random`.
//!
//! A key is a `u32[2]` tensor. Functions never mutate a key: use [`split`] to derive new
//! independent keys, and pass each key to one sampling function. Bits come from the
//! Threefry-2x32 block cipher (20 rounds), built from `u32` ops of the IR, so results are
//! deterministic across runs and identical eagerly and under tracing. Each function
//! compiles to one XLA program when called eagerly.

use crate::ir::BinaryOp;
use crate::tensor::Tensor;
use crate::trace::apply_traced;
use crate::{DType, Error, Result};

/// A key from a seed (`[seed >> 32, seed & 0xFFFFFFFF]`, as `jax.random.PRNGKey`).
pub fn key(seed: u64) -> Result<Tensor> {
    Tensor::from_vec(vec![(seed >> 32) as u32, seed as u32], &[2])
}

fn check_key(what: &str, key: &Tensor) -> Result<()> {
    if key.dtype() != DType::U32 || key.shape() != [2] {
        return Err(Error::DType(format!(
            "{what}: a key is a u32[2] tensor, got {}",
            key.ty()
        )));
    }
    Ok(())
}

fn one(mut v: Vec<Tensor>) -> Tensor {
    v.pop().expect("one output")
}

fn rotl(x: &Tensor, d: u32) -> Result<Tensor> {
    let l = x.binary_scalar(BinaryOp::ShiftLeft, d as f64)?;
    let r = x.binary_scalar(BinaryOp::ShiftRightLogical, (32 - d) as f64)?;
    l.or(&r)
}

/// Threefry-2x32 of the counter pair `(x0, x1)` (u32 tensors of one shape) under `key`.
fn threefry2x32(key: &Tensor, x0: &Tensor, x1: &Tensor) -> Result<(Tensor, Tensor)> {
    const ROT: [[u32; 4]; 2] = [[13, 15, 26, 6], [17, 29, 16, 24]];
    let k0 = key.slice_axis(0, 0, 1)?.reshape(&[])?;
    let k1 = key.slice_axis(0, 1, 2)?.reshape(&[])?;
    let k2 = k0
        .xor(&k1)?
        .binary_scalar(BinaryOp::Xor, 0x1BD1_1BDA as f64)?;
    let ks = [k0, k1, k2];
    let mut x = [x0.try_add(&ks[0])?, x1.try_add(&ks[1])?];
    for i in 0..5 {
        for &r in &ROT[i % 2] {
            x[0] = x[0].try_add(&x[1])?;
            x[1] = rotl(&x[1], r)?;
            x[1] = x[0].xor(&x[1])?;
        }
        x[0] = x[0].try_add(&ks[(i + 1) % 3])?;
        x[1] = x[1]
            .try_add(&ks[(i + 2) % 3])?
            .binary_scalar(BinaryOp::Add, (i + 1) as f64)?;
    }
    let [a, b] = x;
    Ok((a, b))
}

/// `n` bits words from counters `0..n` (traced-level helper).
fn bits_flat(key: &Tensor, n: i64) -> Result<Tensor> {
    if n == 0 {
        return Tensor::zeros(DType::U32, &[0]);
    }
    let padded = n + n % 2;
    let counts = Tensor::iota(DType::U32, &[padded], 0)?;
    let h = padded / 2;
    let (y0, y1) = threefry2x32(
        key,
        &counts.slice_axis(0, 0, h)?,
        &counts.slice_axis(0, h, padded)?,
    )?;
    let all = Tensor::concatenate(&[&y0, &y1], 0)?;
    if padded == n {
        Ok(all)
    } else {
        all.slice_axis(0, 0, n)
    }
}

fn numel(what: &str, shape: &[i64]) -> Result<i64> {
    if shape.iter().any(|&d| d < 0) {
        return Err(Error::Shape(format!(
            "{what}: negative dimension in {shape:?}"
        )));
    }
    Ok(shape.iter().product())
}

/// Uniformly random `u32` words of `shape`.
pub fn bits(key: &Tensor, shape: &[i64]) -> Result<Tensor> {
    check_key("bits", key)?;
    let n = numel("bits", shape)?;
    let shape = shape.to_vec();
    Ok(one(apply_traced(&[key], |k| {
        Ok(vec![bits_flat(&k[0], n)?.reshape(&shape)?])
    })?))
}

/// `n` new keys derived from `key` (as `jax.random.split`), as a `u32[n, 2]` tensor.
pub fn split_keys(key: &Tensor, n: usize) -> Result<Tensor> {
    check_key("split", key)?;
    Ok(one(apply_traced(&[key], |k| {
        Ok(vec![
            bits_flat(&k[0], 2 * n as i64)?.reshape(&[n as i64, 2])?
        ])
    })?))
}

/// `n` new keys derived from `key`.
pub fn split(key: &Tensor, n: usize) -> Result<Vec<Tensor>> {
    check_key("split", key)?;
    apply_traced(&[key], |k| {
        let all = bits_flat(&k[0], 2 * n as i64)?;
        (0..n as i64)
            .map(|i| all.slice_axis(0, 2 * i, 2 * i + 2))
            .collect()
    })
}

/// A key derived from `key` and the integer `data` (as `jax.random.fold_in`).
pub fn fold_in(key: &Tensor, data: u32) -> Result<Tensor> {
    check_key("fold_in", key)?;
    Ok(one(apply_traced(&[key], |k| {
        let x0 = Tensor::zeros(DType::U32, &[1])?;
        let x1 = Tensor::full(DType::U32, &[1], data as f64)?;
        let (a, b) = threefry2x32(&k[0], &x0, &x1)?;
        Ok(vec![Tensor::concatenate(&[&a, &b], 0)?])
    })?))
}

/// f32 in `[0, 1)` from the top 23 bits of each word.
fn unit_f32(bits: &Tensor) -> Result<Tensor> {
    let m = bits
        .binary_scalar(BinaryOp::ShiftRightLogical, 9.0)?
        .binary_scalar(BinaryOp::Or, 0x3F80_0000u32 as f64)?;
    m.bitcast(DType::F32)?.binary_scalar(BinaryOp::Sub, 1.0)
}

/// f64 in `[0, 1)` from 53 bits of two words.
fn unit_f64(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let hi = a
        .binary_scalar(BinaryOp::ShiftRightLogical, 5.0)?
        .astype(DType::F64)?;
    let lo = b
        .binary_scalar(BinaryOp::ShiftRightLogical, 6.0)?
        .astype(DType::F64)?;
    hi.binary_scalar(BinaryOp::Mul, 67_108_864.0)?
        .try_add(&lo)?
        .binary_scalar(BinaryOp::Mul, 1.0 / 9_007_199_254_740_992.0)
}

/// Uniform in `[0, 1)` of `dtype` (traced-level helper).
fn uniform_traced(key: &Tensor, dtype: DType, shape: &[i64], n: i64) -> Result<Tensor> {
    let u = match dtype {
        DType::F64 => {
            let w = bits_flat(key, 2 * n)?;
            unit_f64(&w.slice_axis(0, 0, n)?, &w.slice_axis(0, n, 2 * n)?)?
        }
        DType::F32 => unit_f32(&bits_flat(key, n)?)?,
        DType::BF16 | DType::F16 => {
            // Rounding to fewer bits could give 1.0: cap at the largest value below 1.
            let below_one = if dtype == DType::BF16 {
                1.0 - 2f64.powi(-8)
            } else {
                1.0 - 2f64.powi(-11)
            };
            unit_f32(&bits_flat(key, n)?)?
                .astype(dtype)?
                .binary_scalar(BinaryOp::Min, below_one)?
        }
        other => {
            return Err(Error::DType(format!(
                "uniform: expected a float dtype, got {other}"
            )))
        }
    };
    u.reshape(shape)
}

/// Uniform samples in `[0, 1)` of a float `dtype` and `shape`.
pub fn uniform(key: &Tensor, dtype: DType, shape: &[i64]) -> Result<Tensor> {
    check_key("uniform", key)?;
    let n = numel("uniform", shape)?;
    Ok(one(apply_traced(&[key], |k| {
        Ok(vec![uniform_traced(&k[0], dtype, shape, n)?])
    })?))
}

/// Uniform samples in `[lo, hi)`.
pub fn uniform_range(
    key: &Tensor,
    dtype: DType,
    shape: &[i64],
    lo: f64,
    hi: f64,
) -> Result<Tensor> {
    check_key("uniform_range", key)?;
    let n = numel("uniform_range", shape)?;
    Ok(one(apply_traced(&[key], |k| {
        let u = uniform_traced(&k[0], dtype, shape, n)?;
        Ok(vec![u
            .binary_scalar(BinaryOp::Mul, hi - lo)?
            .binary_scalar(BinaryOp::Add, lo)?])
    })?))
}

/// Standard normal samples of a float `dtype` and `shape` (Box–Muller, computed in f32,
/// or f64 for `F64`).
pub fn normal(key: &Tensor, dtype: DType, shape: &[i64]) -> Result<Tensor> {
    check_key("normal", key)?;
    if !dtype.is_float() {
        return Err(Error::DType(format!(
            "normal: expected a float dtype, got {dtype}"
        )));
    }
    let n = numel("normal", shape)?;
    let wide = if dtype == DType::F64 {
        DType::F64
    } else {
        DType::F32
    };
    Ok(one(apply_traced(&[key], |k| {
        let u = uniform_traced(&k[0], wide, &[2 * n], 2 * n)?;
        // u1 in (0, 1] so that ln(u1) is finite.
        let u1 = u
            .slice_axis(0, 0, n)?
            .try_neg()?
            .binary_scalar(BinaryOp::Add, 1.0)?;
        let u2 = u.slice_axis(0, n, 2 * n)?;
        let r = u1.ln()?.binary_scalar(BinaryOp::Mul, -2.0)?.sqrt()?;
        let c = u2
            .binary_scalar(BinaryOp::Mul, 2.0 * std::f64::consts::PI)?
            .cos()?;
        Ok(vec![r.try_mul(&c)?.astype(dtype)?.reshape(shape)?])
    })?))
}
