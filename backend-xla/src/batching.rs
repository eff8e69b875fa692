//! Batching ([`vmap`]) of IR graphs, graph to graph: the role of JAX's `batching.py`.
//!
//! [`vmap`] maps a graph over a new batch dimension of its inputs. Each value of the
//! original graph becomes either *unbatched* (it does not depend on a batched input: it is
//! kept as it is, never broadcast needlessly) or *batched*, with its batch dimension in
//! front (the canonical form: a batched value of per-example type `T[s..]` has type
//! `T[n, s..]`). Inputs are moved to that form on entry and outputs moved to their
//! `out_axes` on exit.
//!
//! One batching rule per primitive, all in one exhaustive `match` on [`Op`]
//! (`batch_rule`, the role of JAX's `primitive_batchers`), so a new primitive does not
//! compile until it has one. A rule only runs when at least one operand is batched; an
//! equation whose operands are all unbatched is copied unchanged.
//!
//! - Elementwise ops broadcast their unbatched operands along the batch dimension.
//! - Shape ops shift their dimension numbers by one; `dot_general` with both operands
//!   batched adds a batch dimension pair, with one it moves the free batch dimension to the
//!   front.
//! - `dynamic_slice` / `dynamic_update_slice` with batched start indices become a `take`
//!   (gather) on the flattened operand at computed flat indices (plus a `select` for the
//!   update), with XLA's clamping of start indices reproduced per example. `take` and
//!   `scatter_add` on a batched operand gather/scatter into the flattened `[n * rows, ..]`
//!   operand, keeping per-example clamping (take) and dropping (scatter) of indices.
//! - `pad` with a batched padding value pads with zero and selects the value in with a
//!   padded mask.
//! - `while`: which carries are batched is found by a fixed point (a carry is batched if
//!   its init is or the body makes it so). With an unbatched predicate the loop keeps its
//!   shape. With a batched predicate (per-example trip counts) every carry is batched, the
//!   loop runs while *any* example's predicate holds, and the body recomputes the
//!   predicate and `select`s the old carry for examples that are done, so their carries
//!   freeze (as JAX does).
//! - `case`: with an unbatched index, a `case` of batched branches (results broadcast
//!   where one branch is batched and another is not); with a batched index, every branch
//!   is computed and the results chosen per example by `select` (out-of-range indices run
//!   the last branch, as `case` does).
//!
//! Random bits need no rule of their own: the Threefry generator of [`crate::random`] is
//! built from `u32` elementwise ops, which batch as any other.

use std::collections::HashMap;

use crate::ir::{
    BinaryOp, CmpOp, DotDims, Eqn, Graph, GraphBuilder, Op, Region, TensorType, Value,
};
use crate::tensor::Tensor;
use crate::trace::{trace, Compiled};
use crate::{DType, Error, Result};

fn err(msg: impl std::fmt::Display) -> Error {
    Error::Other(format!("vmap: {msg}"))
}

fn internal(msg: impl std::fmt::Display) -> Error {
    Error::Other(format!("vmap: internal error: {msg}"))
}

// ---- public API -----------------------------------------------------------------------

/// Batches `g` over a new dimension of size `batch`.
///
/// Input `i` of the returned graph has the type of `g`'s input `i` with a dimension of size
/// `batch` inserted at `in_axes[i]` (`None`: the input is not mapped, it keeps its type and
/// is shared by every example). Output `j` has the batch dimension at `out_axes[j]` (an
/// output that does not depend on a mapped input is broadcast). Example `k` of the result
/// equals `g` applied to example `k` of the inputs.
pub fn vmap(g: &Graph, in_axes: &[Option<usize>], out_axes: &[usize], batch: i64) -> Result<Graph> {
    if batch < 0 {
        return Err(Error::Shape(format!(
            "vmap: the batch size is {batch}, expected a size >= 0"
        )));
    }
    let (n_in, n_out) = (g.inputs().len(), g.outputs().len());
    if in_axes.len() != n_in {
        return Err(err(format!(
            "{} in_axes for a graph of {n_in} inputs",
            in_axes.len()
        )));
    }
    if out_axes.len() != n_out {
        return Err(err(format!(
            "{} out_axes for a graph of {n_out} outputs",
            out_axes.len()
        )));
    }
    for (i, (a, p)) in in_axes.iter().zip(g.inputs()).enumerate() {
        let t = g.ty(*p);
        if let Some(a) = a {
            if *a > t.rank() {
                return Err(Error::Shape(format!(
                    "vmap: in_axes[{i}] = {a} is out of range for input {i} of type {t} \
                     (the batch axis can be 0..={})",
                    t.rank()
                )));
            }
        }
    }
    for (j, (a, o)) in out_axes.iter().zip(g.outputs()).enumerate() {
        let t = g.ty(*o);
        if *a > t.rank() {
            return Err(Error::Shape(format!(
                "vmap: out_axes[{j}] = {a} is out of range for output {j} of type {t} \
                 (the batch axis can be 0..={})",
                t.rank()
            )));
        }
    }

    let mut bt = Batcher {
        b: GraphBuilder::new(),
        env: HashMap::new(),
        n: batch,
    };
    for (p, a) in g.inputs().iter().zip(in_axes) {
        let t = g.ty(*p);
        let bv = match a {
            None => BVal {
                v: bt.b.param(t.clone()),
                batched: false,
            },
            Some(a) => {
                let mut shape = t.shape.clone();
                shape.insert(*a, batch);
                let v = bt.b.param(TensorType::new(t.dtype, &shape));
                BVal {
                    v: move_to_front(&mut bt.b, v, *a)?,
                    batched: true,
                }
            }
        };
        bt.env.insert(*p, bv);
    }
    bt.batch_region(g.body())?;
    let mut outs = vec![];
    for (o, &a) in g.outputs().iter().zip(out_axes) {
        let bv = bt.get(*o)?;
        let v = if bv.batched {
            move_from_front(&mut bt.b, bv.v, a)?
        } else {
            let t = bt.b.ty(bv.v).clone();
            let mut shape = t.shape.clone();
            shape.insert(a, batch);
            let dims: Vec<i64> = (0..t.rank())
                .map(|i| if i < a { i as i64 } else { i as i64 + 1 })
                .collect();
            bt.b.add1(Op::BroadcastInDim {
                x: bv.v,
                shape,
                dims,
            })?
        };
        outs.push(v);
    }
    bt.b.finish(&outs)
}

/// Traces `f` on per-example inputs, batches the graph with [`vmap`] and compiles it: the
/// compiled function takes each input with its batch dimension at `in_axes[i]` (or
/// unbatched for `None`) and returns each output with its batch dimension at `out_axes[j]`.
///
/// ```no_run
/// use oxidiff_xla::{batching::vmap_fn, tensor::Tensor, DType};
/// // per-example dot products of 4 rows with one shared vector
/// let f = vmap_fn(
///     &[(DType::F32, vec![3]), (DType::F32, vec![3])],
///     &[Some(0), None],
///     &[0],
///     4,
///     |x| Ok(vec![(&x[0] * &x[1]).sum(&[0])?]),
/// )?;
/// let rows = Tensor::from_vec(vec![1.0f32; 12], &[4, 3])?;
/// let v = Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[3])?;
/// let dots = f.call(&[&rows, &v])?; // f32[4]
/// # Ok::<(), oxidiff_xla::Error>(())
/// ```
pub fn vmap_fn(
    inputs: &[(DType, Vec<i64>)],
    in_axes: &[Option<usize>],
    out_axes: &[usize],
    batch: i64,
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
) -> Result<Compiled> {
    if in_axes.len() != inputs.len() {
        return Err(err(format!(
            "{} in_axes for {} inputs",
            in_axes.len(),
            inputs.len()
        )));
    }
    let g = trace(inputs, f)?;
    Compiled::compile(&vmap(&g, in_axes, out_axes, batch)?)
}

// ---- the transformer ---------------------------------------------------------------------

/// A value of the batched graph standing for a value of the original one: batched values
/// have the batch dimension in front.
#[derive(Clone, Copy, Debug)]
struct BVal {
    v: Value,
    batched: bool,
}

struct Batcher {
    b: GraphBuilder,
    /// Original value -> its value in the new graph (re-bound when a region is re-emitted).
    env: HashMap<Value, BVal>,
    /// The batch size.
    n: i64,
}

impl Batcher {
    fn get(&self, v: Value) -> Result<BVal> {
        self.env
            .get(&v)
            .copied()
            .ok_or_else(|| internal(format!("unbound value {v}")))
    }

    fn bind(&mut self, params: &[Value], vals: &[Value], batched: &[bool]) {
        for ((p, v), bt) in params.iter().zip(vals).zip(batched) {
            self.env.insert(
                *p,
                BVal {
                    v: *v,
                    batched: *bt,
                },
            );
        }
    }

    fn batch_region(&mut self, r: &Region) -> Result<()> {
        for e in &r.eqns {
            self.batch_eqn(e)?;
        }
        Ok(())
    }

    fn batch_eqn(&mut self, e: &Eqn) -> Result<()> {
        let outs: Vec<BVal> = match &e.op {
            Op::While { .. } => self.batch_while(e)?,
            Op::Case { .. } => self.batch_case(e)?,
            op => {
                let ins = op
                    .operands()
                    .iter()
                    .map(|v| self.get(*v))
                    .collect::<Result<Vec<_>>>()?;
                if ins.iter().all(|x| !x.batched) {
                    let vs: Vec<Value> = ins.iter().map(|x| x.v).collect();
                    let op = with_operands(op, &vs)?;
                    self.b
                        .add(op)?
                        .into_iter()
                        .map(|v| BVal { v, batched: false })
                        .collect()
                } else {
                    batch_rule(&mut self.b, self.n, op, &ins)?
                        .into_iter()
                        .map(|v| BVal { v, batched: true })
                        .collect()
                }
            }
        };
        if outs.len() != e.outputs.len() {
            return Err(internal(format!(
                "{} gave {} outputs for {}",
                e.op.name(),
                outs.len(),
                e.outputs.len()
            )));
        }
        for (o, v) in e.outputs.iter().zip(outs) {
            self.env.insert(*o, v);
        }
        Ok(())
    }

    /// Opens a nested region with parameters of `types`, fills it with `f` and closes it
    /// (dropping it again if `f` fails).
    fn region(
        &mut self,
        types: &[TensorType],
        f: impl FnOnce(&mut Batcher, &[Value]) -> Result<Vec<Value>>,
    ) -> Result<Region> {
        let depth = self.b.depth();
        let ps = self.b.begin_region(types);
        match f(self, &ps) {
            Ok(res) => self.b.end_region(&res),
            Err(e) => {
                while self.b.depth() > depth {
                    self.b.abort_region();
                }
                Err(e)
            }
        }
    }

    // ---- batchedness analysis --------------------------------------------------------

    fn is_b(&self, over: &HashMap<Value, bool>, v: Value) -> bool {
        match over.get(&v) {
            Some(b) => *b,
            None => self.env.get(&v).is_some_and(|x| x.batched),
        }
    }

    /// Which values of `r` will be batched, given `over` (hypotheses about values of `r`
    /// and the regions around it) and `env`; mirrors what the rules emit: an op's results
    /// are batched iff an operand is (control flow as `while_batching` and `case` say).
    fn analyze(&self, r: &Region, over: &mut HashMap<Value, bool>) {
        for e in &r.eqns {
            let outs: Vec<bool> = match &e.op {
                Op::While { init, cond, body } => self.while_batching(init, cond, body, over).0,
                Op::Case { index, branches } => {
                    for br in branches {
                        self.analyze(br, over);
                    }
                    if self.is_b(over, *index) {
                        vec![true; e.outputs.len()]
                    } else {
                        (0..e.outputs.len())
                            .map(|k| branches.iter().any(|br| self.is_b(over, br.results[k])))
                            .collect()
                    }
                }
                op => {
                    let bt = op.operands().iter().any(|v| self.is_b(over, *v));
                    vec![bt; e.outputs.len()]
                }
            };
            for (o, bt) in e.outputs.iter().zip(outs) {
                over.insert(*o, bt);
            }
        }
    }

    /// The batchedness of a loop's carries (a fixed point: a carry is batched if its init
    /// is or the body makes it so) and of its predicate (if batched, every carry is).
    fn while_batching(
        &self,
        init: &[Value],
        cond: &Region,
        body: &Region,
        over: &mut HashMap<Value, bool>,
    ) -> (Vec<bool>, bool) {
        let mut cb: Vec<bool> = init.iter().map(|v| self.is_b(over, *v)).collect();
        loop {
            for (p, bt) in cond.params.iter().zip(&cb) {
                over.insert(*p, *bt);
            }
            self.analyze(cond, over);
            if cond.results.iter().any(|v| self.is_b(over, *v)) {
                return (vec![true; cb.len()], true);
            }
            for (p, bt) in body.params.iter().zip(&cb) {
                over.insert(*p, *bt);
            }
            self.analyze(body, over);
            let mut changed = false;
            for (k, r) in body.results.iter().enumerate() {
                if !cb[k] && self.is_b(over, *r) {
                    cb[k] = true;
                    changed = true;
                }
            }
            if !changed {
                return (cb, false);
            }
        }
    }

    // ---- control flow ----------------------------------------------------------------

    fn batch_while(&mut self, e: &Eqn) -> Result<Vec<BVal>> {
        let Op::While { init, cond, body } = &e.op else {
            return Err(internal("batch_while on another op"));
        };
        let (cb, pb) = self.while_batching(init, cond, body, &mut HashMap::new());
        let n = self.n;
        let mut new_init = vec![];
        for (v, bt) in init.iter().zip(&cb) {
            let x = self.get(*v)?;
            new_init.push(if *bt {
                materialize(&mut self.b, n, x)?
            } else if x.batched {
                return Err(internal("a batched init for an unbatched carry"));
            } else {
                x.v
            });
        }
        let types: Vec<TensorType> = new_init.iter().map(|v| self.b.ty(*v).clone()).collect();
        let cond_r = self.region(&types, |s, ps| {
            s.bind(&cond.params, ps, &cb);
            s.batch_region(cond)?;
            let p = s.get(cond.results[0])?;
            Ok(vec![if p.batched {
                // Run while any example is still running.
                s.b.add1(Op::Reduce {
                    op: crate::ir::ReduceOp::Max,
                    x: p.v,
                    axes: vec![0],
                })?
            } else {
                p.v
            }])
        })?;
        let body_r = self.region(&types, |s, ps| {
            s.bind(&body.params, ps, &cb);
            let pred = if pb {
                s.bind(&cond.params, ps, &cb);
                s.batch_region(cond)?;
                let p = s.get(cond.results[0])?;
                Some(materialize(&mut s.b, n, p)?)
            } else {
                None
            };
            s.batch_region(body)?;
            let mut res = vec![];
            for (k, r) in body.results.iter().enumerate() {
                let r = s.get(*r)?;
                let mut v = if cb[k] {
                    materialize(&mut s.b, n, r)?
                } else if r.batched {
                    return Err(internal("a batched body result for an unbatched carry"));
                } else {
                    r.v
                };
                if let Some(p) = pred {
                    // Examples whose predicate is false keep their carry.
                    let shape = s.b.ty(v).shape.clone();
                    let pm = s.b.add1(Op::BroadcastInDim {
                        x: p,
                        shape,
                        dims: vec![0],
                    })?;
                    v = s.b.add1(Op::Select {
                        pred: pm,
                        on_true: v,
                        on_false: ps[k],
                    })?;
                }
                res.push(v);
            }
            Ok(res)
        })?;
        let outs = self.b.add(Op::While {
            init: new_init,
            cond: cond_r,
            body: body_r,
        })?;
        Ok(outs
            .into_iter()
            .zip(cb)
            .map(|(v, batched)| BVal { v, batched })
            .collect())
    }

    fn batch_case(&mut self, e: &Eqn) -> Result<Vec<BVal>> {
        let Op::Case { index, branches } = &e.op else {
            return Err(internal("batch_case on another op"));
        };
        let n = self.n;
        let idx = self.get(*index)?;
        let n_out = e.outputs.len();
        if !idx.batched {
            let mut over = HashMap::new();
            for br in branches {
                self.analyze(br, &mut over);
            }
            let ob: Vec<bool> = (0..n_out)
                .map(|k| branches.iter().any(|br| self.is_b(&over, br.results[k])))
                .collect();
            let mut regions = vec![];
            for br in branches {
                regions.push(self.region(&[], |s, _| {
                    s.batch_region(br)?;
                    let mut res = vec![];
                    for (k, r) in br.results.iter().enumerate() {
                        let r = s.get(*r)?;
                        res.push(if ob[k] {
                            materialize(&mut s.b, n, r)?
                        } else {
                            r.v
                        });
                    }
                    Ok(res)
                })?);
            }
            let outs = self.b.add(Op::Case {
                index: idx.v,
                branches: regions,
            })?;
            return Ok(outs
                .into_iter()
                .zip(ob)
                .map(|(v, batched)| BVal { v, batched })
                .collect());
        }
        // A batched index: compute every branch, then choose per example.
        let mut results: Vec<Vec<BVal>> = vec![];
        for br in branches {
            self.batch_region(br)?;
            results.push(
                br.results
                    .iter()
                    .map(|r| self.get(*r))
                    .collect::<Result<_>>()?,
            );
        }
        let nb = branches.len() as f64;
        let b = &mut self.b;
        // Out-of-range indices (negative too) run the last branch.
        let zero = b.scalar(DType::I32, 0.0)?;
        let ge = b.compare(CmpOp::Ge, idx.v, zero)?;
        let top = b.scalar(DType::I32, nb)?;
        let lt = b.compare(CmpOp::Lt, idx.v, top)?;
        let valid = b.binary(BinaryOp::And, ge, lt)?;
        let last = b.scalar(DType::I32, nb - 1.0)?;
        let eff = b.select(valid, idx.v, last)?;
        let mut picks = vec![];
        for j in 0..branches.len().saturating_sub(1) {
            let c = b.scalar(DType::I32, j as f64)?;
            picks.push(b.compare(CmpOp::Eq, eff, c)?);
        }
        let mut outs = vec![];
        for k in 0..n_out {
            let Some(last) = results.last() else {
                return Err(internal("case without branches"));
            };
            let mut acc = materialize(b, n, last[k])?;
            for j in (0..branches.len() - 1).rev() {
                let vj = materialize(b, n, results[j][k])?;
                let shape = b.ty(acc).shape.clone();
                let pm = b.add1(Op::BroadcastInDim {
                    x: picks[j],
                    shape,
                    dims: vec![0],
                })?;
                acc = b.add1(Op::Select {
                    pred: pm,
                    on_true: vj,
                    on_false: acc,
                })?;
            }
            outs.push(BVal {
                v: acc,
                batched: true,
            });
        }
        Ok(outs)
    }
}

// ---- helpers ------------------------------------------------------------------------------

/// `[n] ++ s`.
fn bshape(n: i64, s: &[i64]) -> Vec<i64> {
    let mut v = Vec::with_capacity(s.len() + 1);
    v.push(n);
    v.extend_from_slice(s);
    v
}

/// Dimension numbers shifted past a leading batch dimension.
fn shift(dims: &[i64]) -> Vec<i64> {
    dims.iter().map(|d| d + 1).collect()
}

/// `[first] ++ rest`.
fn front(first: i64, rest: &[i64]) -> Vec<i64> {
    bshape(first, rest)
}

fn numel(s: &[i64]) -> i64 {
    s.iter().product()
}

/// The per-example shape of a value.
fn example_shape(b: &GraphBuilder, x: BVal) -> Vec<i64> {
    let s = &b.ty(x.v).shape;
    if x.batched {
        s[1..].to_vec()
    } else {
        s.clone()
    }
}

/// `x` as a batched value: broadcast along a new leading dimension if it is unbatched.
fn materialize(b: &mut GraphBuilder, n: i64, x: BVal) -> Result<Value> {
    if x.batched {
        return Ok(x.v);
    }
    let t = b.ty(x.v).clone();
    b.add1(Op::BroadcastInDim {
        x: x.v,
        shape: bshape(n, &t.shape),
        dims: (1..=t.rank() as i64).collect(),
    })
}

/// Moves dimension `axis` of `x` to the front.
fn move_to_front(b: &mut GraphBuilder, x: Value, axis: usize) -> Result<Value> {
    if axis == 0 {
        return Ok(x);
    }
    let r = b.ty(x).rank() as i64;
    let a = axis as i64;
    let mut perm = vec![a];
    perm.extend((0..r).filter(|&i| i != a));
    b.add1(Op::Transpose(x, perm))
}

/// Moves the leading dimension of `x` to position `axis`.
fn move_from_front(b: &mut GraphBuilder, x: Value, axis: usize) -> Result<Value> {
    if axis == 0 {
        return Ok(x);
    }
    let r = b.ty(x).rank() as i64;
    let a = axis as i64;
    let mut perm: Vec<i64> = (1..=a).collect();
    perm.push(0);
    perm.extend(a + 1..r);
    b.add1(Op::Transpose(x, perm))
}

/// `op` with its direct operands replaced by `vs`, in [`Op::operands`] order.
fn with_operands(op: &Op, vs: &[Value]) -> Result<Op> {
    let mut it = vs.iter();
    op.map_operands(&mut |_| {
        it.next()
            .copied()
            .ok_or_else(|| internal(format!("too few operands for {}", op.name())))
    })
}

fn iota64(b: &mut GraphBuilder, shape: &[i64], dim: usize) -> Result<Value> {
    b.add1(Op::Iota {
        dtype: DType::I64,
        shape: shape.to_vec(),
        dim: dim as i64,
    })
}

fn to_i64(b: &mut GraphBuilder, v: Value) -> Result<Value> {
    if b.ty(v).dtype == DType::I64 {
        Ok(v)
    } else {
        b.add1(Op::Convert(v, DType::I64))
    }
}

/// A start index as i64, clamped into `[0, hi]` (XLA's clamping of slice starts), then
/// broadcast to `shape` (whose leading dimension is the batch).
fn clamped_start(b: &mut GraphBuilder, s: BVal, hi: i64, shape: &[i64]) -> Result<Value> {
    let v = to_i64(b, s.v)?;
    let lo = b.scalar(DType::I64, 0.0)?;
    let hi = b.scalar(DType::I64, hi.max(0) as f64)?;
    let c = b.clamp(lo, v, hi)?;
    b.add1(Op::BroadcastInDim {
        x: c,
        shape: shape.to_vec(),
        dims: if s.batched { vec![0] } else { vec![] },
    })
}

/// Row-major strides of `shape`.
fn strides(shape: &[i64]) -> Vec<i64> {
    let mut st = vec![1i64; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        st[i] = st[i + 1] * shape[i + 1];
    }
    st
}

fn flatten(b: &mut GraphBuilder, x: Value) -> Result<Value> {
    let n = b.ty(x).numel();
    b.add1(Op::Reshape(x, vec![n]))
}

/// `acc + x` (or `x` for the first term).
fn accumulate(b: &mut GraphBuilder, acc: Option<Value>, x: Value) -> Result<Value> {
    match acc {
        Some(a) => b.binary(BinaryOp::Add, a, x),
        None => Ok(x),
    }
}

/// `dynamic_slice` with batched start indices: a gather on the flattened operand.
fn gather_slice(
    b: &mut GraphBuilder,
    n: i64,
    x: BVal,
    starts: &[BVal],
    sizes: &[i64],
) -> Result<Value> {
    let dtype = b.ty(x.v).dtype;
    let s = example_shape(b, x);
    let out = bshape(n, sizes);
    if numel(&out) == 0 {
        return b.full(dtype, &out, 0.0);
    }
    let st = strides(&s);
    let mut idx = None;
    for d in 0..s.len() {
        let sd = clamped_start(b, starts[d], s[d] - sizes[d], &out)?;
        let io = iota64(b, &out, d + 1)?;
        let i = b.binary(BinaryOp::Add, io, sd)?;
        let i = b.binary_scalar(BinaryOp::Mul, i, st[d] as f64)?;
        idx = Some(accumulate(b, idx, i)?);
    }
    if x.batched {
        let io = iota64(b, &out, 0)?;
        let i = b.binary_scalar(BinaryOp::Mul, io, numel(&s) as f64)?;
        idx = Some(accumulate(b, idx, i)?);
    }
    let idx = match idx {
        Some(i) => i,
        None => b.full(DType::I64, &out, 0.0)?,
    };
    let flat = flatten(b, x.v)?;
    b.add1(Op::Take {
        x: flat,
        indices: idx,
    })
}

/// `dynamic_update_slice` with batched start indices: each element of the result reads
/// the update (a gather on the flattened update) where it lies in that example's window,
/// the operand elsewhere.
fn scatter_slice(
    b: &mut GraphBuilder,
    n: i64,
    x: BVal,
    update: BVal,
    starts: &[BVal],
) -> Result<Value> {
    let s = example_shape(b, x);
    let u = example_shape(b, update);
    let xb = materialize(b, n, x)?;
    let out = bshape(n, &s);
    if numel(&u) == 0 || numel(&out) == 0 {
        return Ok(xb);
    }
    let ust = strides(&u);
    let mut inside: Option<Value> = None;
    let mut uidx = None;
    for d in 0..s.len() {
        let sd = clamped_start(b, starts[d], s[d] - u[d], &out)?;
        let io = iota64(b, &out, d + 1)?;
        let rel = b.binary(BinaryOp::Sub, io, sd)?;
        let zero = b.scalar(DType::I64, 0.0)?;
        let ud = b.scalar(DType::I64, u[d] as f64)?;
        let ge = b.compare(CmpOp::Ge, rel, zero)?;
        let lt = b.compare(CmpOp::Lt, rel, ud)?;
        let in_d = b.binary(BinaryOp::And, ge, lt)?;
        inside = Some(match inside {
            Some(a) => b.binary(BinaryOp::And, a, in_d)?,
            None => in_d,
        });
        let hi = b.scalar(DType::I64, (u[d] - 1) as f64)?;
        let relc = b.clamp(zero, rel, hi)?;
        let i = b.binary_scalar(BinaryOp::Mul, relc, ust[d] as f64)?;
        uidx = Some(accumulate(b, uidx, i)?);
    }
    if update.batched {
        let io = iota64(b, &out, 0)?;
        let i = b.binary_scalar(BinaryOp::Mul, io, numel(&u) as f64)?;
        uidx = Some(accumulate(b, uidx, i)?);
    }
    let (Some(inside), Some(uidx)) = (inside, uidx) else {
        return Err(internal(
            "dynamic_update_slice of a scalar with batched starts",
        ));
    };
    let flat = flatten(b, update.v)?;
    let g = b.add1(Op::Take {
        x: flat,
        indices: uidx,
    })?;
    b.add1(Op::Select {
        pred: inside,
        on_true: g,
        on_false: xb,
    })
}

/// The batching rules: `op` applied to `ins` (at least one batched, batch dimension in
/// front) giving its results, all batched with the batch dimension in front.
fn batch_rule(b: &mut GraphBuilder, n: i64, op: &Op, ins: &[BVal]) -> Result<Vec<Value>> {
    let one = |v: Value| Ok(vec![v]);
    match op {
        Op::Constant(_) | Op::Iota { .. } => Err(internal(format!(
            "{} has no operands to be batched",
            op.name()
        ))),
        Op::Unary(..)
        | Op::Binary(..)
        | Op::Powi(..)
        | Op::Compare(..)
        | Op::Select { .. }
        | Op::Clamp { .. }
        | Op::Convert(..)
        | Op::BitcastConvert(..) => {
            // Elementwise (bitcast keeps the shape: dtypes of one size).
            let vs = ins
                .iter()
                .map(|x| materialize(b, n, *x))
                .collect::<Result<Vec<_>>>()?;
            one(b.add1(with_operands(op, &vs)?)?)
        }
        Op::BroadcastInDim { shape, dims, .. } => {
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::BroadcastInDim {
                x,
                shape: bshape(n, shape),
                dims: front(0, &shift(dims)),
            })?)
        }
        Op::Reshape(_, shape) => {
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::Reshape(x, bshape(n, shape)))?)
        }
        Op::Transpose(_, perm) => {
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::Transpose(x, front(0, &shift(perm))))?)
        }
        Op::Slice {
            start,
            limit,
            strides,
            ..
        } => {
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::Slice {
                x,
                start: front(0, start),
                limit: front(n, limit),
                strides: front(1, strides),
            })?)
        }
        Op::DynamicSlice { sizes, .. } => {
            let starts = &ins[1..];
            if starts.iter().any(|s| s.batched) {
                return one(gather_slice(b, n, ins[0], starts, sizes)?);
            }
            let dt = starts.first().map_or(DType::I32, |s| b.ty(s.v).dtype);
            let mut sv = vec![b.scalar(dt, 0.0)?];
            sv.extend(starts.iter().map(|s| s.v));
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::DynamicSlice {
                x,
                starts: sv,
                sizes: bshape(n, sizes),
            })?)
        }
        Op::DynamicUpdateSlice { .. } => {
            let starts = &ins[2..];
            if starts.iter().any(|s| s.batched) {
                return one(scatter_slice(b, n, ins[0], ins[1], starts)?);
            }
            let dt = starts.first().map_or(DType::I32, |s| b.ty(s.v).dtype);
            let mut sv = vec![b.scalar(dt, 0.0)?];
            sv.extend(starts.iter().map(|s| s.v));
            let x = materialize(b, n, ins[0])?;
            let update = materialize(b, n, ins[1])?;
            one(b.add1(Op::DynamicUpdateSlice {
                x,
                update,
                starts: sv,
            })?)
        }
        Op::Concatenate(_, dim) => {
            let vs = ins
                .iter()
                .map(|x| materialize(b, n, *x))
                .collect::<Result<Vec<_>>>()?;
            one(b.add1(Op::Concatenate(vs, dim + 1))?)
        }
        Op::Pad {
            low,
            high,
            interior,
            ..
        } => {
            let (x, value) = (ins[0], ins[1]);
            let x = materialize(b, n, x)?;
            let (low, high, interior) = (front(0, low), front(0, high), front(0, interior));
            if !value.batched {
                return one(b.add1(Op::Pad {
                    x,
                    value: value.v,
                    low,
                    high,
                    interior,
                })?);
            }
            // A per-example padding value: pad with zero, then select the value in where a
            // padded mask is false.
            let t = b.ty(x).clone();
            let zero = b.scalar(t.dtype, 0.0)?;
            let padded = b.add1(Op::Pad {
                x,
                value: zero,
                low: low.clone(),
                high: high.clone(),
                interior: interior.clone(),
            })?;
            let ones = b.full(DType::Bool, &t.shape, 1.0)?;
            let f = b.scalar(DType::Bool, 0.0)?;
            let mask = b.add1(Op::Pad {
                x: ones,
                value: f,
                low,
                high,
                interior,
            })?;
            let shape = b.ty(padded).shape.clone();
            let vb = b.add1(Op::BroadcastInDim {
                x: value.v,
                shape,
                dims: vec![0],
            })?;
            one(b.add1(Op::Select {
                pred: mask,
                on_true: padded,
                on_false: vb,
            })?)
        }
        Op::Reduce { op: r, axes, .. } => {
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::Reduce {
                op: *r,
                x,
                axes: shift(axes),
            })?)
        }
        Op::Argmax {
            axis, index_dtype, ..
        } => {
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::Argmax {
                x,
                axis: axis + 1,
                index_dtype: *index_dtype,
            })?)
        }
        Op::Argmin {
            axis, index_dtype, ..
        } => {
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::Argmin {
                x,
                axis: axis + 1,
                index_dtype: *index_dtype,
            })?)
        }
        Op::DotGeneral { dims, .. } => {
            let (l, r) = (ins[0], ins[1]);
            match (l.batched, r.batched) {
                (true, true) => one(b.add1(Op::DotGeneral {
                    lhs: l.v,
                    rhs: r.v,
                    dims: DotDims {
                        lhs_batch: front(0, &shift(&dims.lhs_batch)),
                        rhs_batch: front(0, &shift(&dims.rhs_batch)),
                        lhs_contract: shift(&dims.lhs_contract),
                        rhs_contract: shift(&dims.rhs_contract),
                    },
                })?),
                (true, false) => {
                    // The lhs batch dimension is its first free dimension: it lands right
                    // after the dot's batch dimensions.
                    let d = b.add1(Op::DotGeneral {
                        lhs: l.v,
                        rhs: r.v,
                        dims: DotDims {
                            lhs_batch: shift(&dims.lhs_batch),
                            rhs_batch: dims.rhs_batch.clone(),
                            lhs_contract: shift(&dims.lhs_contract),
                            rhs_contract: dims.rhs_contract.clone(),
                        },
                    })?;
                    one(move_to_front(b, d, dims.lhs_batch.len())?)
                }
                (false, true) => {
                    // The rhs batch dimension is its first free dimension: it lands after
                    // the batch dimensions and the lhs free dimensions.
                    let lrank = b.ty(l.v).rank();
                    let lhs_free = lrank - dims.lhs_batch.len() - dims.lhs_contract.len();
                    let d = b.add1(Op::DotGeneral {
                        lhs: l.v,
                        rhs: r.v,
                        dims: DotDims {
                            lhs_batch: dims.lhs_batch.clone(),
                            rhs_batch: shift(&dims.rhs_batch),
                            lhs_contract: dims.lhs_contract.clone(),
                            rhs_contract: shift(&dims.rhs_contract),
                        },
                    })?;
                    one(move_to_front(b, d, dims.lhs_batch.len() + lhs_free)?)
                }
                (false, false) => Err(internal("dot_general rule without a batched operand")),
            }
        }
        Op::Take { .. } => {
            let (x, indices) = (ins[0], ins[1]);
            if !x.batched {
                // Gathering from a shared operand: the batch dimension of the indices
                // leads the result already.
                return one(b.add1(Op::Take {
                    x: x.v,
                    indices: indices.v,
                })?);
            }
            // Per-example rows of the flattened [n * m, ..] operand, clamped per example.
            let xs = b.ty(x.v).shape.clone();
            let m = xs[1];
            let idx = materialize(b, n, indices)?;
            let idx = to_i64(b, idx)?;
            let lo = b.scalar(DType::I64, 0.0)?;
            let hi = b.scalar(DType::I64, (m - 1).max(0) as f64)?;
            let idx = b.clamp(lo, idx, hi)?;
            let ishape = b.ty(idx).shape.clone();
            let bi = iota64(b, &ishape, 0)?;
            let off = b.binary_scalar(BinaryOp::Mul, bi, m as f64)?;
            let idx = b.binary(BinaryOp::Add, idx, off)?;
            let mut fs = vec![n * m];
            fs.extend_from_slice(&xs[2..]);
            let flat = b.add1(Op::Reshape(x.v, fs))?;
            one(b.add1(Op::Take {
                x: flat,
                indices: idx,
            })?)
        }
        Op::ScatterAdd { .. } => {
            // Scatter into the flattened [n * m, ..] operand; indices out of an example's
            // range become -1 (dropped) rather than landing in a neighbouring example.
            let x = materialize(b, n, ins[0])?;
            let xs = b.ty(x).shape.clone();
            let m = xs[1];
            let idx = materialize(b, n, ins[1])?;
            let idx = to_i64(b, idx)?;
            let updates = materialize(b, n, ins[2])?;
            let zero = b.scalar(DType::I64, 0.0)?;
            let mm = b.scalar(DType::I64, m as f64)?;
            let ge = b.compare(CmpOp::Ge, idx, zero)?;
            let lt = b.compare(CmpOp::Lt, idx, mm)?;
            let valid = b.binary(BinaryOp::And, ge, lt)?;
            let ishape = b.ty(idx).shape.clone();
            let bi = iota64(b, &ishape, 0)?;
            let off = b.binary_scalar(BinaryOp::Mul, bi, m as f64)?;
            let flat_idx = b.binary(BinaryOp::Add, idx, off)?;
            let drop = b.scalar(DType::I64, -1.0)?;
            let flat_idx = b.select(valid, flat_idx, drop)?;
            let mut fs = vec![n * m];
            fs.extend_from_slice(&xs[2..]);
            let flat = b.add1(Op::Reshape(x, fs))?;
            let s = b.add1(Op::ScatterAdd {
                x: flat,
                indices: flat_idx,
                updates,
            })?;
            one(b.add1(Op::Reshape(s, xs))?)
        }
        // Elementwise across replicas: all-reducing the batched value all-reduces each
        // example (JAX's `psum` batching rule for an axis other than the mapped one).
        Op::AllReduce {
            op: r, replicas, ..
        } => {
            let x = materialize(b, n, ins[0])?;
            one(b.add1(Op::AllReduce {
                op: *r,
                x,
                replicas: *replicas,
            })?)
        }
        Op::While { .. } | Op::Case { .. } => Err(internal(format!(
            "{} is batched by the transformer, not by batch_rule",
            op.name()
        ))),
    }
}
