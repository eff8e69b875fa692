//! Automatic differentiation of IR graphs, run through real XLA: reverse-mode gradients
//! against central finite differences of the primal graph (f64, h = 1e-6, rel tol 1e-6),
//! forward against reverse mode (dot-product tests), the tie conventions, control flow.
//! Many checks are batched into one graph (one compile each for primal, gradient, JVP).

use oxidiff_xla::autodiff::{
    grad_fn, jvp, value_and_grad, value_and_grad_with_options, vjp, VjpOptions,
};
use oxidiff_xla::ir::{BinaryOp, DotDims, Graph, UnaryOp};
use oxidiff_xla::tensor::Tensor;
use oxidiff_xla::trace::{trace, Compiled};
use oxidiff_xla::{random, DType, Result};

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

fn numel(s: &[i64]) -> usize {
    s.iter().product::<i64>() as usize
}

fn t64(data: &[f64], shape: &[i64]) -> Tensor {
    Tensor::from_slice(data, shape).unwrap()
}

type CaseFn = Box<dyn Fn(&[Tensor]) -> Result<Tensor>>;

/// One differentiable function of a few f64 inputs, each drawn uniformly from a range.
struct Case {
    name: &'static str,
    inputs: Vec<(Vec<i64>, f64, f64)>,
    f: CaseFn,
}

fn case(
    name: &'static str,
    inputs: &[(&[i64], f64, f64)],
    f: impl Fn(&[Tensor]) -> Result<Tensor> + 'static,
) -> Case {
    Case {
        name,
        inputs: inputs
            .iter()
            .map(|(s, a, b)| (s.to_vec(), *a, *b))
            .collect(),
        f: Box::new(f),
    }
}

/// A graph of all the cases' inputs whose output is `Σ sum(case_k(inputs_k) * w_k)` with
/// fixed pseudo-random weights `w_k`. Returns it with each input's case name.
fn batch_graph(cases: &[Case], seed: u64) -> (Graph, Vec<&'static str>) {
    let mut types = vec![];
    let mut owner = vec![];
    for c in cases {
        for (s, _, _) in &c.inputs {
            types.push((DType::F64, s.clone()));
            owner.push(c.name);
        }
    }
    let g = trace(&types, |xs| {
        let mut rng = Rng(seed);
        let mut total: Option<Tensor> = None;
        let mut at = 0;
        for c in cases {
            let n = c.inputs.len();
            let y = (c.f)(&xs[at..at + n])?;
            at += n;
            assert_eq!(y.dtype(), DType::F64, "{}", c.name);
            let w = t64(&rng.vec(numel(y.shape()), 0.5, 1.5), y.shape());
            let r = (&y * &w).sum(&(0..y.rank() as i64).collect::<Vec<_>>())?;
            total = Some(match total {
                Some(t) => &t + &r,
                None => r,
            });
        }
        Ok(vec![total.unwrap()])
    })
    .unwrap();
    (g, owner)
}

/// Gradient vs central finite differences, and forward vs reverse mode, for a batch.
fn check_batch(cases: Vec<Case>, seed: u64) {
    let (g, owner) = batch_graph(&cases, seed);
    let mut rng = Rng(seed ^ 0x5eed);
    let xs: Vec<(Vec<f64>, Vec<i64>)> = cases
        .iter()
        .flat_map(|c| c.inputs.iter())
        .map(|(s, lo, hi)| (rng.vec(numel(s), *lo, *hi), s.clone()))
        .collect();
    check_graph(&g, &xs, &owner, None);
}

/// `g` has one f64 scalar output; checks gradients (w.r.t. `wrt`, default all) at `xs`.
fn check_graph(g: &Graph, xs: &[(Vec<f64>, Vec<i64>)], owner: &[&str], wrt: Option<&[usize]>) {
    let primal = Compiled::compile(g).unwrap();
    let vg = Compiled::compile(&value_and_grad(g, wrt).unwrap()).unwrap();
    let fwd = Compiled::compile(&jvp(g).unwrap()).unwrap();
    let wrt: Vec<usize> = wrt.map(|w| w.to_vec()).unwrap_or((0..xs.len()).collect());
    let tensors: Vec<Tensor> = xs.iter().map(|(d, s)| t64(d, s)).collect();
    let refs: Vec<&Tensor> = tensors.iter().collect();
    let out = vg.call(&refs).unwrap();
    let f0 = out[0].to_scalar::<f64>().unwrap();
    let p0 = primal.call(&refs).unwrap()[0].to_scalar::<f64>().unwrap();
    assert!(
        (f0 - p0).abs() <= 1e-12 * (1.0 + p0.abs()),
        "value {f0} vs primal {p0}"
    );
    let grads: Vec<Vec<f64>> = out[1..]
        .iter()
        .map(|t| t.to_vec::<f64>().unwrap())
        .collect();
    assert_eq!(grads.len(), wrt.len());
    let h = 1e-6;
    let eval = |i: usize, j: usize, d: f64| -> f64 {
        let mut ts = tensors.clone();
        let mut v = xs[i].0.clone();
        v[j] += d;
        ts[i] = t64(&v, &xs[i].1);
        let r: Vec<&Tensor> = ts.iter().collect();
        primal.call(&r).unwrap()[0].to_scalar::<f64>().unwrap()
    };
    let mut bad = vec![];
    for (gi, &i) in wrt.iter().enumerate() {
        for (j, &got) in grads[gi].iter().enumerate() {
            let fd = (eval(i, j, h) - eval(i, j, -h)) / (2.0 * h);
            let ok = (fd - got).abs() <= 1e-6 * got.abs().max(1.0);
            if !ok {
                bad.push(format!(
                    "{} (input {i}[{j}] at {}): grad {got}, finite difference {fd}",
                    owner[i], xs[i].0[j]
                ));
            }
        }
    }
    assert!(bad.is_empty(), "gradient mismatches:\n{}", bad.join("\n"));
    // forward vs reverse: <grad, v> == jvp(x; v), with zero tangents outside `wrt`.
    let mut rng = Rng(99);
    let mut args = tensors.clone();
    let mut want = 0.0;
    for (i, (d, s)) in xs.iter().enumerate() {
        let mut v = rng.vec(d.len(), -1.0, 1.0);
        match wrt.iter().position(|&w| w == i) {
            Some(gi) => want += v.iter().zip(&grads[gi]).map(|(a, b)| a * b).sum::<f64>(),
            None => v.iter_mut().for_each(|x| *x = 0.0),
        }
        args.push(t64(&v, s));
    }
    let r: Vec<&Tensor> = args.iter().collect();
    let jo = fwd.call(&r).unwrap();
    assert!((jo[0].to_scalar::<f64>().unwrap() - p0).abs() <= 1e-12 * (1.0 + p0.abs()));
    let got = jo[1].to_scalar::<f64>().unwrap();
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "jvp {got} vs <grad, v> {want} ({owner:?})"
    );
}

/// Gradients of `f` at `xs`, through `grad_fn` (all inputs).
fn grads(
    xs: &[(Vec<f64>, Vec<i64>)],
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
) -> Vec<Vec<f64>> {
    let types: Vec<(DType, Vec<i64>)> = xs.iter().map(|(_, s)| (DType::F64, s.clone())).collect();
    let c = grad_fn(&types, f, None).unwrap();
    let ts: Vec<Tensor> = xs.iter().map(|(d, s)| t64(d, s)).collect();
    let r: Vec<&Tensor> = ts.iter().collect();
    let out = c.call(&r).unwrap();
    out[out.len() - xs.len()..]
        .iter()
        .map(|t| t.to_vec::<f64>().unwrap())
        .collect()
}

#[test]
fn unary_ops_match_finite_differences() {
    use UnaryOp::*;
    let table: &[(UnaryOp, &'static str, f64, f64)] = &[
        (Neg, "neg", -2.0, 2.0),
        (Abs, "abs", -2.0, 2.0),
        (Sign, "sign", -2.0, 2.0),
        (Floor, "floor", -2.0, 2.0),
        (Ceil, "ceil", -2.0, 2.0),
        (Round, "round", -2.0, 2.0),
        (Trunc, "trunc", -2.0, 2.0),
        (Sin, "sin", -2.0, 2.0),
        (Cos, "cos", -2.0, 2.0),
        (Tan, "tan", -1.0, 1.0),
        (Asin, "asin", -0.9, 0.9),
        (Acos, "acos", -0.9, 0.9),
        (Atan, "atan", -2.0, 2.0),
        (Sinh, "sinh", -2.0, 2.0),
        (Cosh, "cosh", -2.0, 2.0),
        (Tanh, "tanh", -2.0, 2.0),
        (Asinh, "asinh", -2.0, 2.0),
        (Acosh, "acosh", 1.2, 3.0),
        (Atanh, "atanh", -0.9, 0.9),
        (Exp, "exp", -2.0, 2.0),
        (Exp2, "exp2", -2.0, 2.0),
        (Expm1, "expm1", -2.0, 2.0),
        (Log, "log", 0.5, 3.0),
        (Log2, "log2", 0.5, 3.0),
        (Log10, "log10", 0.5, 3.0),
        (Log1p, "log1p", -0.5, 2.0),
        (Sqrt, "sqrt", 0.5, 3.0),
        (Cbrt, "cbrt", -3.0, 3.0),
        (Rsqrt, "rsqrt", 0.5, 3.0),
        (Recip, "recip", 0.5, 3.0),
        (Logistic, "logistic", -3.0, 3.0),
    ];
    let cases = table
        .iter()
        .map(|&(op, name, lo, hi)| case(name, &[(&[3], lo, hi)], move |x| x[0].unary(op)))
        .collect();
    check_batch(cases, 1);
}

#[test]
fn binary_ops_match_finite_differences() {
    use BinaryOp::*;
    type Row = (BinaryOp, &'static str, (f64, f64), (f64, f64));
    let table: &[Row] = &[
        (Add, "add", (-2.0, 2.0), (-2.0, 2.0)),
        (Sub, "sub", (-2.0, 2.0), (-2.0, 2.0)),
        (Mul, "mul", (-2.0, 2.0), (-2.0, 2.0)),
        (Div, "div", (-2.0, 2.0), (0.5, 2.0)),
        (Rem, "rem", (0.1, 5.0), (0.7, 1.3)),
        (Pow, "pow", (0.5, 2.0), (-1.0, 2.0)),
        (Atan2, "atan2", (-2.0, 2.0), (-2.0, 2.0)),
        (Hypot, "hypot", (-2.0, 2.0), (-2.0, 2.0)),
        (Min, "min", (-2.0, 2.0), (-2.0, 2.0)),
        (Max, "max", (-2.0, 2.0), (-2.0, 2.0)),
    ];
    let mut cases: Vec<Case> = table
        .iter()
        .map(|&(op, name, a, b)| {
            case(name, &[(&[4], a.0, a.1), (&[4], b.0, b.1)], move |x| {
                x[0].binary(op, &x[1])
            })
        })
        .collect();
    for n in [-2, 0, 1, 3] {
        cases.push(case("powi", &[(&[3], 0.5, 2.0)], move |x| x[0].powi(n)));
    }
    cases.push(case(
        "clamp",
        &[(&[6], -2.0, 2.0), (&[6], -1.0, -0.5), (&[6], 0.5, 1.0)],
        |x| x[0].clamp(&x[1], &x[2]),
    ));
    cases.push(case(
        "select",
        &[(&[5], -1.0, 1.0), (&[5], -1.0, 1.0)],
        |x| x[0].greater(&x[1])?.select(&x[0].sin()?, &(&x[1] * &x[1])),
    ));
    cases.push(case("powf", &[(&[3], 0.5, 2.0)], |x| x[0].powf(2.5)));
    check_batch(cases, 2);
}

#[test]
fn broadcasting_and_shape_ops_match_finite_differences() {
    let one = || Tensor::scalar(1i32).unwrap();
    let cases = vec![
        case(
            "scalar + matrix",
            &[(&[], -1.0, 1.0), (&[3, 4], -1.0, 1.0)],
            |x| Ok(&(&x[0] + &x[1]) * &x[1]),
        ),
        case(
            "row * matrix",
            &[(&[4], -1.0, 1.0), (&[3, 4], -1.0, 1.0)],
            |x| Ok(&x[0] * &x[1]),
        ),
        case(
            "column - matrix",
            &[(&[3, 1], -1.0, 1.0), (&[3, 4], -1.0, 1.0)],
            |x| (&x[0] - &x[1]).sin(),
        ),
        case("broadcast_in_dim permuted", &[(&[4, 1], -1.0, 1.0)], |x| {
            x[0].broadcast_in_dim(&[3, 2, 4], &[2, 1])?.sin()
        }),
        case("reshape", &[(&[2, 6], -1.0, 1.0)], |x| {
            Ok(&x[0].reshape(&[3, 4])? * &t64(&[1.0, 2.0, 3.0, 4.0], &[4]))
        }),
        case("transpose", &[(&[2, 3, 4], -1.0, 1.0)], |x| {
            x[0].transpose(&[2, 0, 1])?.cos()
        }),
        case("slice strided", &[(&[5, 7], -1.0, 1.0)], |x| {
            x[0].slice(&[1, 0], &[5, 7], &[2, 3])?.exp()
        }),
        case("dynamic_slice", &[(&[5, 4], -1.0, 1.0)], move |x| {
            let (a, b) = (one(), Tensor::scalar(2i32)?);
            x[0].dynamic_slice(&[&a, &b], &[3, 2])?.sin()
        }),
        case(
            "dynamic_update_slice",
            &[(&[5, 4], -1.0, 1.0), (&[2, 3], -1.0, 1.0)],
            move |x| {
                let (a, b) = (one(), Tensor::scalar(1i32)?);
                x[0].dynamic_update_slice(&x[1].sin()?, &[&a, &b])?.sin()
            },
        ),
        case(
            "concatenate",
            &[
                (&[2, 1], -1.0, 1.0),
                (&[2, 3], -1.0, 1.0),
                (&[2, 2], -1.0, 1.0),
            ],
            |x| Tensor::concatenate(&[&x[0], &x[1], &x[2]], 1)?.tanh(),
        ),
        case("pad", &[(&[4, 3], -1.0, 1.0), (&[], -1.0, 1.0)], |x| {
            x[0].pad(&x[1], &[-1, 2], &[2, -1], &[1, 2])?.sin()
        }),
        case(
            "pad interior",
            &[(&[3], -1.0, 1.0), (&[], -1.0, 1.0)],
            |x| {
                let y = x[0].pad(&x[1], &[1], &[2], &[2])?;
                Ok(&y * &y)
            },
        ),
    ];
    check_batch(cases, 3);
}

#[test]
fn reductions_dot_take_scatter_match_finite_differences() {
    let cases = vec![
        case("sum axis 0", &[(&[3, 4], -1.0, 1.0)], |x| {
            x[0].sum(&[0])?.sin()
        }),
        case("sum axes 0,2", &[(&[2, 3, 4], -1.0, 1.0)], |x| {
            x[0].sum(&[2, 0])?.sin()
        }),
        case("mean", &[(&[3, 4], -1.0, 1.0)], |x| x[0].mean(&[1])?.exp()),
        case("prod axis 1", &[(&[3, 4], 0.5, 1.5)], |x| x[0].prod(&[1])),
        case(
            "prod axes 0,2 mixed sign",
            &[(&[2, 3, 2], -1.5, 1.5)],
            |x| x[0].prod(&[0, 2]),
        ),
        case("max axis 1", &[(&[3, 5], -1.0, 1.0)], |x| {
            x[0].max(&[1])?.sin()
        }),
        case("min axis 0", &[(&[3, 5], -1.0, 1.0)], |x| x[0].min(&[0])),
        case("max all", &[(&[2, 3], -1.0, 1.0)], |x| x[0].max(&[0, 1])),
        case(
            "matmul",
            &[(&[3, 4], -1.0, 1.0), (&[4, 5], -1.0, 1.0)],
            |x| x[0].matmul(&x[1]),
        ),
        case("matvec", &[(&[3, 4], -1.0, 1.0), (&[4], -1.0, 1.0)], |x| {
            x[0].matmul(&x[1])
        }),
        case(
            "dot_general batch+contract",
            &[(&[4, 2, 3], -1.0, 1.0), (&[2, 5, 4], -1.0, 1.0)],
            |x| {
                x[0].dot_general(
                    &x[1],
                    DotDims {
                        lhs_batch: vec![1],
                        rhs_batch: vec![0],
                        lhs_contract: vec![0],
                        rhs_contract: vec![2],
                    },
                )
            },
        ),
        case(
            "dot_general two contractions",
            &[(&[3, 4, 5], -1.0, 1.0), (&[5, 3, 2], -1.0, 1.0)],
            |x| {
                x[0].dot_general(
                    &x[1],
                    DotDims {
                        lhs_batch: vec![],
                        rhs_batch: vec![],
                        lhs_contract: vec![0, 2],
                        rhs_contract: vec![1, 0],
                    },
                )
            },
        ),
        case("take", &[(&[5, 3], -1.0, 1.0)], |x| {
            let idx = Tensor::from_vec(vec![4i32, 0, 4, 2, 7], &[5])?;
            x[0].take(&idx)?.sin()
        }),
        case(
            "scatter_add",
            &[(&[5, 3], -1.0, 1.0), (&[4, 3], -1.0, 1.0)],
            |x| {
                let idx = Tensor::from_vec(vec![1i32, 1, 4, 9], &[4])?;
                x[0].scatter_add(&idx, &x[1].sin()?)?.sin()
            },
        ),
    ];
    check_batch(cases, 4);
}

/// Convert (through f32), random bits and argmax: derivatives by value.
#[test]
fn convert_random_and_integer_paths() {
    let x = vec![0.3, -1.2, 2.5];
    let key = random::key(7).unwrap();
    let u = random::uniform(&key, DType::F64, &[3])
        .unwrap()
        .to_vec::<f64>()
        .unwrap();
    let g = grads(&[(x.clone(), vec![3])], |x| {
        let c = x[0].astype(DType::F32)?.astype(DType::F64)?;
        let r = random::uniform(&key, DType::F64, &[3])?;
        let i = x[0].argmax(0)?.astype(DType::F64)?;
        let fl = x[0].floor()?;
        let s = (&(&(&c * 2.0) + &(&x[0] * &r)) + &(&fl + &i)).sum(&[0])?;
        Ok(vec![s])
    });
    for j in 0..3 {
        assert!(
            (g[0][j] - (2.0 + u[j])).abs() < 1e-12,
            "{j}: {} vs {}",
            g[0][j],
            2.0 + u[j]
        );
    }
}

#[test]
fn tie_and_edge_conventions() {
    // reduce max / min: ties share the cotangent equally.
    let g = grads(&[(vec![1.0, 3.0, 3.0, 2.0, 3.0, -1.0], vec![2, 3])], |x| {
        Ok(vec![(&x[0].max(&[0, 1])? + &x[0].min(&[1])?.sum(&[0])?)])
    });
    let third = 1.0 / 3.0;
    assert_eq!(g[0], vec![1.0, third, third, 0.0, third, 1.0]);
    let g = grads(&[(vec![2.0, 2.0], vec![2])], |x| Ok(vec![x[0].max(&[0])?]));
    assert_eq!(g[0], vec![0.5, 0.5]);
    // maximum / minimum ties: 1/2 each side; clamp at a bound: 1/2 to x and the bound.
    let g = grads(
        &[(vec![1.0, 0.0], vec![2]), (vec![1.0, 0.0], vec![2])],
        |x| {
            let m = &x[0].maximum(&x[1])? + &x[0].minimum(&x[1])?;
            Ok(vec![(&m + &x[0].clamp_scalar(0.0, 1.0)?).sum(&[0])?])
        },
    );
    assert_eq!(g[0], vec![1.5, 1.5]);
    assert_eq!(g[1], vec![1.0, 1.0]);
    // |x|'(0) = |x|'(-0) = 1; sqrt'(0) = inf; pow at base 0: both partials 0 (p = 2).
    let g = grads(
        &[
            (vec![0.0, -0.0, -2.0], vec![3]),
            (vec![0.0], vec![]),
            (vec![2.0], vec![]),
        ],
        |x| {
            let a = x[0].abs()?.sum(&[0])?;
            let s = x[1].sqrt()?;
            let p = x[1].binary(BinaryOp::Pow, &x[2])?;
            Ok(vec![&(&a + &s) + &p])
        },
    );
    assert_eq!(g[0], vec![1.0, 1.0, -1.0]);
    assert_eq!(g[1], vec![f64::INFINITY]);
    assert_eq!(g[2], vec![0.0]);
    // products with zeros stay exact.
    let g = grads(&[(vec![2.0, 0.0, 3.0, 0.0, 5.0, 0.0], vec![2, 3])], |x| {
        Ok(vec![x[0].prod(&[1])?.sum(&[0])?])
    });
    assert_eq!(g[0], vec![0.0, 6.0, 0.0, 0.0, 0.0, 0.0]);
}

/// Softmax cross-entropy of a two-layer tanh MLP.
fn mlp_loss(p: &[Tensor]) -> Result<Vec<Tensor>> {
    let (w1, b1, w2, b2, x, y) = (&p[0], &p[1], &p[2], &p[3], &p[4], &p[5]);
    let h = (&x.matmul(w1)? + b1).tanh()?;
    let z = &h.matmul(w2)? + b2;
    let m = z.max(&[1])?.reshape(&[-1, 1])?;
    let zs = &z - &m;
    let lse = zs.exp()?.sum(&[1])?.log()?.reshape(&[-1, 1])?;
    let logp = &zs - &lse;
    let loss = -(&(&logp * y).sum(&[1])?.mean(&[0])?);
    Ok(vec![loss])
}

#[test]
fn mlp_loss_gradient() {
    let mut rng = Rng(5);
    let shapes: [&[i64]; 6] = [&[4, 8], &[8], &[8, 3], &[3], &[6, 4], &[6, 3]];
    let mut xs: Vec<(Vec<f64>, Vec<i64>)> = shapes[..5]
        .iter()
        .map(|s| (rng.vec(numel(s), -1.0, 1.0), s.to_vec()))
        .collect();
    let mut onehot = vec![0.0; 18];
    for i in 0..6 {
        onehot[i * 3 + (i * 7) % 3] = 1.0;
    }
    xs.push((onehot, vec![6, 3]));
    let types: Vec<(DType, Vec<i64>)> = xs.iter().map(|(_, s)| (DType::F64, s.clone())).collect();
    let g = trace(&types, mlp_loss).unwrap();
    let owner = ["w1", "b1", "w2", "b2", "x", "y"];
    check_graph(&g, &xs, &owner, Some(&[0, 1, 2, 3]));
    // grad_fn on the same function gives the same numbers.
    let c = grad_fn(&types, mlp_loss, Some(&[0, 1, 2, 3])).unwrap();
    assert_eq!(c.output_types().len(), 5);
}

/// 20 explicit (symplectic Euler) steps of a pendulum, with the stiffness closed over.
fn integrate(q0: &Tensor, p0: &Tensor, k: &Tensor) -> Result<(Tensor, Tensor)> {
    let out = Tensor::while_loop(
        vec![Tensor::scalar(0i32)?, q0.clone(), p0.clone()],
        |c| c[0].less(&Tensor::scalar(20i32)?),
        |c| {
            let dt = 0.05;
            let p = &c[2] - &(&(k * &c[1].sin()?) * dt);
            let q = &c[1] + &(&p * dt);
            Ok(vec![&c[0] + &Tensor::scalar(1i32)?, q, p])
        },
    )?;
    Ok((out[1].clone(), out[2].clone()))
}

#[test]
fn while_with_static_trip_count() {
    let cases = vec![
        case(
            "pendulum 20 steps",
            &[(&[3], -1.0, 1.0), (&[3], -1.0, 1.0), (&[], 0.5, 2.0)],
            |x| {
                let (q, p) = integrate(&x[0], &x[1], &x[2])?;
                Ok(&(&q * &q) + &p)
            },
        ),
        case(
            "nested loops",
            &[(&[2], -1.0, 1.0), (&[2], 0.5, 1.0)],
            |x| {
                let w = x[1].clone();
                let out = Tensor::while_loop(
                    vec![Tensor::scalar(5i32)?, x[0].clone()],
                    |c| c[0].greater(&Tensor::scalar(0i32)?),
                    move |c| {
                        let w = w.clone();
                        let inner = Tensor::while_loop(
                            vec![Tensor::scalar(0i32)?, c[1].clone()],
                            |d| d[0].less(&Tensor::scalar(3i32)?),
                            move |d| {
                                let y = (&d[1] * &w).sin()? + 0.1;
                                Ok(vec![&d[0] + &Tensor::scalar(1i32)?, y])
                            },
                        )?;
                        Ok(vec![&c[0] - &Tensor::scalar(1i32)?, inner[1].clone()])
                    },
                )?;
                Ok(out[1].clone())
            },
        ),
        case("loop with a case inside", &[(&[3], -1.0, 1.0)], |x| {
            let out = Tensor::while_loop(
                vec![Tensor::scalar(0i32)?, x[0].clone()],
                |c| c[0].less(&Tensor::scalar(4i32)?),
                |c| {
                    let i = &c[0] % &Tensor::scalar(2i32)?;
                    let v = c[1].clone();
                    let v2 = c[1].clone();
                    let r = Tensor::switch(&i, &[&|| Ok(vec![v.sin()?]), &|| Ok(vec![&v2 * &v2])])?;
                    Ok(vec![&c[0] + &Tensor::scalar(1i32)?, r[0].clone()])
                },
            )?;
            Ok(out[1].clone())
        }),
    ];
    check_batch(cases, 6);
}

/// A loop whose trip count depends on the data: needs `max_iters`.
fn growth(x: &[Tensor]) -> Result<Vec<Tensor>> {
    let a = x[1].clone();
    let out = Tensor::while_loop(
        vec![x[0].clone()],
        |c| c[0].sum(&[0])?.less(&Tensor::scalar(10.0f64)?),
        move |c| Ok(vec![&(&c[0] * 1.3) + &a]),
    )?;
    Ok(vec![(&out[0] * &out[0]).sum(&[0])?])
}

#[test]
fn while_with_max_iters() {
    let types = vec![(DType::F64, vec![2]), (DType::F64, vec![2])];
    let g = trace(&types, growth).unwrap();
    let e = value_and_grad(&g, None).unwrap_err().to_string();
    assert!(
        e.contains("static trip count") && e.contains("max_iters"),
        "{e}"
    );
    let xs = [(vec![0.3, 0.4], vec![2]), (vec![0.2, 0.1], vec![2])];
    let opts = VjpOptions {
        max_iters: Some(50),
    };
    let vg = Compiled::compile(&value_and_grad_with_options(&g, None, &opts).unwrap()).unwrap();
    let primal = Compiled::compile(&g).unwrap();
    let ts: Vec<Tensor> = xs.iter().map(|(d, s)| t64(d, s)).collect();
    let r: Vec<&Tensor> = ts.iter().collect();
    let out = vg.call(&r).unwrap();
    let h = 1e-6;
    for i in 0..2 {
        let gi = out[1 + i].to_vec::<f64>().unwrap();
        for j in 0..2 {
            let f = |d: f64| {
                let mut v = xs[i].0.clone();
                v[j] += d;
                let mut ts2 = ts.clone();
                ts2[i] = t64(&v, &[2]);
                let r: Vec<&Tensor> = ts2.iter().collect();
                primal.call(&r).unwrap()[0].to_scalar::<f64>().unwrap()
            };
            let fd = (f(h) - f(-h)) / (2.0 * h);
            assert!(
                (fd - gi[j]).abs() <= 1e-6 * fd.abs().max(1.0),
                "{i}[{j}]: {} vs {fd}",
                gi[j]
            );
        }
    }
    // a bound the loop exceeds: NaN gradients, never a wrong number.
    let opts = VjpOptions { max_iters: Some(2) };
    let vg = Compiled::compile(&value_and_grad_with_options(&g, None, &opts).unwrap()).unwrap();
    let out = vg.call(&r).unwrap();
    assert!(out[1].to_vec::<f64>().unwrap().iter().all(|v| v.is_nan()));
}

#[test]
fn case_and_cond() {
    let cases = vec![
        case("cond true", &[(&[3], 0.1, 1.0), (&[3], -1.0, 1.0)], cond_fn),
        case(
            "cond false",
            &[(&[3], -1.0, -0.1), (&[3], -1.0, 1.0)],
            cond_fn,
        ),
    ];
    check_batch(cases, 8);
}

fn cond_fn(x: &[Tensor]) -> Result<Tensor> {
    let pred = x[0].sum(&[0])?.greater(&Tensor::scalar(0.0f64)?)?;
    let (a, b) = (x[0].clone(), x[1].clone());
    let (a2, b2) = (x[0].clone(), x[1].clone());
    let out = Tensor::cond(
        &pred,
        move || Ok(vec![&a.sin()? * &b]),
        move || Ok(vec![&(&a2 * &a2) + &b2.exp()?]),
    )?;
    Ok(out[0].clone())
}

/// `vjp` with several outputs (one of them an integer): <u, J v> == <J^T u, v>.
#[test]
fn forward_and_reverse_agree_on_vector_outputs() {
    let types = vec![(DType::F64, vec![3, 2]), (DType::F64, vec![2])];
    let g = trace(&types, |x| {
        let y = (&x[0] * &x[1]).tanh()?;
        let z = x[0].matmul(&x[1])?;
        Ok(vec![y, x[0].argmax(1)?, z.exp()?])
    })
    .unwrap();
    let mut rng = Rng(11);
    let xs = [rng.vec(6, -1.0, 1.0), rng.vec(2, -1.0, 1.0)];
    let vs = [rng.vec(6, -1.0, 1.0), rng.vec(2, -1.0, 1.0)];
    let us = [rng.vec(6, -1.0, 1.0), rng.vec(3, -1.0, 1.0)];
    let j = Compiled::compile(&jvp(&g).unwrap()).unwrap();
    let v = Compiled::compile(&vjp(&g, None).unwrap()).unwrap();
    let a: Vec<Tensor> = vec![
        t64(&xs[0], &[3, 2]),
        t64(&xs[1], &[2]),
        t64(&vs[0], &[3, 2]),
        t64(&vs[1], &[2]),
    ];
    let jo = j.call(&a.iter().collect::<Vec<_>>()).unwrap();
    assert_eq!(jo.len(), 5); // 3 outputs + 2 float tangents
    let b: Vec<Tensor> = vec![
        t64(&xs[0], &[3, 2]),
        t64(&xs[1], &[2]),
        t64(&us[0], &[3, 2]),
        t64(&us[1], &[3]),
    ];
    let vo = v.call(&b.iter().collect::<Vec<_>>()).unwrap();
    assert_eq!(vo.len(), 5); // 3 outputs + 2 input cotangents
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let lhs =
        dot(&us[0], &jo[3].to_vec::<f64>().unwrap()) + dot(&us[1], &jo[4].to_vec::<f64>().unwrap());
    let rhs =
        dot(&vs[0], &vo[3].to_vec::<f64>().unwrap()) + dot(&vs[1], &vo[4].to_vec::<f64>().unwrap());
    assert!(
        (lhs - rhs).abs() < 1e-12 * lhs.abs().max(1.0),
        "{lhs} vs {rhs}"
    );
    // wrt selection and errors.
    let g1 = vjp(&g, Some(&[1])).unwrap();
    assert_eq!(g1.outputs().len(), 4);
    let e = vjp(&g, Some(&[2])).unwrap_err().to_string();
    assert!(e.contains("out of range"), "{e}");
}

/// Second order: forward mode over reverse mode (Hessian-vector product), and forward
/// mode through a loop with a data-dependent trip count.
#[test]
fn hessian_vector_product_and_jvp_of_dynamic_loop() {
    let types = vec![(DType::F64, vec![3])];
    let g = trace(&types, |x| Ok(vec![(&x[0].sin()? * &x[0]).sum(&[0])?])).unwrap();
    let hvp = Compiled::compile(&jvp(&value_and_grad(&g, None).unwrap()).unwrap()).unwrap();
    let (x, v) = ([0.3, -1.1, 2.0], [1.0, 0.5, -2.0]);
    let out = hvp.call(&[&t64(&x, &[3]), &t64(&v, &[3])]).unwrap();
    // outputs: value, grad, d value, d grad
    let h = out[3].to_vec::<f64>().unwrap();
    for i in 0..3 {
        let want = (2.0 * x[i].cos() - x[i] * x[i].sin()) * v[i];
        assert!((h[i] - want).abs() < 1e-12, "{i}: {} vs {want}", h[i]);
    }
    // jvp through a while whose trip count depends on the data, vs reverse mode.
    let types = vec![(DType::F64, vec![2]), (DType::F64, vec![2])];
    let g = trace(&types, growth).unwrap();
    let opts = VjpOptions {
        max_iters: Some(50),
    };
    let vg = Compiled::compile(&value_and_grad_with_options(&g, None, &opts).unwrap()).unwrap();
    let j = Compiled::compile(&jvp(&g).unwrap()).unwrap();
    let xs = [t64(&[0.3, 0.4], &[2]), t64(&[0.2, 0.1], &[2])];
    let vs = [t64(&[0.7, -0.2], &[2]), t64(&[-0.4, 0.9], &[2])];
    let gr = vg.call(&[&xs[0], &xs[1]]).unwrap();
    let jo = j.call(&[&xs[0], &xs[1], &vs[0], &vs[1]]).unwrap();
    let mut want = 0.0;
    for k in 0..2 {
        let g = gr[1 + k].to_vec::<f64>().unwrap();
        let v = vs[k].to_vec::<f64>().unwrap();
        want += g.iter().zip(&v).map(|(a, b)| a * b).sum::<f64>();
    }
    let got = jo[1].to_scalar::<f64>().unwrap();
    assert!(
        (got - want).abs() < 1e-9 * want.abs().max(1.0),
        "{got} vs {want}"
    );
}
