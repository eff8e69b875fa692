//! Batching (`vmap`) of IR graphs, run through real XLA: every vmapped graph is compared
//! with a loop of calls to the unbatched graph, one example at a time (f64 to 1e-12
//! relative, everything else exactly). Many ops share one graph, and each graph is run
//! under several in_axes/out_axes configurations, to keep the number of compiles low.

use oxidiff_xla::autodiff::{jvp, value_and_grad};
use oxidiff_xla::batching::{vmap, vmap_fn};
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
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// How an input's values are drawn.
#[derive(Clone, Copy, Debug)]
enum Gen {
    /// f64 uniform in [lo, hi).
    F(f64, f64),
    /// i32 uniform in [lo, hi].
    I(i64, i64),
    /// Any u32.
    U,
    /// Any bool.
    B,
}

#[derive(Clone, Debug)]
struct Input {
    shape: Vec<i64>,
    gen: Gen,
}

fn f(shape: &[i64], lo: f64, hi: f64) -> Input {
    Input {
        shape: shape.to_vec(),
        gen: Gen::F(lo, hi),
    }
}
fn i(shape: &[i64], lo: i64, hi: i64) -> Input {
    Input {
        shape: shape.to_vec(),
        gen: Gen::I(lo, hi),
    }
}
fn u(shape: &[i64]) -> Input {
    Input {
        shape: shape.to_vec(),
        gen: Gen::U,
    }
}
fn bl(shape: &[i64]) -> Input {
    Input {
        shape: shape.to_vec(),
        gen: Gen::B,
    }
}

impl Input {
    fn dtype(&self) -> DType {
        match self.gen {
            Gen::F(..) => DType::F64,
            Gen::I(..) => DType::I32,
            Gen::U => DType::U32,
            Gen::B => DType::Bool,
        }
    }
    fn draw(&self, rng: &mut Rng, shape: &[i64]) -> Tensor {
        let n = shape.iter().product::<i64>() as usize;
        match self.gen {
            Gen::F(lo, hi) => {
                let v: Vec<f64> = (0..n).map(|_| rng.uniform(lo, hi)).collect();
                Tensor::from_vec(v, shape)
            }
            Gen::I(lo, hi) => {
                let v: Vec<i32> = (0..n).map(|_| rng.int(lo, hi) as i32).collect();
                Tensor::from_vec(v, shape)
            }
            Gen::U => {
                let v: Vec<u32> = (0..n).map(|_| rng.next() as u32).collect();
                Tensor::from_vec(v, shape)
            }
            Gen::B => {
                let v: Vec<bool> = (0..n).map(|_| rng.next() & 1 == 1).collect();
                Tensor::from_vec(v, shape)
            }
        }
        .unwrap()
    }
}

/// Where each output's batch dimension goes.
#[derive(Clone, Copy, Debug)]
enum Out {
    Front,
    Back,
    /// Output `j` of rank `r` at `j % (r + 1)`.
    Mixed,
}

impl Out {
    fn axes(self, g: &Graph) -> Vec<usize> {
        g.output_types()
            .iter()
            .enumerate()
            .map(|(j, t)| match self {
                Out::Front => 0,
                Out::Back => t.rank(),
                Out::Mixed => j % (t.rank() + 1),
            })
            .collect()
    }
}

/// Example `k` of `t` along `axis` (a host-side slice of the bytes, any dtype).
fn example(t: &Tensor, axis: usize, k: i64) -> Tensor {
    let shape = t.shape().to_vec();
    let es = t.dtype().size_bytes();
    let bytes = t.to_bytes().unwrap();
    let outer: i64 = shape[..axis].iter().product();
    let inner = shape[axis + 1..].iter().product::<i64>() as usize * es;
    let mut out = Vec::with_capacity(bytes.len() / shape[axis].max(1) as usize);
    for o in 0..outer {
        let at = (o * shape[axis] + k) as usize * inner;
        out.extend_from_slice(&bytes[at..at + inner]);
    }
    let mut s = shape.clone();
    s.remove(axis);
    Tensor::from_bytes(t.dtype(), &s, out).unwrap()
}

/// Floats to 1e-12 relative (NaNs match NaNs), everything else exactly.
fn assert_close(what: &str, got: &Tensor, want: &Tensor) {
    assert_eq!(got.dtype(), want.dtype(), "{what}: dtype");
    assert_eq!(got.shape(), want.shape(), "{what}: shape");
    let (g, w) = (got.to_f64_vec().unwrap(), want.to_f64_vec().unwrap());
    let float = got.dtype().is_float();
    for (e, (a, b)) in g.iter().zip(&w).enumerate() {
        let ok = if float {
            (a.is_nan() && b.is_nan())
                || a == b
                || (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
        } else {
            a == b
        };
        assert!(
            ok,
            "{what}: element {e}: vmapped {a} vs looped {b}\n  vmapped {g:?}\n  looped  {w:?}"
        );
    }
}

/// Runs `vmap(g)` under each configuration on seeded inputs and compares every example of
/// every output with a call of `single` (the compiled `g`) on that example.
fn check_graph(
    name: &str,
    g: &Graph,
    single: &Compiled,
    inputs: &[Input],
    configs: &[(Vec<Option<usize>>, Out)],
    batch: i64,
    seed: u64,
) {
    for (ci, (in_axes, out)) in configs.iter().enumerate() {
        let out_axes = out.axes(g);
        let ctx = format!("{name} [config {ci}: in_axes {in_axes:?}, out_axes {out_axes:?}]");
        let vg = vmap(g, in_axes, &out_axes, batch)
            .unwrap_or_else(|e| panic!("{ctx}: vmap failed: {e}"));
        let exe = Compiled::compile(&vg).unwrap_or_else(|e| panic!("{ctx}: compile: {e}\n{vg}"));
        let mut rng = Rng(seed.wrapping_mul(31).wrapping_add(ci as u64));
        let args: Vec<Tensor> = inputs
            .iter()
            .zip(in_axes)
            .map(|(inp, a)| {
                let mut shape = inp.shape.clone();
                if let Some(a) = a {
                    shape.insert(*a, batch);
                }
                inp.draw(&mut rng, &shape)
            })
            .collect();
        let outs = exe
            .call(&args.iter().collect::<Vec<_>>())
            .unwrap_or_else(|e| panic!("{ctx}: run: {e}"));
        assert_eq!(outs.len(), out_axes.len(), "{ctx}: output count");
        for (o, (&a, t)) in outs.iter().zip(out_axes.iter().zip(g.output_types())) {
            let mut want = t.shape.clone();
            want.insert(a, batch);
            assert_eq!(o.shape(), want.as_slice(), "{ctx}: output shape");
        }
        for k in 0..batch {
            let ex: Vec<Tensor> = args
                .iter()
                .zip(in_axes)
                .map(|(t, a)| match a {
                    Some(a) => example(t, *a, k),
                    None => t.clone(),
                })
                .collect();
            let want = single.call(&ex.iter().collect::<Vec<_>>()).unwrap();
            for (j, w) in want.iter().enumerate() {
                let got = example(&outs[j], out_axes[j], k);
                assert_close(&format!("{ctx}: example {k}, output {j}"), &got, w);
            }
        }
    }
}

type Fun = fn(&[Tensor]) -> Result<Vec<Tensor>>;

/// Traces `f` on per-example inputs, then [`check_graph`].
fn check(
    name: &str,
    inputs: &[Input],
    f: Fun,
    configs: &[(Vec<Option<usize>>, Out)],
    batch: i64,
    seed: u64,
) {
    let types: Vec<(DType, Vec<i64>)> = inputs
        .iter()
        .map(|i| (i.dtype(), i.shape.clone()))
        .collect();
    let g = trace(&types, f).unwrap_or_else(|e| panic!("{name}: trace: {e}"));
    let single = Compiled::compile(&g).unwrap();
    check_graph(name, &g, &single, inputs, configs, batch, seed);
}

fn s32(v: i32) -> Tensor {
    Tensor::scalar(v).unwrap()
}
fn s64(v: f64) -> Tensor {
    Tensor::scalar(v).unwrap()
}

// ---- elementwise ----------------------------------------------------------------------

fn elementwise(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let (x, y, s, i, j, uu, v, p) = (
        &xs[0], &xs[1], &xs[2], &xs[3], &xs[4], &xs[5], &xs[6], &xs[7],
    );
    let mut out = vec![];
    // one op per unary function, on values in (0.1, 0.9) and in [-2, 2] at once
    let xy = Tensor::concatenate(&[x, y], 0)?;
    for op in UnaryOp::ALL {
        if op.result_dtype(DType::F64).is_ok() {
            out.push(xy.unary(op)?);
        }
        if op.result_dtype(DType::I32).is_ok() {
            out.push(i.unary(op)?);
        }
        if op.result_dtype(DType::U32).is_ok() {
            out.push(uu.unary(op)?);
        }
        if op.result_dtype(DType::Bool).is_ok() {
            out.push(p.unary(op)?);
        }
    }
    let q = x.greater(y)?;
    for op in BinaryOp::ALL {
        if op.check_dtype(DType::F64).is_ok() {
            out.push(x.binary(op, y)?);
            out.push(y.binary(op, s)?); // a scalar broadcast against a matrix
        }
        if op.check_dtype(DType::I32).is_ok() {
            out.push(i.binary(op, j)?); // j: [4] broadcast to [3, 4], never 0
        }
        if op.check_dtype(DType::U32).is_ok() {
            out.push(uu.binary(op, v)?);
        }
        if op.check_dtype(DType::Bool).is_ok() {
            out.push(p.binary(op, &q)?);
        }
    }
    out.extend([
        x.less(y)?,
        x.less_equal(s)?,
        y.equal(&y.floor()?)?,
        i.not_equal(j)?,
        i.greater_equal(j)?,
        uu.greater(v)?,
        p.select(x, s)?,
        q.select(i, j)?,
        x.clamp(s, y)?,
        i.clamp(&s32(-3), j)?,
        x.powi(3)?,
        y.powi(-2)?,
        (y * 10.0).astype(DType::I32)?,
        i.astype(DType::F64)?,
        uu.astype(DType::F64)?,
        p.astype(DType::F64)?,
        x.astype(DType::F32)?,
        uu.bitcast(DType::I32)?,
        y.bitcast(DType::I64)?,
        x.pow(y)?,
    ]);
    Ok(out)
}

#[test]
fn elementwise_ops() {
    let inputs = [
        f(&[3, 4], 0.1, 0.9),
        f(&[3, 4], -2.0, 2.0),
        f(&[], 0.2, 0.8),
        i(&[3, 4], -20, 20),
        i(&[4], 1, 6),
        u(&[3, 4]),
        u(&[4]),
        bl(&[3, 4]),
    ];
    let s = Some;
    // The graph is large (one op per function and dtype: slow to compile), so two
    // complementary configurations: every binary op sees (batched, unbatched),
    // (unbatched, batched) and (batched, batched) operands across them.
    let configs = [
        (
            vec![s(1), None, s(0), s(2), None, s(1), s(0), s(2)],
            Out::Back,
        ),
        (
            vec![None, s(2), s(0), None, s(1), None, None, s(0)],
            Out::Mixed,
        ),
    ];
    check("elementwise", &inputs, elementwise, &configs, 3, 1);
}

fn elementwise_small(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let (x, y, s, i, p) = (&xs[0], &xs[1], &xs[2], &xs[3], &xs[4]);
    Ok(vec![
        x + y,
        x * s,
        p.select(x, y)?,
        x.clamp(s, y)?,
        i - &s32(3),
        x.powi(2)?,
        x.less(y)?,
        i.astype(DType::F64)?,
        s.exp()?,
    ])
}

/// A small elementwise graph under more configurations: all mapped at the front, nothing
/// mapped (every output is broadcast), mixed axes.
#[test]
fn elementwise_axes() {
    let inputs = [
        f(&[2, 3], -1.0, 1.0),
        f(&[2, 3], -1.0, 1.0),
        f(&[], -1.0, 1.0),
        i(&[2, 3], -5, 5),
        bl(&[2, 3]),
    ];
    let s = Some;
    let configs = [
        (vec![s(0); 5], Out::Front),
        (vec![None; 5], Out::Mixed),
        (vec![s(1), s(2), None, s(0), s(1)], Out::Mixed),
        (vec![None, s(0), s(0), None, None], Out::Back),
    ];
    check(
        "elementwise (small)",
        &inputs,
        elementwise_small,
        &configs,
        4,
        12,
    );
}

// ---- shapes, reductions, dot ------------------------------------------------------------

fn shapes(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let (a, m, v, s) = (&xs[0], &xs[1], &xs[2], &xs[3]);
    let dot = |l: &Tensor, r: &Tensor, lb: &[i64], rb: &[i64], lc: &[i64], rc: &[i64]| {
        l.dot_general(
            r,
            DotDims {
                lhs_batch: lb.to_vec(),
                rhs_batch: rb.to_vec(),
                lhs_contract: lc.to_vec(),
                rhs_contract: rc.to_vec(),
            },
        )
    };
    let a2 = a * 0.5;
    Ok(vec![
        v.broadcast_in_dim(&[2, 3, 5], &[1])?,
        s.broadcast_to(&[3, 2])?,
        a.reshape(&[6, 4])?,
        a.reshape(&[24])?,
        s.reshape(&[1, 1])?,
        a.transpose(&[2, 0, 1])?,
        a.slice(&[0, 1, 0], &[2, 3, 4], &[1, 1, 2])?,
        Tensor::concatenate(&[a, &a2], 1)?,
        Tensor::concatenate(&[v, &Tensor::from_vec(vec![7.0f64, 8.0], &[2])?], 0)?,
        a.pad(s, &[0, -1, 1], &[1, 0, 2], &[0, 1, 0])?,
        a.pad(&s64(-4.0), &[1, 0, 0], &[0, 0, -1], &[1, 0, 0])?,
        v.pad(s, &[2], &[1], &[1])?,
        a.sum(&[1])?,
        a.prod(&[0, 2])?,
        a.max(&[2])?,
        a.min(&[0, 1, 2])?,
        a.argmax(1)?,
        a.argmin(2)?,
        dot(a, m, &[], &[], &[2], &[0])?,
        dot(a, &a2, &[0], &[0], &[2], &[2])?,
        dot(v, v, &[], &[], &[0], &[0])?,
        dot(m, a, &[], &[], &[0], &[2])?,
        dot(&a2, a, &[1], &[1], &[], &[])?,
        a.matmul(m)?,
        Tensor::iota(DType::I32, &[3], 0)?,
        Tensor::from_vec(vec![1.5f64, -2.5], &[2])?,
    ])
}

#[test]
fn shape_ops_reductions_and_dot() {
    let inputs = [
        f(&[2, 3, 4], -1.0, 1.0),
        f(&[4, 5], -1.0, 1.0),
        f(&[3], -1.0, 1.0),
        f(&[], -1.0, 1.0),
    ];
    let s = Some;
    let configs = [
        (vec![s(0); 4], Out::Front),
        (vec![s(3), s(1), s(1), None], Out::Back),
        (vec![None, s(0), None, s(0)], Out::Mixed),
        (vec![s(1), None, s(0), s(0)], Out::Mixed),
    ];
    check("shapes", &inputs, shapes, &configs, 3, 2);
}

// ---- indexing ---------------------------------------------------------------------------

fn indexing(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let (x, upd, r0, r1, idx, rows, xi) = (&xs[0], &xs[1], &xs[2], &xs[3], &xs[4], &xs[5], &xs[6]);
    Ok(vec![
        // starts out of range on purpose: clamped per example, as XLA does
        x.dynamic_slice(&[r0, r1], &[2, 3])?,
        x.dynamic_slice(&[r1, &s32(1)], &[3, 1])?,
        x.dynamic_update_slice(upd, &[r0, r1])?,
        x.dynamic_update_slice(&(upd * 2.0), &[&s32(2), r0])?,
        xi.dynamic_update_slice(&xi.slice(&[0, 0], &[2, 3], &[1, 1])?, &[r1, r0])?,
        xi.dynamic_slice(&[r0, r1], &[4, 2])?,
        // take: indices out of range are clamped
        x.take(idx)?,
        rows.take(idx)?,
        xi.take(&idx.slice(&[0], &[3], &[1])?)?,
        // scatter_add: repeated indices add up, out-of-range ones are dropped
        x.scatter_add(idx, &rows.broadcast_to(&[4, 5])?)?,
        xi.scatter_add(idx, &Tensor::ones(DType::I32, &[4, 5])?)?,
        Tensor::zeros(DType::F64, &[4, 5])?
            .scatter_add(idx, &x.slice(&[0, 0], &[4, 5], &[1, 1])?)?,
    ])
}

#[test]
fn dynamic_slices_take_and_scatter() {
    let inputs = [
        f(&[4, 5], -1.0, 1.0),
        f(&[2, 3], -1.0, 1.0),
        i(&[], -2, 5),
        i(&[], -2, 5),
        i(&[4], -1, 4),
        f(&[5], -1.0, 1.0),
        i(&[4, 5], -9, 9),
    ];
    let s = Some;
    let configs = [
        // everything batched, starts and indices too
        (vec![s(0); 7], Out::Front),
        // only the data batched: native dynamic_slice / take with a batch dim
        (vec![s(1), s(2), None, None, None, s(0), s(1)], Out::Back),
        // only the starts and indices batched: the data is shared
        (vec![None, None, s(0), s(0), s(1), None, None], Out::Mixed),
        // one start batched, the other not
        (vec![s(0), None, None, s(0), None, None, s(2)], Out::Mixed),
    ];
    check("indexing", &inputs, indexing, &configs, 4, 3);
}

// ---- control flow -----------------------------------------------------------------------

/// A loop whose trip count depends on the data (per-example trip counts differ), one with
/// a fixed trip count, and one whose condition closes over an outer value.
fn loops(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let (x, limit, w, n) = (xs[0].clone(), xs[1].clone(), xs[2].clone(), xs[3].clone());
    let lim = limit.clone();
    let grow = Tensor::while_loop(
        vec![s32(0), x.clone(), Tensor::zeros(DType::F64, &[2])?],
        move |c| c[1].sum(&[0])?.less(&lim),
        |c| {
            let nx = &(&c[1] * 1.5) + 0.25;
            Ok(vec![&c[0] + &s32(1), nx.clone(), &c[2] + &nx])
        },
    )?;
    let w2 = w.clone();
    let fixed = Tensor::while_loop(
        vec![s32(0), x.clone()],
        |c| c[0].less(&s32(5)),
        move |c| Ok(vec![&c[0] + &s32(1), (&c[1] * &w2).sin()?]),
    )?;
    // the carry starts unbatched; the condition reads the (maybe batched) count n
    let count = Tensor::while_loop(
        vec![s32(0), s64(1.0)],
        move |c| c[0].less(&n),
        |c| Ok(vec![&c[0] + &s32(1), &c[1] * 1.25]),
    )?;
    // nested: the inner trip count depends on the outer carry
    let w3 = w.clone();
    let nested = Tensor::while_loop(
        vec![s32(0), x.sum(&[0])?],
        |c| c[0].less(&s32(3)),
        move |c| {
            let k = c[0].clone();
            let w3 = w3.clone();
            let inner = Tensor::while_loop(
                vec![s32(0), c[1].clone()],
                move |d| d[0].less_equal(&k),
                move |d| Ok(vec![&d[0] + &s32(1), &(&d[1] * 0.5) + &w3.sum(&[0])?]),
            )?;
            Ok(vec![&c[0] + &s32(1), inner[1].clone()])
        },
    )?;
    Ok(vec![
        grow[0].clone(),
        grow[1].clone(),
        grow[2].clone(),
        fixed[1].clone(),
        count[0].clone(),
        count[1].clone(),
        nested[1].clone(),
    ])
}

#[test]
fn while_loops() {
    let inputs = [
        f(&[2], 0.1, 1.0),
        f(&[], 2.0, 30.0),
        f(&[2], -1.0, 1.0),
        i(&[], 0, 6),
    ];
    let s = Some;
    let configs = [
        (vec![s(0); 4], Out::Front),
        // only the limit batched: the predicate is batched through a closed-over value
        (vec![None, s(0), None, None], Out::Back),
        // data batched, the limit shared: per-example trip counts from the data
        (vec![s(1), None, s(0), None], Out::Mixed),
        // only the closed-over count batched
        (vec![None, None, None, s(0)], Out::Front),
        // fixed trip count, body reads a batched outer value
        (vec![None, None, s(0), None], Out::Front),
    ];
    check("while", &inputs, loops, &configs, 5, 4);
}

fn cases(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let (k, x, y) = (xs[0].clone(), xs[1].clone(), xs[2].clone());
    let (x1, x2, x3, y1) = (x.clone(), x.clone(), x.clone(), y.clone());
    // three branches; k runs out of range (-1, 3, 4) on purpose: the last branch runs
    let sw = Tensor::switch(
        &k,
        &[
            &|| Ok(vec![x1.sin()?, s32(10)]),
            &|| Ok(vec![&x2 * &y1, s32(11)]),
            &|| Ok(vec![Tensor::full(DType::F64, &[3], 2.5)?, s32(12)]),
        ],
    )?;
    // cond on a (maybe batched) predicate computed from the data
    let pred = x.sum(&[0])?.greater(&s64(0.0))?;
    let (a, b) = (x3.clone(), y.clone());
    let (a2, b2) = (x3.clone(), y.clone());
    let c = Tensor::cond(
        &pred,
        move || Ok(vec![&a.exp()? * &b]),
        move || Ok(vec![&(&a2 * &a2) - &b2]),
    )?;
    // a case whose branch holds a loop
    let (x4, y4) = (x.clone(), y.clone());
    let looped = Tensor::switch(
        &(&k % &s32(2)),
        &[
            &|| {
                let r = Tensor::while_loop(
                    vec![x4.clone()],
                    |c| c[0].sum(&[0])?.less(&s64(4.0)),
                    |c| Ok(vec![&(&c[0] * 1.5) + 0.5]),
                )?;
                Ok(vec![r[0].clone()])
            },
            &|| Ok(vec![y4.clone()]),
        ],
    )?;
    Ok(vec![
        sw[0].clone(),
        sw[1].clone(),
        c[0].clone(),
        looped[0].clone(),
    ])
}

#[test]
fn case_and_cond() {
    let inputs = [i(&[], -1, 4), f(&[3], -1.0, 1.0), f(&[3], -1.0, 1.0)];
    let s = Some;
    let configs = [
        // per-example index and data
        (vec![s(0), s(0), s(0)], Out::Front),
        // per-example index, shared data
        (vec![s(0), None, None], Out::Back),
        // shared index, batched data: a case of batched branches
        (vec![None, s(1), None], Out::Mixed),
        (vec![None, None, s(0)], Out::Front),
    ];
    check("case", &inputs, cases, &configs, 6, 5);
}

/// A loop inside which a case picks per iteration; both see batched values.
fn case_in_loop(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let out = Tensor::while_loop(
        vec![s32(0), xs[0].clone()],
        |c| c[0].less(&s32(4)),
        |c| {
            let sel = c[1].sum(&[0])?.greater(&s64(0.0))?.astype(DType::I32)?;
            let (v, v2) = (c[1].clone(), c[1].clone());
            let r = Tensor::switch(&sel, &[&|| Ok(vec![v.sin()?]), &|| Ok(vec![&v2 * 0.5])])?;
            Ok(vec![&c[0] + &s32(1), &r[0] - 0.1])
        },
    )?;
    Ok(vec![out[1].clone()])
}

#[test]
fn case_inside_loop() {
    let s = Some;
    check(
        "case in loop",
        &[f(&[3], -1.0, 1.0)],
        case_in_loop,
        &[(vec![s(0)], Out::Front), (vec![s(1)], Out::Back)],
        4,
        6,
    );
}

// ---- random bits ---------------------------------------------------------------------------

fn sample(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let (key, x) = (&xs[0], &xs[1]);
    let ks = random::split(key, 2)?;
    Ok(vec![
        random::bits(key, &[4])?,
        &random::uniform(&ks[0], DType::F64, &[3])? + x,
        random::normal(&ks[1], DType::F64, &[3])?,
    ])
}

#[test]
fn random_bits() {
    let s = Some;
    check(
        "random",
        &[u(&[2]), f(&[3], -1.0, 1.0)],
        sample,
        // per-example keys; a shared key with batched data
        &[
            (vec![s(0), s(0)], Out::Front),
            (vec![None, s(1)], Out::Back),
        ],
        3,
        7,
    );
}

// ---- composition with autodiff --------------------------------------------------------------

/// A loss of parameters `w` (a 3x2 matrix and a 2-vector) and one data example `x`, with a
/// loop of static trip count.
fn loss(xs: &[Tensor]) -> Result<Vec<Tensor>> {
    let (w, bias, x) = (&xs[0], &xs[1], &xs[2]);
    let h = (&x.matmul(w)? + bias).tanh()?;
    let out = Tensor::while_loop(
        vec![s32(0), h],
        |c| c[0].less(&s32(3)),
        |c| Ok(vec![&c[0] + &s32(1), (&c[1] * 0.9).sin()?]),
    )?;
    let l = (&out[1] * &out[1]).sum(&[0])?;
    Ok(vec![l])
}

#[test]
fn per_example_gradients() {
    let inputs = [
        f(&[3, 2], -1.0, 1.0),
        f(&[2], -0.5, 0.5),
        f(&[3], -1.0, 1.0),
    ];
    let types: Vec<(DType, Vec<i64>)> = inputs
        .iter()
        .map(|i| (DType::F64, i.shape.clone()))
        .collect();
    let g = trace(&types, loss).unwrap();
    let vg = value_and_grad(&g, Some(&[0, 1])).unwrap();
    let single = Compiled::compile(&vg).unwrap();
    let s = Some;
    check_graph(
        "vmap(value_and_grad)",
        &vg,
        &single,
        &inputs,
        &[
            // per-example gradients: shared parameters, batched data
            (vec![None, None, s(0)], Out::Front),
            // an ensemble: batched parameters and data
            (vec![s(2), s(0), s(1)], Out::Mixed),
        ],
        4,
        8,
    );
    // forward mode too: vmap(jvp(g)) batches tangents.
    let jg = jvp(&g).unwrap();
    let single = Compiled::compile(&jg).unwrap();
    let jin = [
        inputs[0].clone(),
        inputs[1].clone(),
        inputs[2].clone(),
        f(&[3, 2], -1.0, 1.0),
        f(&[2], -1.0, 1.0),
        f(&[3], -1.0, 1.0),
    ];
    check_graph(
        "vmap(jvp)",
        &jg,
        &single,
        &jin,
        &[(vec![None, None, None, s(0), s(0), s(0)], Out::Front)],
        3,
        9,
    );
}

/// `vmap_fn` compiles the batched function directly.
#[test]
fn vmap_fn_runs() {
    let c = vmap_fn(
        &[(DType::F64, vec![3]), (DType::F64, vec![])],
        &[Some(1), None],
        &[0, 1],
        2,
        |x| Ok(vec![(&x[0] * &x[1]).sum(&[0])?, x[0].exp()?]),
    )
    .unwrap();
    let a = Tensor::from_vec(vec![1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0], &[3, 2]).unwrap();
    let out = c.call(&[&a, &s64(2.0)]).unwrap();
    assert_eq!(out[0].shape(), [2]);
    assert_eq!(out[0].to_vec::<f64>().unwrap(), vec![18.0, 24.0]);
    assert_eq!(out[1].shape(), [3, 2]);
    let e = out[1].to_vec::<f64>().unwrap();
    assert_eq!(e[1], 2.0f64.exp());
    // a batch of zero examples
    let c = vmap_fn(&[(DType::F64, vec![3])], &[Some(0)], &[0], 0, |x| {
        Ok(vec![x[0].sin()?])
    })
    .unwrap();
    let z = Tensor::from_vec(Vec::<f64>::new(), &[0, 3]).unwrap();
    assert_eq!(c.call(&[&z]).unwrap()[0].shape(), [0, 3]);
}

#[test]
fn argument_errors() {
    let g = trace(&[(DType::F64, vec![3]), (DType::F64, vec![])], |x| {
        Ok(vec![&x[0] * &x[1]])
    })
    .unwrap();
    let msg = |r: Result<Graph>| r.unwrap_err().to_string();
    let e = msg(vmap(&g, &[Some(0)], &[0], 2));
    assert!(e.contains("1 in_axes") && e.contains("2 inputs"), "{e}");
    let e = msg(vmap(&g, &[Some(0), None], &[0, 0], 2));
    assert!(e.contains("2 out_axes") && e.contains("1 outputs"), "{e}");
    let e = msg(vmap(&g, &[Some(2), None], &[0], 2));
    assert!(
        e.contains("in_axes[0] = 2") && e.contains("out of range"),
        "{e}"
    );
    let e = msg(vmap(&g, &[None, Some(1)], &[0], 2));
    assert!(e.contains("in_axes[1] = 1"), "{e}");
    let e = msg(vmap(&g, &[Some(0), None], &[2], 2));
    assert!(e.contains("out_axes[0] = 2"), "{e}");
    let e = msg(vmap(&g, &[Some(0), None], &[0], -1));
    assert!(e.contains("batch size is -1"), "{e}");
    // valid: the batched graph has the batched types
    let v = vmap(&g, &[Some(1), None], &[1], 4).unwrap();
    assert_eq!(v.input_types()[0].shape, vec![3, 4]);
    assert_eq!(v.input_types()[1].shape, Vec::<i64>::new());
    assert_eq!(v.output_types()[0].shape, vec![3, 4]);
    // an unbatched graph output is broadcast
    let v = vmap(&g, &[None, None], &[0], 4).unwrap();
    assert_eq!(v.output_types()[0].shape, vec![4, 3]);
}

/// Values that do not depend on a mapped input stay unbatched: no broadcast is emitted for
/// them, and ops on them keep their per-example types.
#[test]
fn unbatched_values_stay_unbatched() {
    use oxidiff_xla::ir::Op;
    let g = trace(&[(DType::F64, vec![3]), (DType::F64, vec![3])], |x| {
        let w = x[1].exp()?.sum(&[0])?; // depends only on the unmapped input
        Ok(vec![&x[0] * &w, w])
    })
    .unwrap();
    let v = vmap(&g, &[Some(0), None], &[0, 0], 5).unwrap();
    let eqns = &v.body().eqns;
    let ty = |e: &oxidiff_xla::ir::Eqn| v.ty(e.outputs[0]).shape.clone();
    let exp = eqns
        .iter()
        .find(|e| matches!(e.op, Op::Unary(UnaryOp::Exp, _)))
        .unwrap();
    assert_eq!(
        ty(exp),
        vec![3],
        "exp of an unmapped input was batched:\n{v}"
    );
    let sum = eqns
        .iter()
        .find(|e| matches!(e.op, Op::Reduce { .. }))
        .unwrap();
    assert_eq!(ty(sum), Vec::<i64>::new(), "{v}");
    // the scalar is broadcast once for the product (it meets a batched value) and once for
    // the unbatched output; nothing else is.
    let n_bcast = eqns
        .iter()
        .filter(|e| matches!(e.op, Op::BroadcastInDim { .. }))
        .count();
    assert!(n_bcast <= 3, "{n_bcast} broadcasts:\n{v}");
}

/// Per-example trip counts really differ, and finished examples keep their carry.
#[test]
fn while_trip_counts_differ_per_example() {
    let c = vmap_fn(&[(DType::F64, vec![])], &[Some(0)], &[0, 0], 4, |x| {
        let out = Tensor::while_loop(
            vec![s32(0), x[0].clone()],
            |c| c[1].less(&s64(100.0)),
            |c| Ok(vec![&c[0] + &s32(1), &c[1] * 2.0]),
        )?;
        Ok(vec![out[0].clone(), out[1].clone()])
    })
    .unwrap();
    let x = Tensor::from_vec(vec![1.0f64, 30.0, 100.0, 60.0], &[4]).unwrap();
    let out = c.call(&[&x]).unwrap();
    assert_eq!(out[0].to_vec::<i32>().unwrap(), vec![7, 2, 0, 1]);
    assert_eq!(
        out[1].to_vec::<f64>().unwrap(),
        vec![128.0, 120.0, 100.0, 120.0]
    );
}

/// vmap of a vmapped graph (two batch dimensions): loops with per-example trip counts in
/// both, and cases with per-example indices.
#[test]
fn nested_vmap() {
    let s = Some;
    let inner = |inputs: &[Input], f: Fun| -> (Graph, Vec<Input>) {
        let types: Vec<(DType, Vec<i64>)> = inputs
            .iter()
            .map(|i| (i.dtype(), i.shape.clone()))
            .collect();
        let g = trace(&types, f).unwrap();
        let axes = vec![s(0); inputs.len()];
        let g2 = vmap(&g, &axes, &Out::Front.axes(&g), 3).unwrap();
        let ins = inputs
            .iter()
            .map(|i| {
                let mut i = i.clone();
                i.shape.insert(0, 3);
                i
            })
            .collect();
        (g2, ins)
    };
    let (g, ins) = inner(
        &[
            f(&[2], 0.1, 1.0),
            f(&[], 2.0, 30.0),
            f(&[2], -1.0, 1.0),
            i(&[], 0, 6),
        ],
        loops,
    );
    let single = Compiled::compile(&g).unwrap();
    check_graph(
        "vmap(vmap(while))",
        &g,
        &single,
        &ins,
        &[
            (vec![s(0); 4], Out::Front),
            (vec![s(1), None, s(0), s(1)], Out::Back),
        ],
        2,
        10,
    );
    let (g, ins) = inner(
        &[i(&[], -1, 4), f(&[3], -1.0, 1.0), f(&[3], -1.0, 1.0)],
        cases,
    );
    let single = Compiled::compile(&g).unwrap();
    check_graph(
        "vmap(vmap(case))",
        &g,
        &single,
        &ins,
        &[(vec![s(1), s(0), None], Out::Mixed)],
        2,
        11,
    );
}
