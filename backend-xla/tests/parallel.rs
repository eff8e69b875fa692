//! Data parallelism on 4 CPU devices (`cpu_device_count = 4`): the cross-replica
//! `all_reduce` op (lowering, JVP, VJP, batching) and the `DataParallel` runner, checked
//! against single-device results.

use std::sync::OnceLock;

use oxidiff_xla::autodiff::{jvp, value_and_grad, value_and_grad_call, vjp};
use oxidiff_xla::batching::vmap;
use oxidiff_xla::ir::{Op, ReduceOp, TensorType};
use oxidiff_xla::lower::lower;
use oxidiff_xla::parallel::{with_replicas, DataParallel, DistTensor, ParallelFn, Placement};
use oxidiff_xla::pjrt::Client;
use oxidiff_xla::tensor::Tensor;
use oxidiff_xla::trace::{trace_types, Compiled};
use oxidiff_xla::{DType, Error, Result};

use Placement::{Replicated, Sharded};

const N: usize = 4;

fn dp4() -> &'static DataParallel {
    static DP: OnceLock<DataParallel> = OnceLock::new();
    DP.get_or_init(|| DataParallel::cpu(N).expect("a 4-device CPU client"))
}

fn dp1() -> DataParallel {
    DataParallel::new(Client::global().unwrap(), 1).unwrap()
}

fn f64t(shape: &[i64]) -> TensorType {
    TensorType::new(DType::F64, shape)
}

/// Deterministic pseudo-random numbers in [-1, 1).
fn data(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
        })
        .collect()
}

fn tensor(shape: &[i64], seed: u64) -> Tensor {
    let n: i64 = shape.iter().product();
    Tensor::from_vec(data(n as usize, seed), shape).unwrap()
}

fn vals(t: &Tensor) -> Vec<f64> {
    t.to_f64_vec().unwrap()
}

fn assert_close(what: &str, a: &[f64], b: &[f64], rel: f64) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    let scale = b.iter().fold(0.0f64, |m, x| m.max(x.abs())).max(1e-300);
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= rel * scale,
            "{what}[{i}]: {x} vs {y} (rel tol {rel}, scale {scale})"
        );
    }
}

// ---- the op -------------------------------------------------------------------------------

#[test]
fn all_reduce_prints_and_lowers() {
    let g = with_replicas(N, || {
        trace_types(&[f64t(&[2])], |x| {
            Ok(vec![x[0].all_reduce_sum()?, x[0].all_reduce_mean()?])
        })
    })
    .unwrap();
    let text = g.to_string();
    assert!(text.contains("all_reduce_sum[replicas=4]"), "{text}");
    let mlir = lower(&g).unwrap();
    assert!(mlir.contains("\"stablehlo.all_reduce\""), "{mlir}");
    assert!(
        mlir.contains("replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>"),
        "{mlir}"
    );
}

#[test]
fn all_reduce_sums_and_averages_over_4_devices() {
    let dp = dp4();
    let f = dp
        .jit(
            &[(Sharded, f64t(&[8, 3]))],
            &[Replicated, Replicated, Sharded, Replicated],
            |x| {
                let x = &x[0];
                Ok(vec![
                    x.all_reduce_sum()?,
                    x.all_reduce_mean()?,
                    x.try_mul(&x.all_reduce_sum()?)?,
                    x.all_reduce(ReduceOp::Max)?,
                ])
            },
        )
        .unwrap();
    assert_eq!(f.output_types()[0], f64t(&[2, 3]));
    assert_eq!(f.output_types()[2], f64t(&[8, 3]));
    let x = tensor(&[8, 3], 1);
    let xv = vals(&x);
    let out = f.call_tensors(&[&x]).unwrap();
    // shard r holds rows 2r, 2r+1: the sum is over rows with the same index in their shard.
    let mut sum = vec![0.0; 6];
    let mut max = vec![f64::NEG_INFINITY; 6];
    for r in 0..N {
        for k in 0..6 {
            sum[k] += xv[r * 6 + k];
            max[k] = max[k].max(xv[r * 6 + k]);
        }
    }
    assert_close("sum", &vals(&out[0]), &sum, 1e-15);
    let mean: Vec<f64> = sum.iter().map(|s| s / N as f64).collect();
    assert_close("mean", &vals(&out[1]), &mean, 1e-15);
    let prod: Vec<f64> = (0..24).map(|i| xv[i] * sum[i % 6]).collect();
    assert_close("x * sum", &vals(&out[2]), &prod, 1e-15);
    assert_eq!(vals(&out[3]), max);
}

#[test]
fn outside_a_replica_scope_all_reduce_is_the_identity() {
    let x = Tensor::from_vec(vec![1.0f64, -2.0], &[2]).unwrap();
    assert_eq!(vals(&x.all_reduce_sum().unwrap()), [1.0, -2.0]);
    assert_eq!(vals(&x.all_reduce_mean().unwrap()), [1.0, -2.0]);
    // Traced outside a scope: a one-replica all_reduce, which runs on one device.
    let c = Compiled::trace(&[(DType::F64, vec![2])], |x| {
        Ok(vec![x[0].all_reduce_sum()?.try_mul(&x[0])?])
    })
    .unwrap();
    assert!(c.graph().to_string().contains("replicas=1"));
    assert_eq!(vals(&c.call(&[&x]).unwrap()[0]), [1.0, 4.0]);
    // ... and is refused on 4 devices.
    let e = dp4()
        .compile(c.graph(), &[Sharded], &[Sharded])
        .unwrap_err();
    assert!(matches!(e, Error::Device(_)), "{e}");
    assert!(e.to_string().contains("1 replica"), "{e}");
    // Eagerly inside a 4-replica scope there is nothing to reduce with: an error.
    let e = with_replicas(N, || x.all_reduce_sum()).unwrap_err();
    assert!(e.to_string().contains("4 replicas"), "{e}");
    // The scope is restored.
    assert_eq!(oxidiff_xla::parallel::replicas(), 1);
}

#[test]
fn all_reduce_checks_its_operand() {
    let i = Tensor::from_vec(vec![1i32, 2], &[2]).unwrap();
    assert!(matches!(i.all_reduce_mean(), Err(Error::DType(_))));
    let b = Tensor::from_vec(vec![true, false], &[2]).unwrap();
    assert!(matches!(b.all_reduce_sum(), Err(Error::DType(_))));
    assert!(b.all_reduce(ReduceOp::Max).is_ok());
    let e = with_replicas(N, || {
        trace_types(&[b.ty()], |x| Ok(vec![x[0].all_reduce_sum()?]))
    })
    .unwrap_err();
    assert!(matches!(e, Error::DType(_)), "{e}");
    let e = oxidiff_xla::ir::GraphBuilder::new().add1(Op::AllReduce {
        op: ReduceOp::Sum,
        x: oxidiff_xla::ir::Value(0),
        replicas: 0,
    });
    assert!(e.is_err());
}

// ---- AD and batching of the op -----------------------------------------------------------

/// Per replica: y = all_reduce_sum(sin(x) * x) * cos(x), a nonlinear function of every
/// replica's input.
fn nonlinear(x: &[Tensor]) -> Result<Vec<Tensor>> {
    let x = &x[0];
    let s = x.sin()?.try_mul(x)?.all_reduce_sum()?;
    Ok(vec![s.try_mul(&x.cos()?)?])
}

/// Runs a per-replica graph of sharded inputs and outputs on the 4 devices.
fn run_sharded(f: &ParallelFn, args: &[&Tensor]) -> Vec<Vec<f64>> {
    f.call_tensors(args).unwrap().iter().map(vals).collect()
}

#[test]
fn all_reduce_jvp_matches_finite_differences() {
    let dp = dp4();
    let ty = f64t(&[8, 3]);
    let g = dp.trace(&[(Sharded, ty.clone())], nonlinear).unwrap();
    let primal = dp.compile(&g, &[Sharded], &[Sharded]).unwrap();
    let jg = jvp(&g).unwrap();
    assert!(jg.to_string().matches("all_reduce_sum").count() >= 2);
    let jf = dp
        .compile(&jg, &[Sharded, Sharded], &[Sharded, Sharded])
        .unwrap();
    let x = tensor(&[8, 3], 2);
    let t = tensor(&[8, 3], 3);
    let out = run_sharded(&jf, &[&x, &t]);
    assert_close("primal", &out[0], &run_sharded(&primal, &[&x])[0], 1e-15);
    let eps = 1e-5;
    let (xv, tv) = (vals(&x), vals(&t));
    let shifted = |sign: f64| {
        let v: Vec<f64> = xv
            .iter()
            .zip(&tv)
            .map(|(a, b)| a + sign * eps * b)
            .collect();
        Tensor::from_vec(v, &[8, 3]).unwrap()
    };
    let (yp, ym) = (
        run_sharded(&primal, &[&shifted(1.0)]),
        run_sharded(&primal, &[&shifted(-1.0)]),
    );
    let fd: Vec<f64> = yp[0]
        .iter()
        .zip(&ym[0])
        .map(|(a, b)| (a - b) / (2.0 * eps))
        .collect();
    assert_close("jvp vs finite differences", &out[1], &fd, 1e-8);
}

#[test]
fn all_reduce_vjp_is_the_transpose_of_its_jvp() {
    let dp = dp4();
    let ty = f64t(&[8, 3]);
    let g = dp.trace(&[(Sharded, ty.clone())], nonlinear).unwrap();
    let jf = dp
        .compile(&jvp(&g).unwrap(), &[Sharded, Sharded], &[Sharded, Sharded])
        .unwrap();
    let vf = dp
        .compile(
            &vjp(&g, None).unwrap(),
            &[Sharded, Sharded],
            &[Sharded, Sharded],
        )
        .unwrap();
    let x = tensor(&[8, 3], 4);
    let t = tensor(&[8, 3], 5);
    let c = tensor(&[8, 3], 6);
    let jt = run_sharded(&jf, &[&x, &t]);
    let vc = run_sharded(&vf, &[&x, &c]);
    // <c, J t> = <J^T c, t> over the global (all replicas') inputs and outputs.
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let lhs = dot(&vals(&c), &jt[1]);
    let rhs = dot(&vc[1], &vals(&t));
    assert!(
        (lhs - rhs).abs() <= 1e-12 * lhs.abs().max(1.0),
        "{lhs} vs {rhs}"
    );
    // And J^T c column by column against finite differences of <c, f(x)>.
    let primal = dp.compile(&g, &[Sharded], &[Sharded]).unwrap();
    let xv = vals(&x);
    let eps = 1e-5;
    for i in [0usize, 5, 13, 23] {
        let at = |d: f64| {
            let mut v = xv.clone();
            v[i] += d;
            let y = run_sharded(&primal, &[&Tensor::from_vec(v, &[8, 3]).unwrap()]);
            dot(&vals(&c), &y[0])
        };
        let fd = (at(eps) - at(-eps)) / (2.0 * eps);
        assert!(
            (fd - vc[1][i]).abs() < 1e-7,
            "d<c,f>/dx[{i}]: {fd} vs {}",
            vc[1][i]
        );
    }
}

#[test]
fn differentiating_a_max_all_reduce_is_an_error() {
    let g = with_replicas(N, || {
        trace_types(&[f64t(&[2])], |x| Ok(vec![x[0].all_reduce(ReduceOp::Max)?]))
    })
    .unwrap();
    let e = vjp(&g, None).unwrap_err();
    assert!(e.to_string().contains("not differentiable"), "{e}");
    assert!(jvp(&g).is_err());
}

#[test]
fn vmap_of_all_reduce_all_reduces_each_example() {
    let dp = dp4();
    // Per replica, per example: x [3] -> all_reduce_sum(x * x) * x.
    let g = dp
        .trace(&[(Replicated, f64t(&[3]))], |x| {
            let s = x[0].try_mul(&x[0])?.all_reduce_sum()?;
            Ok(vec![s.try_mul(&x[0])?])
        })
        .unwrap();
    // Batched over 2 examples per replica: [2, 3] per replica, [8, 3] global.
    let vg = vmap(&g, &[Some(0)], &[0], 2).unwrap();
    let vf = dp.compile(&vg, &[Sharded], &[Sharded]).unwrap();
    let x = tensor(&[8, 3], 7);
    let out = run_sharded(&vf, &[&x]);
    let xv = vals(&x);
    // Example e of replica r is row 2r + e; it is reduced with the rows 2r' + e.
    let mut want = vec![0.0; 24];
    for r in 0..N {
        for e in 0..2 {
            for k in 0..3 {
                let s: f64 = (0..N)
                    .map(|q| xv[(2 * q + e) * 3 + k] * xv[(2 * q + e) * 3 + k])
                    .sum();
                want[(2 * r + e) * 3 + k] = s * xv[(2 * r + e) * 3 + k];
            }
        }
    }
    assert_close("vmap(all_reduce)", &out[0], &want, 1e-14);
}

// ---- data-parallel training ---------------------------------------------------------------

const BATCH: i64 = 32;
const FEATURES: i64 = 5;
const HIDDEN: i64 = 8;

/// A two-layer MLP with a logistic loss, averaged over the rows of `x`:
/// args (x [B, F], y [B], w1 [F, H], b1 [H], w2 [H], b2 []) -> (loss).
fn mlp_loss(a: &[Tensor]) -> Result<Vec<Tensor>> {
    let (x, y, w1, b1, w2, b2) = (&a[0], &a[1], &a[2], &a[3], &a[4], &a[5]);
    let h = x.matmul(w1)?.try_add(b1)?.tanh()?;
    let z = h.matmul(w2)?.try_add(b2)?;
    // log(1 + exp(z)) - y z, the binary cross-entropy of logits z.
    let l = z.exp()?.log1p()?.try_sub(&y.try_mul(&z)?)?;
    Ok(vec![l.mean(&[0])?])
}

fn param_types() -> Vec<TensorType> {
    vec![
        f64t(&[FEATURES, HIDDEN]),
        f64t(&[HIDDEN]),
        f64t(&[HIDDEN]),
        f64t(&[]),
    ]
}

fn batch() -> (Tensor, Tensor) {
    let x = tensor(&[BATCH, FEATURES], 10);
    let y: Vec<f64> = data(BATCH as usize, 11)
        .iter()
        .map(|v| (*v > 0.0) as u8 as f64)
        .collect();
    (x, Tensor::from_vec(y, &[BATCH]).unwrap())
}

fn params() -> Vec<Tensor> {
    param_types()
        .iter()
        .enumerate()
        .map(|(i, t)| tensor(&t.shape, 20 + i as u64))
        .collect()
}

fn step_inputs() -> Vec<(Placement, TensorType)> {
    let mut v = vec![
        (Sharded, f64t(&[BATCH, FEATURES])),
        (Sharded, f64t(&[BATCH])),
    ];
    v.extend(param_types().into_iter().map(|t| (Replicated, t)));
    v
}

/// The per-replica gradient step: (loss, grads...) of the local shard, all-reduce-meaned.
fn loss_and_grads(a: &[Tensor]) -> Result<Vec<Tensor>> {
    let refs: Vec<&Tensor> = a.iter().collect();
    let (loss, grads) = value_and_grad_call(&refs, &[2, 3, 4, 5], mlp_loss)?;
    let mut out = vec![loss[0].all_reduce_mean()?];
    for g in grads {
        out.push(g.all_reduce_mean()?);
    }
    Ok(out)
}

#[test]
fn data_parallel_gradient_equals_the_single_device_gradient() {
    let (x, y) = batch();
    let ps = params();
    // Single device, full batch.
    let mut tys = vec![x.ty(), y.ty()];
    tys.extend(param_types());
    let g = trace_types(&tys, mlp_loss).unwrap();
    let vg = Compiled::compile(&value_and_grad(&g, Some(&[2, 3, 4, 5])).unwrap()).unwrap();
    let mut args: Vec<&Tensor> = vec![&x, &y];
    args.extend(ps.iter());
    let want = vg.call(&args).unwrap();
    // 4 devices, 8 rows each.
    let f = dp4()
        .jit(&step_inputs(), &[Replicated; 5], loss_and_grads)
        .unwrap();
    let got = f.call_tensors(&args).unwrap();
    assert_eq!(got.len(), 5);
    for (k, (a, b)) in got.iter().zip(&want).enumerate() {
        assert_eq!(a.shape(), b.shape(), "output {k}");
        assert_close(&format!("output {k}"), &vals(a), &vals(b), 1e-12);
    }
    // The replicated results really are equal on every device.
    let placed: Vec<DistTensor> = args
        .iter()
        .zip(step_inputs())
        .map(|(t, (p, _))| dp4().place(t, p).unwrap())
        .collect();
    let refs: Vec<&DistTensor> = placed.iter().collect();
    for o in f.call(&refs).unwrap() {
        let reps = o.per_replica().unwrap();
        for r in &reps[1..] {
            assert_eq!(vals(r), vals(&reps[0]));
        }
    }
}

#[test]
fn grad_through_a_mean_all_reduce_is_the_local_gradient() {
    // pmap's convention: each replica seeds its own copy of the global loss, so the
    // gradient of all_reduce_mean(local loss) is the replica's local gradient.
    let dp = dp4();
    let f = dp
        .jit(&step_inputs(), &[Sharded], |a| {
            let refs: Vec<&Tensor> = a.iter().collect();
            let (_, g) = value_and_grad_call(&refs, &[4], |b| {
                Ok(vec![mlp_loss(b)?[0].all_reduce_mean()?])
            })?;
            let (_, local) = value_and_grad_call(&refs, &[4], mlp_loss)?;
            // Both as [1, H] rows, gathered as [4, H]: 0 where they agree.
            Ok(vec![g[0].try_sub(&local[0])?.reshape(&[1, HIDDEN])?])
        })
        .unwrap();
    let (x, y) = batch();
    let ps = params();
    let mut args: Vec<&Tensor> = vec![&x, &y];
    args.extend(ps.iter());
    let d = vals(&f.call_tensors(&args).unwrap()[0]);
    assert!(d.iter().all(|v| v.abs() < 1e-15), "{d:?}");
}

/// One SGD step on the replicated parameters: (x, y, params...) -> (loss, new params...).
fn sgd_step(lr: f64) -> impl Fn(&[Tensor]) -> Result<Vec<Tensor>> {
    move |a| {
        let lg = loss_and_grads(a)?;
        let mut out = vec![lg[0].clone()];
        for (p, g) in a[2..].iter().zip(&lg[1..]) {
            out.push(p.try_sub(&g.binary_scalar(oxidiff_xla::ir::BinaryOp::Mul, lr)?)?);
        }
        Ok(out)
    }
}

fn train(dp: &DataParallel, steps: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    let f = dp
        .jit(&step_inputs(), &[Replicated; 5], sgd_step(0.5))
        .unwrap();
    let (x, y) = batch();
    let (x, y) = (dp.shard(&x).unwrap(), dp.shard(&y).unwrap());
    let mut ps: Vec<DistTensor> = params().iter().map(|p| dp.replicate(p).unwrap()).collect();
    let mut losses = vec![];
    for _ in 0..steps {
        let mut args = vec![&x, &y];
        args.extend(ps.iter());
        let mut out = f.call(&args).unwrap();
        ps = out.split_off(1);
        losses.push(vals(&out[0].to_tensor().unwrap())[0]);
    }
    let ps = ps.iter().map(|p| vals(&p.to_tensor().unwrap())).collect();
    (losses, ps)
}

#[test]
fn sgd_on_1_and_4_devices_gives_the_same_parameters() {
    let (l1, p1) = train(&dp1(), 6);
    let (l4, p4) = train(dp4(), 6);
    assert_close("losses", &l4, &l1, 1e-12);
    assert!(l1[5] < l1[0], "the loss decreases: {l1:?}");
    for (k, (a, b)) in p4.iter().zip(&p1).enumerate() {
        assert_close(&format!("param {k}"), a, b, 1e-12);
    }
}

// ---- errors ---------------------------------------------------------------------------------

#[test]
fn bad_inputs_are_clear_errors() {
    let dp = dp4();
    // Device counts.
    let c = dp.client().clone();
    assert!(matches!(
        DataParallel::new(c.clone(), 5),
        Err(Error::Device(_))
    ));
    assert!(matches!(DataParallel::new(c, 0), Err(Error::Device(_))));
    assert!(matches!(DataParallel::cpu(0), Err(Error::Device(_))));
    // A batch that does not split evenly, and a scalar.
    let e = dp.shard(&tensor(&[10, 2], 1)).unwrap_err();
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert!(e.to_string().contains("does not split evenly"), "{e}");
    assert!(dp.shard(&Tensor::scalar(1.0f64).unwrap()).is_err());
    let e = dp
        .jit(&[(Sharded, f64t(&[6]))], &[Sharded], |x| {
            Ok(vec![x[0].clone()])
        })
        .unwrap_err();
    assert!(matches!(e, Error::Shape(_)), "{e}");
    // A per-replica scalar cannot be gathered as sharded.
    let e = dp
        .jit(&[(Sharded, f64t(&[8]))], &[Sharded], |x| {
            Ok(vec![x[0].sum(&[0])?])
        })
        .unwrap_err();
    assert!(matches!(e, Error::Shape(_)), "{e}");
    // Placement and type count mismatches.
    let f = dp
        .jit(
            &[(Sharded, f64t(&[8])), (Replicated, f64t(&[2]))],
            &[Sharded],
            |x| Ok(vec![x[0].try_mul(&x[1].sum(&[0])?)?]),
        )
        .unwrap();
    assert!(dp.compile(f.graph(), &[Sharded], &[Sharded]).is_err());
    assert!(dp.compile(f.graph(), &[Sharded, Sharded], &[]).is_err());
    let a = tensor(&[8], 1);
    let b = tensor(&[2], 2);
    assert!(matches!(f.call_tensors(&[&a]), Err(Error::ArgCount { .. })));
    let (da, db) = (dp.shard(&a).unwrap(), dp.replicate(&b).unwrap());
    assert!(matches!(f.call(&[&da, &da]), Err(Error::Device(_))));
    let wrong = dp.replicate(&tensor(&[3], 3)).unwrap();
    assert!(matches!(f.call(&[&da, &wrong]), Err(Error::Shape(_))));
    // Arrays of another DataParallel (fewer devices) are refused.
    let one = dp1();
    let other = one.replicate(&b).unwrap();
    assert!(f.call(&[&da, &other]).is_err());
    // The right call works.
    let out = f.call(&[&da, &db]).unwrap();
    let s: f64 = vals(&b).iter().sum();
    let want: Vec<f64> = vals(&a).iter().map(|v| v * s).collect();
    assert_close(
        "x * sum(w)",
        &vals(&out[0].to_tensor().unwrap()),
        &want,
        1e-15,
    );
    // A traced tensor cannot be placed.
    let e = trace_types(&[f64t(&[8])], |x| {
        dp.shard(&x[0])?;
        Ok(vec![])
    })
    .unwrap_err();
    assert!(e.to_string().contains("traced"), "{e}");
}
