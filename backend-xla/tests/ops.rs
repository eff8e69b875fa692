//! Every op of the IR run through real XLA and checked against plain Rust, batching many
//! checks into few compiled programs.

use oxidiff_xla::ir::{BinaryOp, UnaryOp};
use oxidiff_xla::tensor::Tensor;
use oxidiff_xla::trace::Compiled;
use oxidiff_xla::{DType, Result};

/// splitmix64: a small seeded generator for test inputs.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn vec(&mut self, n: usize, lo: f64, hi: f64) -> Vec<f64> {
        (0..n).map(|_| self.uniform(lo, hi)).collect()
    }
}

/// Host data as a tensor of `dtype`.
fn tensor(dtype: DType, data: &[f64], shape: &[i64]) -> Tensor {
    let bytes: Vec<u8> = data
        .iter()
        .flat_map(|&v| oxidiff_xla::ir::scalar_bytes(dtype, v))
        .collect();
    Tensor::from_bytes(dtype, shape, bytes).unwrap()
}

/// The values a tensor of `dtype` actually holds for `data` (rounded as stored).
fn rounded(dtype: DType, data: &[f64]) -> Vec<f64> {
    data.iter()
        .map(|&v| oxidiff_xla::ir::elem_f64(dtype, &oxidiff_xla::ir::scalar_bytes(dtype, v)))
        .collect()
}

/// Traces `f` over the inputs' types, compiles, runs, returns the outputs as f64.
fn run(inputs: &[&Tensor], f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>) -> Vec<Vec<f64>> {
    let types: Vec<(DType, Vec<i64>)> = inputs
        .iter()
        .map(|t| (t.dtype(), t.shape().to_vec()))
        .collect();
    let c = Compiled::trace(&types, f).unwrap();
    c.call(inputs)
        .unwrap()
        .iter()
        .map(|t| t.to_f64_vec().unwrap())
        .collect()
}

fn close(name: &str, got: &[f64], want: &[f64], rtol: f64, atol: f64) {
    assert_eq!(got.len(), want.len(), "{name}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let ok = (g.is_nan() && w.is_nan()) || g == w || (g - w).abs() <= atol + rtol * w.abs();
        assert!(ok, "{name}[{i}]: got {g}, want {w}");
    }
}

type RefFn = fn(f64) -> f64;

/// (op, domain, reference).
fn unary_table() -> Vec<(UnaryOp, (f64, f64), RefFn)> {
    use UnaryOp::*;
    let sign: RefFn = |x| {
        if x == 0.0 {
            0.0
        } else {
            x.signum()
        }
    };
    vec![
        (Neg, (-3.0, 3.0), |x| -x),
        (Abs, (-3.0, 3.0), f64::abs),
        (Sign, (-3.0, 3.0), sign),
        (Floor, (-3.0, 3.0), f64::floor),
        (Ceil, (-3.0, 3.0), f64::ceil),
        (Round, (-3.0, 3.0), f64::round),
        (Trunc, (-3.0, 3.0), f64::trunc),
        (Sin, (-3.0, 3.0), f64::sin),
        (Cos, (-3.0, 3.0), f64::cos),
        (Tan, (-1.2, 1.2), f64::tan),
        (Asin, (-0.99, 0.99), f64::asin),
        (Acos, (-0.99, 0.99), f64::acos),
        (Atan, (-5.0, 5.0), f64::atan),
        (Sinh, (-3.0, 3.0), f64::sinh),
        (Cosh, (-3.0, 3.0), f64::cosh),
        (Tanh, (-3.0, 3.0), f64::tanh),
        (Asinh, (-30.0, 30.0), f64::asinh),
        (Acosh, (1.0, 30.0), f64::acosh),
        (Atanh, (-0.99, 0.99), f64::atanh),
        (Exp, (-3.0, 3.0), f64::exp),
        (Exp2, (-3.0, 3.0), f64::exp2),
        (Expm1, (-1.0, 1.0), f64::exp_m1),
        (Log, (0.01, 10.0), f64::ln),
        (Log2, (0.01, 10.0), f64::log2),
        (Log10, (0.01, 10.0), f64::log10),
        (Log1p, (-0.9, 3.0), f64::ln_1p),
        (Sqrt, (0.0, 10.0), f64::sqrt),
        (Cbrt, (-10.0, 10.0), f64::cbrt),
        (Rsqrt, (0.01, 10.0), |x| 1.0 / x.sqrt()),
        (Recip, (0.1, 10.0), |x| 1.0 / x),
        (Logistic, (-5.0, 5.0), |x| 1.0 / (1.0 + (-x).exp())),
    ]
}

/// All float unary ops, in one program per dtype.
fn check_unary(dtype: DType, rtol: f64, atol: f64) {
    let table = unary_table();
    let mut rng = Rng(7 + dtype as u64);
    let n = 64;
    let inputs: Vec<Tensor> = table
        .iter()
        .map(|(_, (lo, hi), _)| tensor(dtype, &rng.vec(n, *lo, *hi), &[n as i64]))
        .collect();
    let refs: Vec<&Tensor> = inputs.iter().collect();
    let ops: Vec<UnaryOp> = table.iter().map(|t| t.0).collect();
    let outs = run(&refs, |xs| {
        xs.iter().zip(&ops).map(|(x, op)| x.unary(*op)).collect()
    });
    for ((op, _, f), (x, got)) in table.iter().zip(inputs.iter().zip(outs)) {
        let xv = x.to_f64_vec().unwrap();
        let want: Vec<f64> = xv.iter().map(|&v| f(v)).collect();
        let want = rounded(dtype, &want);
        close(&format!("{}/{dtype}", op.name()), &got, &want, rtol, atol);
    }
}

#[test]
fn unary_f32() {
    check_unary(DType::F32, 2e-6, 2e-6);
}

#[test]
fn unary_f64() {
    check_unary(DType::F64, 1e-12, 1e-13);
}

#[test]
fn unary_bf16_f16() {
    check_unary(DType::BF16, 2e-2, 2e-2);
    check_unary(DType::F16, 1e-2, 3e-3);
}

#[test]
fn unary_special_values() {
    let x = Tensor::from_vec(
        vec![
            0.0f32,
            -0.0,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            1e30,
            -1e-30,
        ],
        &[7],
    )
    .unwrap();
    let out = run(&[&x], |x| {
        Ok(vec![
            x[0].asinh()?,
            x[0].is_finite()?,
            x[0].trunc()?,
            x[0].sign()?,
        ])
    });
    close(
        "asinh special",
        &out[0],
        &[
            0.0,
            0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            (1e30f32 as f64).asinh(),
            -1e-30f32 as f64,
        ],
        1e-6,
        0.0,
    );
    assert_eq!(out[1], vec![1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0]);
    close(
        "trunc special",
        &out[2],
        &[
            0.0,
            0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            1e30f32 as f64,
            0.0,
        ],
        0.0,
        0.0,
    );
    close(
        "sign special",
        &out[3],
        &[0.0, 0.0, 1.0, -1.0, f64::NAN, 1.0, -1.0],
        0.0,
        0.0,
    );
    // Integer-typed unary ops.
    let i = Tensor::from_vec(vec![-3i32, 0, 5, i32::MAX], &[4]).unwrap();
    let out = run(&[&i], |x| {
        Ok(vec![
            x[0].try_neg()?,
            x[0].abs()?,
            x[0].sign()?,
            x[0].logical_not()?,
        ])
    });
    assert_eq!(out[0], vec![3.0, 0.0, -5.0, -(i32::MAX as f64)]);
    assert_eq!(out[1], vec![3.0, 0.0, 5.0, i32::MAX as f64]);
    assert_eq!(out[2], vec![-1.0, 0.0, 1.0, 1.0]);
    assert_eq!(out[3], vec![2.0, -1.0, -6.0, i32::MIN as f64]);
    let b = Tensor::from_vec(vec![true, false], &[2]).unwrap();
    assert_eq!(
        b.logical_not().unwrap().to_vec::<bool>().unwrap(),
        vec![false, true]
    );
}

type Ref2 = fn(f64, f64) -> f64;
type BinaryCase = (BinaryOp, (f64, f64), (f64, f64), Ref2);

#[test]
fn binary_floats() {
    use BinaryOp::*;
    let table: Vec<BinaryCase> = vec![
        (Add, (-5.0, 5.0), (-5.0, 5.0), |a, b| a + b),
        (Sub, (-5.0, 5.0), (-5.0, 5.0), |a, b| a - b),
        (Mul, (-5.0, 5.0), (-5.0, 5.0), |a, b| a * b),
        (Div, (-5.0, 5.0), (0.5, 5.0), |a, b| a / b),
        (Rem, (-10.0, 10.0), (0.5, 3.0), |a, b| a % b),
        (Pow, (0.1, 3.0), (-2.0, 2.0), f64::powf),
        (Atan2, (-5.0, 5.0), (-5.0, 5.0), f64::atan2),
        (Hypot, (-5.0, 5.0), (-5.0, 5.0), f64::hypot),
        (Min, (-5.0, 5.0), (-5.0, 5.0), f64::min),
        (Max, (-5.0, 5.0), (-5.0, 5.0), f64::max),
    ];
    for (dtype, rtol) in [
        (DType::F32, 2e-6),
        (DType::F64, 1e-13),
        (DType::BF16, 2e-2),
        (DType::F16, 2e-3),
    ] {
        let mut rng = Rng(99);
        let n = 48;
        let mut ins = vec![];
        for (_, da, db, _) in &table {
            ins.push(tensor(dtype, &rng.vec(n, da.0, da.1), &[n as i64]));
            ins.push(tensor(dtype, &rng.vec(n, db.0, db.1), &[n as i64]));
        }
        let refs: Vec<&Tensor> = ins.iter().collect();
        let ops: Vec<BinaryOp> = table.iter().map(|t| t.0).collect();
        let outs = run(&refs, |xs| {
            ops.iter()
                .enumerate()
                .map(|(k, op)| xs[2 * k].binary(*op, &xs[2 * k + 1]))
                .collect()
        });
        for (k, (op, _, _, f)) in table.iter().enumerate() {
            let a = ins[2 * k].to_f64_vec().unwrap();
            let b = ins[2 * k + 1].to_f64_vec().unwrap();
            let want: Vec<f64> = a.iter().zip(&b).map(|(x, y)| f(*x, *y)).collect();
            let want = rounded(dtype, &want);
            close(
                &format!("{}/{dtype}", op.name()),
                &outs[k],
                &want,
                rtol,
                rtol,
            );
        }
    }
    // powi and hypot at extremes.
    let x = Tensor::from_vec(vec![-2.0f32, 0.5, 3.0], &[3]).unwrap();
    let out = run(&[&x], |x| {
        Ok(vec![x[0].powi(3)?, x[0].powi(-2)?, x[0].powi(0)?])
    });
    close("powi3", &out[0], &[-8.0, 0.125, 27.0], 1e-6, 0.0);
    close("powi-2", &out[1], &[0.25, 4.0, 1.0 / 9.0], 1e-6, 0.0);
    close("powi0", &out[2], &[1.0, 1.0, 1.0], 0.0, 0.0);
    let a = Tensor::from_vec(vec![3e30f32, 0.0, f32::INFINITY], &[3]).unwrap();
    let b = Tensor::from_vec(vec![4e30f32, 0.0, f32::INFINITY], &[3]).unwrap();
    close(
        "hypot extremes",
        &a.hypot(&b).unwrap().to_f64_vec().unwrap(),
        &[5e30, 0.0, f64::INFINITY],
        1e-6,
        0.0,
    );
}

#[test]
fn binary_integers() {
    let mut rng = Rng(5);
    for dtype in [DType::I32, DType::I64, DType::U32] {
        let signed = dtype != DType::U32;
        let lo = if signed { -1000.0 } else { 0.0 };
        let a: Vec<f64> = rng
            .vec(40, lo, 1000.0)
            .into_iter()
            .map(f64::trunc)
            .collect();
        let b: Vec<f64> = rng.vec(40, 1.0, 50.0).into_iter().map(f64::trunc).collect();
        let (ta, tb) = (tensor(dtype, &a, &[40]), tensor(dtype, &b, &[40]));
        let s = tensor(dtype, &[3.0], &[]);
        let out = run(&[&ta, &tb, &s], |x| {
            Ok(vec![
                x[0].try_add(&x[1])?,
                x[0].try_sub(&x[1])?,
                x[0].try_mul(&x[1])?,
                x[0].try_div(&x[1])?,
                x[0].try_rem(&x[1])?,
                x[0].minimum(&x[1])?,
                x[0].maximum(&x[1])?,
                x[0].and(&x[1])?,
                x[0].or(&x[1])?,
                x[0].xor(&x[1])?,
                x[0].shift_left(&x[2])?,
                x[0].shift_right_logical(&x[2])?,
                x[0].shift_right_arithmetic(&x[2])?,
            ])
        });
        let bits = |v: f64| v as i64;
        let w = |f: &dyn Fn(i64, i64) -> i64| -> Vec<f64> {
            a.iter()
                .zip(&b)
                .map(|(x, y)| f(bits(*x), bits(*y)) as f64)
                .collect()
        };
        let name = |s: &str| format!("{s}/{dtype}");
        let wrap = |v: i64| -> i64 {
            match dtype {
                DType::I32 => v as i32 as i64,
                DType::U32 => v as u32 as i64,
                _ => v,
            }
        };
        assert_eq!(out[0], w(&|x, y| x + y), "{}", name("add"));
        assert_eq!(out[1], w(&|x, y| wrap(x - y)), "{}", name("sub"));
        assert_eq!(out[2], w(&|x, y| x * y), "{}", name("mul"));
        assert_eq!(out[3], w(&|x, y| x / y), "{}", name("div"));
        assert_eq!(out[4], w(&|x, y| x % y), "{}", name("rem"));
        assert_eq!(out[5], w(&|x, y| x.min(y)), "{}", name("min"));
        assert_eq!(out[6], w(&|x, y| x.max(y)), "{}", name("max"));
        assert_eq!(out[7], w(&|x, y| wrap(x & y)), "{}", name("and"));
        assert_eq!(out[8], w(&|x, y| wrap(x | y)), "{}", name("or"));
        assert_eq!(out[9], w(&|x, y| wrap(x ^ y)), "{}", name("xor"));
        assert_eq!(out[10], w(&|x, _| wrap(x << 3)), "{}", name("shl"));
        let shr_l = |x: i64| match dtype {
            DType::I32 => ((x as i32 as u32) >> 3) as i32 as i64,
            DType::I64 => ((x as u64) >> 3) as i64,
            _ => x >> 3,
        };
        assert_eq!(out[11], w(&|x, _| shr_l(x)), "{}", name("shr_logical"));
        assert_eq!(out[12], w(&|x, _| x >> 3), "{}", name("shr_arith"));
    }
}

#[test]
fn comparisons_select_clamp() {
    let a = Tensor::from_vec(vec![1.0f32, 2.0, f32::NAN, -1.0], &[4]).unwrap();
    let b = Tensor::from_vec(vec![1.0f32, 3.0, 0.0, -2.0], &[4]).unwrap();
    let out = run(&[&a, &b], |x| {
        let (a, b) = (&x[0], &x[1]);
        Ok(vec![
            a.equal(b)?,
            a.not_equal(b)?,
            a.less(b)?,
            a.less_equal(b)?,
            a.greater(b)?,
            a.greater_equal(b)?,
            a.less(b)?.select(a, b)?,
            a.clamp_scalar(0.0, 1.5)?,
            a.clamp(&Tensor::scalar(0.0f32)?, b)?,
        ])
    });
    assert_eq!(out[0], vec![1.0, 0.0, 0.0, 0.0]);
    assert_eq!(out[1], vec![0.0, 1.0, 1.0, 1.0]);
    assert_eq!(out[2], vec![0.0, 1.0, 0.0, 0.0]);
    assert_eq!(out[3], vec![1.0, 1.0, 0.0, 0.0]);
    assert_eq!(out[4], vec![0.0, 0.0, 0.0, 1.0]);
    assert_eq!(out[5], vec![1.0, 0.0, 0.0, 1.0]);
    assert_eq!(out[6], vec![1.0, 2.0, 0.0, -2.0]);
    close(
        "clamp_scalar",
        &out[7],
        &[1.0, 1.5, f64::NAN, 0.0],
        0.0,
        0.0,
    );
    assert_eq!(out[8][0], 1.0);
    assert_eq!(out[8][1], 2.0);
    // Unsigned and bool comparisons.
    let u = Tensor::from_vec(vec![0u32, u32::MAX], &[2]).unwrap();
    let v = Tensor::from_vec(vec![1u32, 1], &[2]).unwrap();
    assert_eq!(
        u.less(&v).unwrap().to_vec::<bool>().unwrap(),
        vec![true, false]
    );
}

#[test]
fn broadcasting() {
    let x = Tensor::from_vec((0..12).map(|i| i as f32).collect(), &[3, 4]).unwrap();
    let row = Tensor::from_vec(vec![10.0f32, 20.0, 30.0, 40.0], &[4]).unwrap();
    let col = Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[3, 1]).unwrap();
    let s = Tensor::scalar(100.0f32).unwrap();
    let r = (&x + &row).to_vec::<f32>().unwrap();
    assert_eq!(r[5], 5.0 + 20.0);
    let r = (&x * &col).to_vec::<f32>().unwrap();
    assert_eq!(r[5], 5.0 * 2.0);
    let r = (&col + &row).unwrap_shape();
    assert_eq!(r, vec![3, 4]);
    let r = (&x - &s).to_vec::<f32>().unwrap();
    assert_eq!(r[11], 11.0 - 100.0);
    let r = (&s - &x).to_vec::<f32>().unwrap();
    assert_eq!(r[11], 100.0 - 11.0);
    // rank mismatch with size-1 dims: [2,1,4] + [3,1] -> [2,3,4]
    let a = Tensor::ones(DType::F32, &[2, 1, 4]).unwrap();
    let b = Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[3, 1]).unwrap();
    let c = (&a + &b).to_vec::<f32>().unwrap();
    assert_eq!(c.len(), 24);
    assert_eq!(c[4..8], [3.0; 4]);
    // Rust scalars take the tensor's dtype.
    assert_eq!((&x * 2.0).to_vec::<f32>().unwrap()[3], 6.0);
    // Incompatible shapes and dtypes are errors, never panics.
    let bad = Tensor::ones(DType::F32, &[5]).unwrap();
    let e = x.try_add(&bad).unwrap_err().to_string();
    assert!(
        e.contains("add: shapes [3, 4] and [5] do not broadcast"),
        "{e}"
    );
    let i = Tensor::ones(DType::I32, &[4]).unwrap();
    let e = x.try_mul(&i).unwrap_err().to_string();
    assert!(e.contains("mul: dtypes f32 and i32 differ"), "{e}");
    let e = i.sin().unwrap_err().to_string();
    assert!(e.contains("sin: expected a float dtype, got i32"), "{e}");
    let e = x.broadcast_to(&[4, 3]).unwrap_err().to_string();
    assert!(e.contains("cannot broadcast [3, 4] to [4, 3]"), "{e}");
    let p = std::panic::catch_unwind(|| {
        let x = Tensor::ones(DType::F32, &[3, 4]).unwrap();
        let y = Tensor::ones(DType::F32, &[5]).unwrap();
        let _ = &x + &y;
    });
    let msg = p.unwrap_err();
    let msg = msg.downcast_ref::<String>().unwrap();
    assert!(msg.contains("do not broadcast"), "{msg}");
}

trait ShapeOf {
    fn unwrap_shape(&self) -> Vec<i64>;
}
impl ShapeOf for Tensor {
    fn unwrap_shape(&self) -> Vec<i64> {
        self.shape().to_vec()
    }
}

#[test]
fn creation_and_display() {
    let t = Tensor::from_vec(vec![1i32, 2, 3, 4, 5, 6], &[2, 3]).unwrap();
    assert_eq!(t.to_string(), "[[1, 2, 3],\n [4, 5, 6]]");
    assert_eq!(Tensor::scalar(2.5f64).unwrap().to_string(), "2.5");
    assert_eq!(
        Tensor::arange(DType::I64, 4)
            .unwrap()
            .to_vec::<i64>()
            .unwrap(),
        vec![0, 1, 2, 3]
    );
    assert_eq!(
        Tensor::full(DType::BF16, &[2], 1.5)
            .unwrap()
            .to_f64_vec()
            .unwrap(),
        vec![1.5, 1.5]
    );
    assert_eq!(
        Tensor::zeros(DType::Bool, &[2])
            .unwrap()
            .to_vec::<bool>()
            .unwrap(),
        vec![false, false]
    );
    assert_eq!(
        Tensor::ones(DType::U32, &[1])
            .unwrap()
            .to_vec::<u32>()
            .unwrap(),
        vec![1]
    );
    let h = Tensor::from_vec(vec![half::f16::from_f32(0.5)], &[1]).unwrap();
    assert_eq!(h.dtype(), DType::F16);
    assert!(Tensor::from_vec(vec![1.0f32; 5], &[2, 3])
        .unwrap_err()
        .to_string()
        .contains("5 elements do not fill shape [2, 3]"));
    let e = t.to_vec::<f32>().unwrap_err().to_string();
    assert!(
        e.contains("to_vec: the tensor has dtype i32, not f32"),
        "{e}"
    );
    assert_eq!(
        t.to_scalar::<i32>().unwrap_err().to_string(),
        "shape mismatch: to_scalar: the tensor has shape [2, 3], not one element"
    );
    assert_eq!(
        format!("{:?}", Tensor::scalar(true).unwrap()),
        "Tensor(i1[], true)"
    );
}

#[test]
fn every_dtype_round_trips_and_converts() {
    let x = Tensor::from_vec(vec![-1.5f32, 0.0, 2.7, 300.0], &[4]).unwrap();
    for d in DType::ALL {
        let y = x.astype(d).unwrap();
        assert_eq!(y.dtype(), d);
        let v = y.to_f64_vec().unwrap();
        let want: Vec<f64> = match d {
            DType::Bool => vec![1.0, 0.0, 1.0, 1.0],
            DType::I32 | DType::I64 => vec![-1.0, 0.0, 2.0, 300.0],
            DType::U32 => vec![v[0], 0.0, 2.0, 300.0],
            _ => rounded(d, &[-1.5, 0.0, 2.7f32 as f64, 300.0]),
        };
        assert_eq!(v, want, "convert to {d}");
        // identity op through XLA for every dtype
        let z = run(&[&y], |t| Ok(vec![t[0].reshape(&[2, 2])?.t()?]));
        assert_eq!(
            z[0],
            vec![want[0], want[2], want[1], want[3]],
            "transpose {d}"
        );
    }
    let b = Tensor::from_vec(vec![1.0f32], &[1])
        .unwrap()
        .bitcast(DType::U32)
        .unwrap();
    assert_eq!(b.to_vec::<u32>().unwrap(), vec![0x3F80_0000]);
}

#[test]
fn shape_ops() {
    let x = Tensor::from_vec((0..24).map(|i| i as f32).collect(), &[2, 3, 4]).unwrap();
    let i1 = Tensor::scalar(1i32).unwrap();
    let i5 = Tensor::scalar(5i32).unwrap();
    let out = run(&[&x, &i1, &i5], |t| {
        let (x, i1, i5) = (&t[0], &t[1], &t[2]);
        let u = Tensor::full(DType::F32, &[1, 2, 2], -1.0)?;
        Ok(vec![
            x.reshape(&[4, -1])?,
            x.transpose(&[2, 0, 1])?,
            x.slice(&[0, 1, 0], &[2, 3, 4], &[1, 1, 2])?,
            x.dynamic_slice(&[i1, i1, i5], &[1, 2, 2])?,
            x.dynamic_update_slice(&u, &[i1, i1, i1])?,
            Tensor::concatenate(&[x, &x.slice_axis(2, 0, 1)?], 2)?,
            x.slice_axis(0, 0, 1)?.reshape(&[3, 4])?.pad(
                &Tensor::scalar(-1.0f32)?,
                &[1, -1],
                &[0, 1],
                &[0, 1],
            )?,
            Tensor::iota(DType::F32, &[2, 3], 1)?,
            x.broadcast_in_dim(&[2, 5, 3, 4], &[0, 2, 3])?,
        ])
    });
    let xv: Vec<f64> = (0..24).map(|i| i as f64).collect();
    let at = |a: usize, b: usize, c: usize| xv[a * 12 + b * 4 + c];
    assert_eq!(out[0], xv);
    let mut tr = vec![];
    for c in 0..4 {
        for a in 0..2 {
            for b in 0..3 {
                tr.push(at(a, b, c));
            }
        }
    }
    assert_eq!(out[1], tr);
    let mut sl = vec![];
    for a in 0..2 {
        for b in 1..3 {
            for c in [0, 2] {
                sl.push(at(a, b, c));
            }
        }
    }
    assert_eq!(out[2], sl);
    // start 5 on dim 2 (size 4, window 2) is clamped to 2.
    assert_eq!(
        out[3],
        vec![at(1, 1, 2), at(1, 1, 3), at(1, 2, 2), at(1, 2, 3)]
    );
    let mut dus = xv.clone();
    for b in 1..3 {
        for c in 1..3 {
            dus[12 + b * 4 + c] = -1.0;
        }
    }
    assert_eq!(out[4], dus);
    let mut cat = vec![];
    for a in 0..2 {
        for b in 0..3 {
            for c in 0..4 {
                cat.push(at(a, b, c));
            }
            cat.push(at(a, b, 0));
        }
    }
    assert_eq!(out[5], cat);
    // pad rows: low 1, high 0; cols: low -1 (crop), high 1, interior 1.
    let mut pad = vec![];
    pad.extend([-1.0; 7]);
    for b in 0..3 {
        let row = [
            at(0, b, 0),
            -1.0,
            at(0, b, 1),
            -1.0,
            at(0, b, 2),
            -1.0,
            at(0, b, 3),
            -1.0,
        ];
        pad.extend(&row[1..]);
    }
    assert_eq!(out[6], pad);
    assert_eq!(out[7], vec![0.0, 1.0, 2.0, 0.0, 1.0, 2.0]);
    assert_eq!(out[8].len(), 120);
    assert_eq!(out[8][12..24], xv[0..12]);
}

#[test]
fn reductions() {
    let mut rng = Rng(11);
    let data = rng.vec(24, -5.0, 5.0);
    for dtype in [DType::F32, DType::F64, DType::I32] {
        let data: Vec<f64> = if dtype == DType::I32 {
            data.iter().map(|v| v.trunc()).collect()
        } else {
            rounded(dtype, &data)
        };
        let x = tensor(dtype, &data, &[2, 3, 4]);
        let out = run(&[&x], |t| {
            let x = &t[0];
            Ok(vec![
                x.sum(&[1])?,
                x.max(&[0, 2])?,
                x.min(&[2])?,
                x.prod(&[0, 1, 2])?,
                x.argmax(2)?,
                x.argmin(1)?,
                x.sum(&[])?,
            ])
        });
        let at = |a: usize, b: usize, c: usize| data[a * 12 + b * 4 + c];
        let mut sum1 = vec![];
        for a in 0..2 {
            for c in 0..4 {
                sum1.push((0..3).map(|b| at(a, b, c)).sum::<f64>());
            }
        }
        close(&format!("sum/{dtype}"), &out[0], &sum1, 1e-5, 1e-5);
        let max02: Vec<f64> = (0..3)
            .map(|b| {
                (0..2)
                    .flat_map(|a| (0..4).map(move |c| (a, c)))
                    .map(|(a, c)| at(a, b, c))
                    .fold(f64::MIN, f64::max)
            })
            .collect();
        assert_eq!(out[1], max02);
        let min2: Vec<f64> = (0..6)
            .map(|r| {
                data[r * 4..r * 4 + 4]
                    .iter()
                    .cloned()
                    .fold(f64::MAX, f64::min)
            })
            .collect();
        assert_eq!(out[2], min2);
        close(
            &format!("prod/{dtype}"),
            &out[3],
            &[data.iter().product()],
            1e-4,
            1e-9,
        );
        let argmax: Vec<f64> = (0..6)
            .map(|r| {
                let row = &data[r * 4..r * 4 + 4];
                let m = row.iter().cloned().fold(f64::MIN, f64::max);
                row.iter().position(|&v| v == m).unwrap() as f64
            })
            .collect();
        assert_eq!(out[4], argmax, "argmax/{dtype}");
        let mut argmin = vec![];
        for a in 0..2 {
            for c in 0..4 {
                let col: Vec<f64> = (0..3).map(|b| at(a, b, c)).collect();
                let m = col.iter().cloned().fold(f64::MAX, f64::min);
                argmin.push(col.iter().position(|&v| v == m).unwrap() as f64);
            }
        }
        assert_eq!(out[5], argmin, "argmin/{dtype}");
        assert_eq!(out[6], data);
    }
    // Ties pick the first index; NaN wins argmax.
    let t = Tensor::from_vec(vec![1.0f32, 3.0, 3.0, 0.0, f32::NAN, 2.0], &[2, 3]).unwrap();
    assert_eq!(t.argmax(1).unwrap().to_vec::<i32>().unwrap(), vec![1, 1]);
    let m = Tensor::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], &[2, 2])
        .unwrap()
        .mean(&[0])
        .unwrap();
    assert_eq!(m.to_vec::<f32>().unwrap(), vec![2.0, 3.0]);
    let b = Tensor::from_vec(vec![true, false, false, false], &[2, 2]).unwrap();
    assert_eq!(
        b.max(&[1]).unwrap().to_vec::<bool>().unwrap(),
        vec![true, false]
    );
    assert_eq!(
        b.min(&[1]).unwrap().to_vec::<bool>().unwrap(),
        vec![false, false]
    );
    let e = b.sum(&[0]).unwrap_err().to_string();
    assert!(
        e.contains("reduce_sum: expected a numeric dtype, got i1"),
        "{e}"
    );
    let e = t.sum(&[2]).unwrap_err().to_string();
    assert!(
        e.contains("reduce_sum: axis 2 out of range for rank 2"),
        "{e}"
    );
}

fn matmul_ref(a: &[f64], b: &[f64], batch: usize, m: usize, k: usize, n: usize) -> Vec<f64> {
    let mut out = vec![0.0; batch * m * n];
    for z in 0..batch {
        for i in 0..m {
            for j in 0..n {
                out[z * m * n + i * n + j] = (0..k)
                    .map(|l| a[z * m * k + i * k + l] * b[z * k * n + l * n + j])
                    .sum();
            }
        }
    }
    out
}

#[test]
fn dot_and_matmul() {
    let mut rng = Rng(3);
    for dtype in [DType::F32, DType::F64, DType::I32] {
        let mk = |rng: &mut Rng, n: usize| -> Vec<f64> {
            let v = rng.vec(n, -3.0, 3.0);
            if dtype == DType::I32 {
                v.iter().map(|x| x.trunc()).collect()
            } else {
                rounded(dtype, &v)
            }
        };
        let (a, b, v) = (
            mk(&mut rng, 2 * 3 * 4),
            mk(&mut rng, 2 * 4 * 5),
            mk(&mut rng, 4),
        );
        let (ta, tb, tv) = (
            tensor(dtype, &a, &[2, 3, 4]),
            tensor(dtype, &b, &[2, 4, 5]),
            tensor(dtype, &v, &[4]),
        );
        let b0 = tensor(dtype, &b[..20], &[4, 5]);
        let out = run(&[&ta, &tb, &tv, &b0], |t| {
            Ok(vec![
                t[0].matmul(&t[1])?,
                t[0].matmul(&t[2])?,
                t[2].matmul(&t[2])?,
                t[2].matmul(&t[3])?,
                t[0].matmul(&t[3])?,
            ])
        });
        let tol = if dtype == DType::F32 { 1e-5 } else { 1e-12 };
        close(
            "batched matmul",
            &out[0],
            &matmul_ref(&a, &b, 2, 3, 4, 5),
            tol,
            tol,
        );
        close(
            "matrix-vector",
            &out[1],
            &matmul_ref(&a, &v, 1, 6, 4, 1),
            tol,
            tol,
        );
        close(
            "vector-vector",
            &out[2],
            &[v.iter().map(|x| x * x).sum()],
            tol,
            tol,
        );
        close(
            "vector-matrix",
            &out[3],
            &matmul_ref(&v, &b[..20], 1, 1, 4, 5),
            tol,
            tol,
        );
        let mut bb = b[..20].to_vec();
        bb.extend_from_slice(&b[..20]);
        close(
            "broadcast batch",
            &out[4],
            &matmul_ref(&a, &bb, 2, 3, 4, 5),
            tol,
            tol,
        );
    }
    let a = Tensor::ones(DType::F32, &[2, 3]).unwrap();
    let e = a.matmul(&a).unwrap_err().to_string();
    assert!(
        e.contains("matmul: shapes [2, 3] and [2, 3] are not aligned"),
        "{e}"
    );
}

#[test]
fn take_and_scatter_add() {
    let x = Tensor::from_vec((0..12).map(|i| i as f32).collect(), &[4, 3]).unwrap();
    let idx = Tensor::from_vec(vec![2i32, 0, 2, 3], &[2, 2]).unwrap();
    let upd = Tensor::ones(DType::F32, &[2, 2, 3]).unwrap();
    let idx1 = Tensor::from_vec(vec![3i64, 1], &[2]).unwrap();
    let v = Tensor::from_vec(vec![10.0f32, 20.0, 30.0], &[3]).unwrap();
    let out = run(&[&x, &idx, &upd, &idx1, &v], |t| {
        Ok(vec![
            t[0].take(&t[1])?,
            t[0].scatter_add(&t[1], &t[2])?,
            t[4].take(&t[3])?,
            t[4].scatter_add(&t[3], &Tensor::from_vec(vec![1.0f32, 2.0], &[2])?)?,
        ])
    });
    let row = |r: usize| (0..3).map(move |c| (r * 3 + c) as f64);
    let take: Vec<f64> = [2, 0, 2, 3].iter().flat_map(|&r| row(r)).collect();
    assert_eq!(out[0], take);
    let mut sc: Vec<f64> = (0..12).map(|i| i as f64).collect();
    for r in [2, 0, 2, 3] {
        for c in 0..3 {
            sc[r * 3 + c] += 1.0;
        }
    }
    assert_eq!(out[1], sc);
    assert_eq!(out[2], vec![30.0, 20.0]); // out-of-range index 3 clamps to 2
    assert_eq!(out[3], vec![10.0, 22.0, 30.0]); // out-of-range index 3 dropped
}

#[test]
fn while_and_cond() {
    // Sum of 1..=n and a factorial together, with a closure over an outer tensor.
    let n = Tensor::scalar(10i32).unwrap();
    let step = Tensor::scalar(1.0f64).unwrap();
    let c = Compiled::trace(&[(DType::I32, vec![])], |a| {
        let init = vec![
            Tensor::scalar(0i32)?,
            Tensor::scalar(0.0f64)?,
            Tensor::scalar(1.0f64)?,
        ];
        let limit = a[0].clone();
        let out = Tensor::while_loop(
            init,
            |c| c[0].less(&limit),
            |c| {
                let i = c[0].binary_scalar(BinaryOp::Add, 1.0)?;
                let fi = i.astype(DType::F64)?;
                Ok(vec![
                    i,
                    c[1].try_add(&fi)?.try_mul(&step)?,
                    c[2].try_mul(&fi)?,
                ])
            },
        )?;
        Ok(out)
    })
    .unwrap();
    let out = c.call(&[&n]).unwrap();
    assert_eq!(out[0].to_scalar::<i32>().unwrap(), 10);
    assert_eq!(out[1].to_scalar::<f64>().unwrap(), 55.0);
    assert_eq!(out[2].to_scalar::<f64>().unwrap(), 3628800.0);
    // Eager while.
    let out = Tensor::while_loop(
        vec![Tensor::scalar(1.0f32).unwrap()],
        |c| c[0].less(&Tensor::scalar(100.0f32)?),
        |c| Ok(vec![&c[0] * 3.0]),
    )
    .unwrap();
    assert_eq!(out[0].to_scalar::<f32>().unwrap(), 243.0);
    // Eager cond and switch over captured tensors.
    let x = Tensor::from_vec(vec![1.0f32, -2.0], &[2]).unwrap();
    for (p, want) in [(true, vec![2.0, -4.0]), (false, vec![-1.0, 2.0])] {
        let pred = Tensor::scalar(p).unwrap();
        let r = Tensor::cond(&pred, || Ok(vec![&x * 2.0]), || Ok(vec![-&x])).unwrap();
        assert_eq!(r[0].to_f64_vec().unwrap(), want);
    }
    for (k, want) in [(0, 1.0), (1, 2.0), (2, 3.0), (7, 3.0), (-1, 3.0)] {
        let i = Tensor::scalar(k).unwrap();
        let r = Tensor::switch(
            &i,
            &[
                &|| Ok(vec![Tensor::scalar(1.0f32)?]),
                &|| Ok(vec![Tensor::scalar(2.0f32)?]),
                &|| Ok(vec![Tensor::scalar(3.0f32)?]),
            ],
        )
        .unwrap();
        assert_eq!(r[0].to_scalar::<f32>().unwrap(), want, "switch({k})");
    }
    // Traced cond inside a while body.
    let c = Compiled::trace(&[(DType::F32, vec![3])], |a| {
        let x = a[0].clone();
        Tensor::while_loop(
            vec![Tensor::scalar(0i32)?, x],
            |c| c[0].less(&Tensor::scalar(4i32)?),
            |c| {
                let even = c[0]
                    .binary_scalar(BinaryOp::Rem, 2.0)?
                    .equal(&Tensor::scalar(0i32)?)?;
                let y = Tensor::cond(
                    &even,
                    || Ok(vec![c[1].binary_scalar(BinaryOp::Add, 1.0)?]),
                    || Ok(vec![&c[1] * 2.0]),
                )?;
                Ok(vec![c[0].binary_scalar(BinaryOp::Add, 1.0)?, y[0].clone()])
            },
        )
    })
    .unwrap();
    let out = c
        .call(&[&Tensor::from_vec(vec![0.0f32, 1.0, 2.0], &[3]).unwrap()])
        .unwrap();
    // x -> (x+1)*2 -> +1 -> *2
    assert_eq!(out[1].to_vec::<f32>().unwrap(), vec![6.0, 10.0, 14.0]);
    // Mismatched branch and body types are clear errors.
    let pred = Tensor::scalar(true).unwrap();
    let e = Tensor::cond(
        &pred,
        || Ok(vec![Tensor::scalar(1.0f32)?]),
        || Ok(vec![Tensor::scalar(1i32)?]),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("case: branch 0 returns (f32[]) but branch 1 returns (i32[])"),
        "{e}"
    );
    let e = Tensor::while_loop(
        vec![Tensor::scalar(1.0f32).unwrap()],
        |c| c[0].less(&c[0]),
        |c| Ok(vec![c[0].reshape(&[1])?]),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("while: the body returns (f32[1]), but the loop carries (f32[])"),
        "{e}"
    );
    let e = Tensor::while_loop(
        vec![Tensor::scalar(1.0f32).unwrap()],
        |c| Ok(c[0].clone()),
        |c| Ok(c.to_vec()),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("the condition returns (f32[]), expected one bool scalar"),
        "{e}"
    );
    let e = Tensor::cond(
        &Tensor::scalar(1.0f32).unwrap(),
        || Ok(vec![]),
        || Ok(vec![]),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("cond: the predicate has type f32[]"), "{e}");
}

#[test]
fn compiled_call_errors_and_nesting() {
    let c = Compiled::trace(&[(DType::F32, vec![2]), (DType::I32, vec![])], |a| {
        Ok(vec![a[0].clone()])
    })
    .unwrap();
    let x = Tensor::from_vec(vec![1.0f32, 2.0], &[2]).unwrap();
    let i = Tensor::scalar(1i32).unwrap();
    let e = c.call(&[&x]).unwrap_err().to_string();
    assert!(e.contains("takes 2, got 1"), "{e}");
    let e = c.call(&[&x, &x]).unwrap_err().to_string();
    assert!(e.contains("argument 1: expected dtype i32, got f32"), "{e}");
    let y = Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[3]).unwrap();
    let e = c.call(&[&y, &i]).unwrap_err().to_string();
    assert!(e.contains("argument 0: expected shape [2], got [3]"), "{e}");
    assert_eq!(
        c.call(&[&x, &i]).unwrap()[0].to_vec::<f32>().unwrap(),
        vec![1.0, 2.0]
    );
    // A compiled function called inside a trace is inlined.
    let sq = Compiled::trace(&[(DType::F32, vec![2])], |a| Ok(vec![a[0].try_mul(&a[0])?])).unwrap();
    let g = Compiled::trace(&[(DType::F32, vec![2])], |a| {
        let s = sq.call(&[&a[0]])?;
        Ok(vec![s[0].try_add(&a[0])?])
    })
    .unwrap();
    assert_eq!(
        g.call(&[&x]).unwrap()[0].to_vec::<f32>().unwrap(),
        vec![2.0, 6.0]
    );
    // A traced tensor escaping its trace is an error, not a panic.
    let mut leaked = None;
    let _ = oxidiff_xla::trace::trace(&[(DType::F32, vec![2])], |a| {
        leaked = Some(a[0].clone());
        Ok(vec![])
    })
    .unwrap();
    let leaked = leaked.unwrap();
    assert!(leaked.to_vec::<f32>().is_err());
    assert!(leaked.sin().is_err());
    assert!(c.call(&[&leaked, &i]).is_err());
}

#[cfg(feature = "ndarray")]
#[test]
fn ndarray_round_trip() {
    let a = ndarray::arr2(&[[1.0f64, 2.0], [3.0, 4.0]]);
    let t = Tensor::from_ndarray(&a).unwrap();
    assert_eq!(t.shape(), &[2, 2]);
    let b = t.t().unwrap().to_ndarray::<f64>().unwrap();
    assert_eq!(b, a.t().into_dyn());
    let c = Tensor::try_from(&a.t()).unwrap();
    assert_eq!(c.to_vec::<f64>().unwrap(), vec![1.0, 3.0, 2.0, 4.0]);
}
