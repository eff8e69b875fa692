//! Automatic differentiation of IR graphs: forward mode ([`jvp`]) and reverse mode ([`vjp`],
//! [`value_and_grad`], [`grad_fn`]), graph to graph.
//!
//! The design follows JAX's `ad.py`: one JVP rule and one reverse rule per primitive, each
//! family in one exhaustive `match` on [`Op`] (`jvp_rule`, `vjp_rule`), so a new primitive
//! does not compile until it has both. Tangents and cotangents are *symbolic zeros* where
//! they are known to vanish: an activity analysis (`Ad::propagate`) marks the values that
//! depend on a differentiated input, and nothing is emitted for the others.
//!
//! Reverse mode is emitted directly (a forward replay of the primal, then the reverse rules
//! in reverse order, in the same graph), not as linearize + transpose: both halves live in
//! one graph, so every primal value is a residual for free. Elementwise ops share one table
//! of partial derivatives (`unary_partial`, `binary_partial`), used by both modes, with the
//! conventions of `oxidiff_core::rules` (JAX's): `|x|'(0) = 1`, `max`/`min`/`clamp` ties
//! split 1/2, `sqrt'(0) = inf`, the exponent-partial of `pow` at base 0 is 0, and
//! `floor`/`ceil`/`round`/`trunc`/`sign` have derivative 0.
//!
//! Control flow:
//! - `while`, forward mode: a `while` over (primal, tangent) carries, the body JVP'd.
//! - `while`, reverse mode: the forward loop is augmented with an iteration counter and one
//!   preallocated buffer per carry, `[n, ...carry shape]`, into which the carry at the start
//!   of each iteration is written (`dynamic_update_slice` at the counter); a reverse `while`
//!   then walks the iterations backwards, reads the stored carry, recomputes that iteration's
//!   body from it and runs the body's reverse rules (so inner residuals are rematerialised,
//!   as `jax.checkpoint` on a `scan` body does). Cotangents of outer values the body closes
//!   over accumulate in extra carries. `n` is the loop's static trip count (a counter carry
//!   started at a constant, stepped by a constant and compared with a constant), or the
//!   `max_iters` bound of [`VjpOptions`]; a loop that runs past the bound gets NaN
//!   cotangents (never a silently wrong result), and a loop with neither is an error.
//! - `case`: forward mode JVPs every branch; reverse mode emits a `case` on the same index
//!   whose branch `k` recomputes branch `k` and runs its reverse rules, returning the
//!   cotangents of the outer values the branches use.
//!
//! Random bits (u32), comparisons, integer ops, `argmax`/`argmin`, `bitcast_convert`,
//! `iota` and constants have no derivative: their results are never active.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::ir::{
    BinaryOp, CmpOp, DotDims, Eqn, Graph, GraphBuilder, Op, ReduceOp, Region, TensorType, UnaryOp,
    Value,
};
use crate::tensor::Tensor;
use crate::trace::{inline, is_tracing, replay, trace, trace_types, Compiled};
use crate::{DType, Error, Result};

fn err(msg: impl std::fmt::Display) -> Error {
    Error::Other(format!("autodiff: {msg}"))
}

// ---- public API -----------------------------------------------------------------------

/// Options of reverse mode.
#[derive(Clone, Debug, Default)]
pub struct VjpOptions {
    /// A bound on the trip count of every `while` without a static trip count, so that the
    /// per-iteration residuals fit in a preallocated buffer. A loop that runs longer gets
    /// NaN cotangents.
    pub max_iters: Option<usize>,
}

/// Forward mode: a graph computing (outputs, output tangents) from (inputs, input tangents);
/// one tangent input per float input (non-float inputs get none), one tangent output per
/// float output.
pub fn jvp(g: &Graph) -> Result<Graph> {
    let mut ad = Ad::new(g, VjpOptions::default());
    let seeds: Vec<Value> = g
        .inputs()
        .iter()
        .copied()
        .filter(|v| g.ty(*v).dtype.is_float())
        .collect();
    ad.hot.extend(seeds.iter().copied());
    ad.propagate(g.body());
    for &p in g.inputs() {
        let v = ad.b.param(g.ty(p).clone());
        ad.env.insert(p, v);
    }
    for &p in &seeds {
        let t = ad.b.param(g.ty(p).clone());
        ad.tan.insert(p, t);
    }
    ad.jvp_region(g.body())?;
    let mut outs: Vec<Value> = g.outputs().iter().map(|v| ad.env[v]).collect();
    for &o in g.outputs() {
        if g.ty(o).dtype.is_float() {
            let t = ad.tan_or_zero(o)?;
            outs.push(t);
        }
    }
    ad.b.finish(&outs)
}

/// Reverse mode: a graph computing (outputs, input cotangents) from (inputs, output
/// cotangents): one cotangent input per float output; one cotangent output per input in
/// `wrt` (`None`: every float input), in that order. `wrt` inputs must be float.
pub fn vjp(g: &Graph, wrt: Option<&[usize]>) -> Result<Graph> {
    vjp_with_options(g, wrt, &VjpOptions::default())
}

/// [`vjp`] with options (a `max_iters` bound for loops without a static trip count).
pub fn vjp_with_options(g: &Graph, wrt: Option<&[usize]>, opts: &VjpOptions) -> Result<Graph> {
    reverse(g, wrt, opts, false)
}

/// For graphs whose first output is a float scalar (the loss; further outputs are passed
/// through as auxiliary results, not differentiated): a graph computing (outputs,
/// gradients of the first output) from the inputs, the cotangent 1 seeded inside.
pub fn value_and_grad(g: &Graph, wrt: Option<&[usize]>) -> Result<Graph> {
    value_and_grad_with_options(g, wrt, &VjpOptions::default())
}

/// [`value_and_grad`] with options.
pub fn value_and_grad_with_options(
    g: &Graph,
    wrt: Option<&[usize]>,
    opts: &VjpOptions,
) -> Result<Graph> {
    reverse(g, wrt, opts, true)
}

/// Traces `f`, builds [`value_and_grad`] of it and compiles it: the compiled function maps
/// the inputs to (outputs of `f`, gradients of its first output with respect to `wrt`).
pub fn grad_fn(
    inputs: &[(DType, Vec<i64>)],
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
    wrt: Option<&[usize]>,
) -> Result<Compiled> {
    let g = trace(inputs, f)?;
    Compiled::compile(&value_and_grad(&g, wrt)?)
}

/// Traces `f` on the types of `args` as a graph of its own, takes [`value_and_grad`] of it
/// with respect to the arguments `wrt` and applies it to `args`: returns (the outputs of
/// `f`, the gradients of its first output, in `wrt` order). Inside a trace the gradient
/// graph is inlined (this is how a traced function, e.g. a data-parallel step, takes a
/// gradient); eagerly it is compiled (cached) and run. `f` must only use its arguments
/// and eager tensors, not traced tensors of the enclosing trace.
pub fn value_and_grad_call(
    args: &[&Tensor],
    wrt: &[usize],
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
) -> Result<(Vec<Tensor>, Vec<Tensor>)> {
    let types: Vec<TensorType> = args.iter().map(|t| t.ty()).collect();
    let g = trace_types(&types, f)?;
    let n_out = g.outputs().len();
    let vg = value_and_grad(&g, Some(wrt))?;
    let mut outs = if is_tracing() {
        inline(&vg, args)?
    } else {
        Compiled::compile(&vg)?.call(args)?
    };
    let grads = outs.split_off(n_out);
    Ok((outs, grads))
}

fn reverse(g: &Graph, wrt: Option<&[usize]>, opts: &VjpOptions, seed_one: bool) -> Result<Graph> {
    let n_in = g.inputs().len();
    let wrt: Vec<usize> = match wrt {
        Some(w) => w.to_vec(),
        None => (0..n_in)
            .filter(|&i| g.ty(g.inputs()[i]).dtype.is_float())
            .collect(),
    };
    for &i in &wrt {
        if i >= n_in {
            return Err(err(format!(
                "wrt index {i} out of range: the graph has {n_in} inputs"
            )));
        }
        let t = g.ty(g.inputs()[i]);
        if !t.dtype.is_float() {
            return Err(err(format!(
                "input {i} has type {t}; only float inputs can be differentiated"
            )));
        }
    }
    if seed_one {
        match g.outputs().first() {
            Some(&o) if g.ty(o).dtype.is_float() && g.ty(o).rank() == 0 => {}
            Some(&o) => {
                return Err(err(format!(
                    "value_and_grad: the first output has type {}, expected a float scalar",
                    g.ty(o)
                )))
            }
            None => return Err(err("value_and_grad: the graph has no outputs")),
        }
    }
    let mut ad = Ad::new(g, opts.clone());
    ad.hot.extend(wrt.iter().map(|&i| g.inputs()[i]));
    ad.propagate(g.body());
    let params: Vec<Value> = g
        .inputs()
        .iter()
        .map(|p| ad.b.param(g.ty(*p).clone()))
        .collect();
    let mut cts = vec![];
    for (k, &o) in g.outputs().iter().enumerate() {
        let t = g.ty(o).clone();
        cts.push(if !t.dtype.is_float() {
            None
        } else if seed_one {
            if k == 0 {
                Some(ad.b.scalar(t.dtype, 1.0)?)
            } else {
                None
            }
        } else {
            Some(ad.b.param(t))
        });
    }
    let (pc, _) = ad.vjp_region(g.body(), &params, &cts, &[])?;
    let mut outs: Vec<Value> = g.outputs().iter().map(|v| ad.env[v]).collect();
    for &i in &wrt {
        let c = match pc[i] {
            Some(c) => c,
            None => zeros(&mut ad.b, &g.ty(g.inputs()[i]).clone())?,
        };
        outs.push(c);
    }
    ad.b.finish(&outs)
}

// ---- the transformer ---------------------------------------------------------------------

struct WhileTape {
    /// The forward loop's final iteration count (i32 scalar).
    count: Value,
    /// Per carry, a buffer of its value at the start of each iteration; `None` for carries
    /// the reverse rules never read (directly or through recomputed values), which are not
    /// stored: a linear loop body stores nothing.
    bufs: Vec<Option<Value>>,
    /// The buffers' length.
    len: i64,
    /// Whether `len` is a `max_iters` bound (not the exact trip count).
    bounded: bool,
}

struct Ad<'g> {
    g: &'g Graph,
    b: GraphBuilder,
    /// Primal value -> its value in the new graph (re-bound when a region is recomputed).
    env: HashMap<Value, Value>,
    /// Primal values that may have nonzero (co)tangents.
    hot: HashSet<Value>,
    /// Forward mode: primal value -> tangent (absent: symbolic zero).
    tan: HashMap<Value, Value>,
    /// The op defining each primal value (for static trip counts).
    def: HashMap<Value, &'g Op>,
    opts: VjpOptions,
}

fn collect_defs<'g>(r: &'g Region, def: &mut HashMap<Value, &'g Op>) {
    for e in &r.eqns {
        for o in &e.outputs {
            def.insert(*o, &e.op);
        }
        for sub in e.op.regions() {
            collect_defs(sub, def);
        }
    }
}

/// Values a region uses but does not define (its closure over outer values), sorted.
fn free_vars(r: &Region) -> Vec<Value> {
    fn walk(r: &Region, used: &mut BTreeSet<Value>, defined: &mut HashSet<Value>) {
        defined.extend(r.params.iter().copied());
        for e in &r.eqns {
            used.extend(e.op.operands());
            for sub in e.op.regions() {
                walk(sub, used, defined);
            }
            defined.extend(e.outputs.iter().copied());
        }
        used.extend(r.results.iter().copied());
    }
    let (mut used, mut defined) = (BTreeSet::new(), HashSet::new());
    walk(r, &mut used, &mut defined);
    used.into_iter().filter(|v| !defined.contains(v)).collect()
}

/// Whether an op's results can depend differentiably on its operands.
fn differentiable(op: &Op) -> bool {
    use UnaryOp::*;
    match op {
        Op::Constant(_)
        | Op::Iota { .. }
        | Op::Compare(..)
        | Op::Argmax { .. }
        | Op::Argmin { .. }
        | Op::BitcastConvert(..) => false,
        Op::Unary(u, _) => !matches!(u, Sign | Floor | Ceil | Round | Trunc | Not | IsFinite),
        Op::Binary(b, ..) => !matches!(
            b,
            BinaryOp::And
                | BinaryOp::Or
                | BinaryOp::Xor
                | BinaryOp::ShiftLeft
                | BinaryOp::ShiftRightLogical
                | BinaryOp::ShiftRightArithmetic
        ),
        _ => true,
    }
}

fn one_eqn(e: &Eqn) -> Region {
    Region {
        params: vec![],
        eqns: vec![e.clone()],
        results: vec![],
    }
}

impl<'g> Ad<'g> {
    fn new(g: &'g Graph, opts: VjpOptions) -> Ad<'g> {
        let mut def = HashMap::new();
        collect_defs(g.body(), &mut def);
        Ad {
            g,
            b: GraphBuilder::new(),
            env: HashMap::new(),
            hot: HashSet::new(),
            tan: HashMap::new(),
            def,
            opts,
        }
    }

    fn is_float(&self, v: Value) -> bool {
        self.g.ty(v).dtype.is_float()
    }

    /// Activity analysis: marks every float value that depends differentiably on a value
    /// already in `self.hot` (loops to a fixed point over `while` carries).
    fn propagate(&mut self, r: &Region) {
        for e in &r.eqns {
            match &e.op {
                Op::While { init, body, .. } => {
                    let mut hk: Vec<bool> = init.iter().map(|v| self.hot.contains(v)).collect();
                    loop {
                        for (p, h) in body.params.iter().zip(&hk) {
                            if *h {
                                self.hot.insert(*p);
                            }
                        }
                        self.propagate(body);
                        let mut changed = false;
                        for (res, h) in body.results.iter().zip(hk.iter_mut()) {
                            if !*h && self.hot.contains(res) && self.is_float(*res) {
                                *h = true;
                                changed = true;
                            }
                        }
                        if !changed {
                            break;
                        }
                    }
                    for (o, h) in e.outputs.iter().zip(&hk) {
                        if *h {
                            self.hot.insert(*o);
                        }
                    }
                }
                Op::Case { branches, .. } => {
                    for br in branches {
                        self.propagate(br);
                    }
                    for (k, o) in e.outputs.iter().enumerate() {
                        if self.is_float(*o)
                            && branches.iter().any(|br| self.hot.contains(&br.results[k]))
                        {
                            self.hot.insert(*o);
                        }
                    }
                }
                op => {
                    if differentiable(op) && op.operands().iter().any(|v| self.hot.contains(v)) {
                        for o in &e.outputs {
                            if self.is_float(*o) {
                                self.hot.insert(*o);
                            }
                        }
                    }
                }
            }
        }
    }

    fn replay_eqn(&mut self, e: &Eqn) -> Result<()> {
        replay(self.g, &one_eqn(e), &mut self.b, &mut self.env)
    }

    fn mapped(&self, vs: &[Value]) -> Result<Vec<Value>> {
        vs.iter()
            .map(|v| {
                self.env
                    .get(v)
                    .copied()
                    .ok_or_else(|| err(format!("unbound value {v}")))
            })
            .collect()
    }

    fn tan_or_zero(&mut self, v: Value) -> Result<Value> {
        match self.tan.get(&v) {
            Some(t) => Ok(*t),
            None => zeros(&mut self.b, &self.g.ty(v).clone()),
        }
    }

    // ---- forward mode ----------------------------------------------------------------

    fn jvp_region(&mut self, r: &Region) -> Result<()> {
        for e in &r.eqns {
            match &e.op {
                Op::While { .. } => self.while_jvp(e)?,
                Op::Case { .. } => self.case_jvp(e)?,
                op => {
                    self.replay_eqn(e)?;
                    let operands = op.operands();
                    let tans: Vec<Option<Value>> =
                        operands.iter().map(|v| self.tan.get(v).copied()).collect();
                    if tans.iter().all(Option::is_none)
                        || !e.outputs.iter().any(|o| self.hot.contains(o))
                    {
                        for o in &e.outputs {
                            self.tan.remove(o);
                        }
                        continue;
                    }
                    let ins = self.mapped(&operands)?;
                    let outs = self.mapped(&e.outputs)?;
                    let ot = jvp_rule(&mut self.b, op, &ins, &outs, &tans)?;
                    for (o, t) in e.outputs.iter().zip(ot) {
                        match t {
                            Some(t) if self.hot.contains(o) => {
                                self.tan.insert(*o, t);
                            }
                            _ => {
                                self.tan.remove(o);
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn while_jvp(&mut self, e: &Eqn) -> Result<()> {
        let Op::While { init, cond, body } = &e.op else {
            return Err(err("internal: while_jvp on another op"));
        };
        let hk: Vec<usize> = (0..init.len())
            .filter(|&k| self.hot.contains(&e.outputs[k]))
            .collect();
        if hk.is_empty() {
            return self.replay_eqn(e);
        }
        let n = init.len();
        let mut new_init = self.mapped(init)?;
        for &k in &hk {
            let t = self.tan_or_zero(init[k])?;
            new_init.push(t);
        }
        let mut types: Vec<TensorType> = init.iter().map(|v| self.g.ty(*v).clone()).collect();
        types.extend(hk.iter().map(|&k| self.g.ty(init[k]).clone()));
        // cond: the primal condition on the primal part of the carry.
        let ps = self.b.begin_region(&types);
        for (p, v) in cond.params.iter().zip(&ps) {
            self.env.insert(*p, *v);
        }
        replay(self.g, cond, &mut self.b, &mut self.env)?;
        let c = self.mapped(&cond.results)?;
        let cond_r = self.b.end_region(&c)?;
        // body: primal and tangent.
        let ps = self.b.begin_region(&types);
        for (k, p) in body.params.iter().enumerate() {
            self.env.insert(*p, ps[k]);
            self.tan.remove(p);
        }
        for (j, &k) in hk.iter().enumerate() {
            self.tan.insert(body.params[k], ps[n + j]);
        }
        self.jvp_region(body)?;
        let mut res = self.mapped(&body.results)?;
        for &k in &hk {
            let t = self.tan_or_zero(body.results[k])?;
            res.push(t);
        }
        let body_r = self.b.end_region(&res)?;
        let outs = self.b.add(Op::While {
            init: new_init,
            cond: cond_r,
            body: body_r,
        })?;
        for (k, o) in e.outputs.iter().enumerate() {
            self.env.insert(*o, outs[k]);
            self.tan.remove(o);
        }
        for (j, &k) in hk.iter().enumerate() {
            self.tan.insert(e.outputs[k], outs[n + j]);
        }
        Ok(())
    }

    fn case_jvp(&mut self, e: &Eqn) -> Result<()> {
        let Op::Case { index, branches } = &e.op else {
            return Err(err("internal: case_jvp on another op"));
        };
        let hk: Vec<usize> = (0..e.outputs.len())
            .filter(|&k| self.hot.contains(&e.outputs[k]))
            .collect();
        if hk.is_empty() {
            return self.replay_eqn(e);
        }
        let idx = self.mapped(&[*index])?[0];
        let mut regions = vec![];
        for br in branches {
            self.b.begin_region(&[]);
            self.jvp_region(br)?;
            let mut res = self.mapped(&br.results)?;
            for &k in &hk {
                let t = self.tan_or_zero(br.results[k])?;
                res.push(t);
            }
            regions.push(self.b.end_region(&res)?);
        }
        let outs = self.b.add(Op::Case {
            index: idx,
            branches: regions,
        })?;
        let n = e.outputs.len();
        for (k, o) in e.outputs.iter().enumerate() {
            self.env.insert(*o, outs[k]);
            self.tan.remove(o);
        }
        for (j, &k) in hk.iter().enumerate() {
            self.tan.insert(e.outputs[k], outs[n + j]);
        }
        Ok(())
    }

    // ---- reverse mode ----------------------------------------------------------------

    /// Emits the forward replay of `r` (with `params` as its parameters) and then its
    /// reverse pass, seeded with `res_cts` for its results. Returns the cotangents of its
    /// parameters and of the outer values `want_free` (`None`: zero).
    #[allow(clippy::type_complexity)]
    fn vjp_region(
        &mut self,
        r: &Region,
        params: &[Value],
        res_cts: &[Option<Value>],
        want_free: &[Value],
    ) -> Result<(Vec<Option<Value>>, Vec<Option<Value>>)> {
        for (p, v) in r.params.iter().zip(params) {
            self.env.insert(*p, *v);
        }
        let mut tapes = vec![];
        for e in &r.eqns {
            tapes.push(self.forward_eqn(e)?);
        }
        let mut ct: HashMap<Value, Value> = HashMap::new();
        for (res, c) in r.results.iter().zip(res_cts) {
            if let Some(c) = c {
                if self.hot.contains(res) {
                    accumulate(&mut self.b, &mut ct, *res, *c)?;
                }
            }
        }
        for (e, tape) in r.eqns.iter().zip(tapes).rev() {
            let cts: Vec<Option<Value>> = e.outputs.iter().map(|o| ct.remove(o)).collect();
            if cts.iter().all(Option::is_none) {
                continue;
            }
            match &e.op {
                Op::While { .. } => self.while_backward(e, tape, &cts, &mut ct)?,
                Op::Case { .. } => self.case_backward(e, &cts, &mut ct)?,
                op => {
                    let operands = op.operands();
                    let need: Vec<bool> = operands.iter().map(|v| self.hot.contains(v)).collect();
                    if !need.iter().any(|x| *x) {
                        continue;
                    }
                    let ins = self.mapped(&operands)?;
                    let outs = self.mapped(&e.outputs)?;
                    let ic = vjp_rule(&mut self.b, op, &ins, &outs, &cts, &need)?;
                    for ((v, c), nd) in operands.iter().zip(ic).zip(need) {
                        if let (Some(c), true) = (c, nd) {
                            accumulate(&mut self.b, &mut ct, *v, c)?;
                        }
                    }
                }
            }
        }
        let pc = r.params.iter().map(|p| ct.get(p).copied()).collect();
        let fc = want_free.iter().map(|f| ct.get(f).copied()).collect();
        Ok((pc, fc))
    }

    /// The forward half of reverse mode for one equation: a plain replay, except for an
    /// active `while`, whose carries are recorded per iteration.
    fn forward_eqn(&mut self, e: &Eqn) -> Result<Option<WhileTape>> {
        match &e.op {
            Op::While { init, cond, body } if e.outputs.iter().any(|o| self.hot.contains(o)) => {
                let (len, bounded) = match static_trip_count(&self.def, init, cond, body) {
                    Some(n) => (n.max(1), false),
                    None => match self.opts.max_iters {
                        Some(m) => (m.max(1) as i64, true),
                        None => {
                            return Err(err(
                                "reverse mode through `while` needs a static trip count (a \
                                 counter carry started at a constant, stepped by a constant and \
                                 compared with a constant) or a bound: pass \
                                 VjpOptions { max_iters: Some(n) } to vjp_with_options or \
                                 value_and_grad_with_options",
                            ))
                        }
                    },
                };
                self.while_forward(e, len, bounded).map(Some)
            }
            _ => {
                self.replay_eqn(e)?;
                Ok(None)
            }
        }
    }

    fn while_forward(&mut self, e: &Eqn, len: i64, bounded: bool) -> Result<WhileTape> {
        let Op::While { init, cond, body } = &e.op else {
            return Err(err("internal: while_forward on another op"));
        };
        let n = init.len();
        let carry_t: Vec<TensorType> = init.iter().map(|v| self.g.ty(*v).clone()).collect();
        let needed = self.carries_read_in_reverse(body);
        let stored: Vec<usize> = (0..n).filter(|&k| needed[k]).collect();
        let buf_t: Vec<TensorType> = stored
            .iter()
            .map(|&k| {
                let t = &carry_t[k];
                let mut s = vec![len];
                s.extend(&t.shape);
                TensorType::new(t.dtype, &s)
            })
            .collect();
        let mut new_init = self.mapped(init)?;
        new_init.push(self.b.scalar(DType::I32, 0.0)?);
        for t in &buf_t {
            new_init.push(zeros(&mut self.b, t)?);
        }
        let mut types = carry_t.clone();
        types.push(TensorType::scalar(DType::I32));
        types.extend(buf_t.iter().cloned());

        let ps = self.b.begin_region(&types);
        for (p, v) in cond.params.iter().zip(&ps) {
            self.env.insert(*p, *v);
        }
        replay(self.g, cond, &mut self.b, &mut self.env)?;
        let c = self.mapped(&cond.results)?;
        let cond_r = self.b.end_region(&c)?;

        let ps = self.b.begin_region(&types);
        let i = ps[n];
        let zero_i = self.b.scalar(DType::I32, 0.0)?;
        let mut new_bufs = vec![];
        for (j, &k) in stored.iter().enumerate() {
            let mut s1 = vec![1];
            s1.extend(&carry_t[k].shape);
            let upd = self.b.add1(Op::Reshape(ps[k], s1))?;
            let mut starts = vec![i];
            starts.extend(std::iter::repeat(zero_i).take(carry_t[k].rank()));
            new_bufs.push(self.b.add1(Op::DynamicUpdateSlice {
                x: ps[n + 1 + j],
                update: upd,
                starts,
            })?);
        }
        for (p, v) in body.params.iter().zip(&ps) {
            self.env.insert(*p, *v);
        }
        replay(self.g, body, &mut self.b, &mut self.env)?;
        let mut res = self.mapped(&body.results)?;
        let one = self.b.scalar(DType::I32, 1.0)?;
        res.push(self.b.add1(Op::Binary(BinaryOp::Add, i, one))?);
        res.extend(new_bufs);
        let body_r = self.b.end_region(&res)?;

        let outs = self.b.add(Op::While {
            init: new_init,
            cond: cond_r,
            body: body_r,
        })?;
        for (k, o) in e.outputs.iter().enumerate() {
            self.env.insert(*o, outs[k]);
        }
        let mut bufs = vec![None; n];
        for (j, &k) in stored.iter().enumerate() {
            bufs[k] = Some(outs[n + 1 + j]);
        }
        Ok(WhileTape {
            count: outs[n],
            bufs,
            len,
            bounded,
        })
    }

    /// Which carries of a loop `body` the reverse pass must see: those on which some primal
    /// value read by a reverse rule of the body depends. Rules are classified conservatively:
    /// only ops whose VJP is linear in the cotangent and reads no primal value (adds,
    /// negation, reshapes, slices, padding, concatenation, broadcasts, sums, float
    /// conversion) or only an inactive operand (products and quotients by inactive values,
    /// contractions with an inactive operand) read less than everything.
    fn carries_read_in_reverse(&self, body: &Region) -> Vec<bool> {
        let hot = |v: &Value| self.hot.contains(v);
        let mut read: HashSet<Value> = HashSet::new();
        let mut read_all = false;
        for e in &body.eqns {
            // Nested loops and branches use outer values without naming them as operands:
            // keep everything.
            if e.op.regions().into_iter().next().is_some() {
                read_all = true;
                break;
            }
            let ops = e.op.operands();
            if !ops.iter().any(hot) {
                continue;
            }
            match &e.op {
                Op::Binary(BinaryOp::Add | BinaryOp::Sub, ..)
                | Op::Unary(UnaryOp::Neg, _)
                | Op::Reshape(..)
                | Op::Transpose(..)
                | Op::BroadcastInDim { .. }
                | Op::Slice { .. }
                | Op::Concatenate(..)
                | Op::Reduce {
                    op: ReduceOp::Sum, ..
                } => {}
                Op::Convert(x, d) if d.is_float() && self.g.ty(*x).dtype.is_float() => {}
                Op::Pad { value, .. } if !hot(value) => {}
                Op::Binary(BinaryOp::Mul, a, b2) if !(hot(a) && hot(b2)) => {
                    read.insert(if hot(a) { *b2 } else { *a });
                }
                Op::Binary(BinaryOp::Div, a, b2) if !hot(b2) => {
                    let _ = a;
                    read.insert(*b2);
                }
                Op::DotGeneral { lhs, rhs, .. } if !(hot(lhs) && hot(rhs)) => {
                    read.insert(if hot(lhs) { *rhs } else { *lhs });
                }
                Op::DynamicSlice { starts, .. } => read.extend(starts.iter().copied()),
                Op::DynamicUpdateSlice { starts, .. } => read.extend(starts.iter().copied()),
                Op::Select { pred, .. } => {
                    read.insert(*pred);
                }
                _ => {
                    read_all = true;
                    break;
                }
            }
        }
        let n = body.params.len();
        if read_all {
            return vec![true; n];
        }
        // The carries those values depend on, walking definitions backwards.
        let def: HashMap<Value, &Eqn> = body
            .eqns
            .iter()
            .flat_map(|e| e.outputs.iter().map(move |o| (*o, e)))
            .collect();
        let mut seen: HashSet<Value> = HashSet::new();
        let mut stack: Vec<Value> = read.into_iter().collect();
        while let Some(v) = stack.pop() {
            if !seen.insert(v) {
                continue;
            }
            if let Some(e) = def.get(&v) {
                stack.extend(e.op.operands());
                for r in e.op.regions() {
                    stack.extend(free_vars(r));
                }
            }
        }
        body.params.iter().map(|p| seen.contains(p)).collect()
    }

    fn while_backward(
        &mut self,
        e: &Eqn,
        tape: Option<WhileTape>,
        cts: &[Option<Value>],
        ct: &mut HashMap<Value, Value>,
    ) -> Result<()> {
        let Op::While { init, body, .. } = &e.op else {
            return Err(err("internal: while_backward on another op"));
        };
        let Some(tape) = tape else {
            return Ok(()); // inactive loop
        };
        let n = init.len();
        let active: Vec<usize> = (0..n)
            .filter(|&k| self.hot.contains(&e.outputs[k]))
            .collect();
        if active.is_empty() {
            return Ok(());
        }
        let fv: Vec<Value> = free_vars(body)
            .into_iter()
            .filter(|v| self.hot.contains(v))
            .collect();
        // carries of the reverse loop: iteration index, carry cotangents, free-var cotangents.
        let mut types = vec![TensorType::scalar(DType::I32)];
        let lenv = self.b.scalar(DType::I32, tape.len as f64)?;
        let j0 = self.b.add1(Op::Binary(BinaryOp::Min, tape.count, lenv))?;
        let mut rinit = vec![j0];
        for &k in &active {
            let t = self.g.ty(init[k]).clone();
            rinit.push(match cts[k] {
                Some(c) => c,
                None => zeros(&mut self.b, &t)?,
            });
            types.push(t);
        }
        for f in &fv {
            let t = self.g.ty(*f).clone();
            rinit.push(zeros(&mut self.b, &t)?);
            types.push(t);
        }
        let na = active.len();

        let ps = self.b.begin_region(&types);
        let z = self.b.scalar(DType::I32, 0.0)?;
        let c = self.b.add1(Op::Compare(CmpOp::Gt, ps[0], z))?;
        let cond_r = self.b.end_region(&[c])?;

        let ps = self.b.begin_region(&types);
        let one = self.b.scalar(DType::I32, 1.0)?;
        let j1 = self.b.add1(Op::Binary(BinaryOp::Sub, ps[0], one))?;
        let zero_i = self.b.scalar(DType::I32, 0.0)?;
        let mut xs = vec![];
        for (v, buf) in init.iter().zip(&tape.bufs) {
            let t = self.g.ty(*v).clone();
            let Some(buf) = buf else {
                // Never read by the reverse rules: any value will do (XLA drops it).
                xs.push(zeros(&mut self.b, &t)?);
                continue;
            };
            let mut starts = vec![j1];
            starts.extend(std::iter::repeat(zero_i).take(t.rank()));
            let mut sizes = vec![1];
            sizes.extend(&t.shape);
            let s = self.b.add1(Op::DynamicSlice {
                x: *buf,
                starts,
                sizes,
            })?;
            xs.push(self.b.add1(Op::Reshape(s, t.shape.clone()))?);
        }
        let mut rc: Vec<Option<Value>> = vec![None; n];
        for (j, &k) in active.iter().enumerate() {
            rc[k] = Some(ps[1 + j]);
        }
        let (pc, fc) = self.vjp_region(body, &xs, &rc, &fv)?;
        let mut res = vec![j1];
        for &k in &active {
            res.push(match pc[k] {
                Some(c) => c,
                None => zeros(&mut self.b, &self.g.ty(init[k]).clone())?,
            });
        }
        for (j, c) in fc.into_iter().enumerate() {
            let acc = ps[1 + na + j];
            res.push(match c {
                Some(c) => self.b.add1(Op::Binary(BinaryOp::Add, acc, c))?,
                None => acc,
            });
        }
        let body_r = self.b.end_region(&res)?;
        let outs = self.b.add(Op::While {
            init: rinit,
            cond: cond_r,
            body: body_r,
        })?;
        let overflow = if tape.bounded {
            Some(self.b.add1(Op::Compare(CmpOp::Gt, tape.count, lenv))?)
        } else {
            None
        };
        let mut give = |s: &mut Self, v: Value, c: Value| -> Result<()> {
            let c = match overflow {
                Some(o) => poison(&mut s.b, o, c)?,
                None => c,
            };
            accumulate(&mut s.b, ct, v, c)
        };
        for (j, &k) in active.iter().enumerate() {
            if self.hot.contains(&init[k]) {
                give(self, init[k], outs[1 + j])?;
            }
        }
        for (j, f) in fv.iter().enumerate() {
            give(self, *f, outs[1 + na + j])?;
        }
        Ok(())
    }

    fn case_backward(
        &mut self,
        e: &Eqn,
        cts: &[Option<Value>],
        ct: &mut HashMap<Value, Value>,
    ) -> Result<()> {
        let Op::Case { index, branches } = &e.op else {
            return Err(err("internal: case_backward on another op"));
        };
        let mut fv: BTreeSet<Value> = BTreeSet::new();
        for br in branches {
            fv.extend(free_vars(br).into_iter().filter(|v| self.hot.contains(v)));
        }
        let fv: Vec<Value> = fv.into_iter().collect();
        if fv.is_empty() {
            return Ok(());
        }
        let idx = self.mapped(&[*index])?[0];
        let mut regions = vec![];
        for br in branches {
            self.b.begin_region(&[]);
            let (_, fc) = self.vjp_region(br, &[], cts, &fv)?;
            let mut res = vec![];
            for (c, f) in fc.into_iter().zip(&fv) {
                res.push(match c {
                    Some(c) => c,
                    None => zeros(&mut self.b, &self.g.ty(*f).clone())?,
                });
            }
            regions.push(self.b.end_region(&res)?);
        }
        let outs = self.b.add(Op::Case {
            index: idx,
            branches: regions,
        })?;
        for (f, c) in fv.iter().zip(outs) {
            accumulate(&mut self.b, ct, *f, c)?;
        }
        Ok(())
    }
}

/// `c` where `!overflow`, NaN where `overflow` (a bool scalar).
fn poison(b: &mut GraphBuilder, overflow: Value, c: Value) -> Result<Value> {
    let t = b.ty(c).clone();
    let nan = b.full(t.dtype, &t.shape, f64::NAN)?;
    let o = b.broadcast_to(overflow, &t.shape)?;
    b.add1(Op::Select {
        pred: o,
        on_true: nan,
        on_false: c,
    })
}

fn accumulate(
    b: &mut GraphBuilder,
    ct: &mut HashMap<Value, Value>,
    v: Value,
    c: Value,
) -> Result<()> {
    let new = match ct.get(&v) {
        Some(old) => b.add1(Op::Binary(BinaryOp::Add, *old, c))?,
        None => c,
    };
    ct.insert(v, new);
    Ok(())
}

/// An integer scalar constant (through the defining op), if `v` is one.
fn const_int(def: &HashMap<Value, &Op>, v: Value) -> Option<i64> {
    match def.get(&v)? {
        Op::Constant(lit)
            if lit.ty.rank() == 0 && !lit.ty.dtype.is_float() && lit.ty.dtype != DType::Bool =>
        {
            lit.to_f64_vec().first().map(|x| *x as i64)
        }
        _ => None,
    }
}

/// The trip count of `while` if it is static: some carry `i` starts at a constant, the
/// body sets it to `i + c` (or `i - c`) for a constant `c`, and the condition is a
/// comparison of `i` with a constant.
fn static_trip_count(
    def: &HashMap<Value, &Op>,
    init: &[Value],
    cond: &Region,
    body: &Region,
) -> Option<i64> {
    let res = *cond.results.first()?;
    let cmp = cond.eqns.iter().find(|e| e.outputs.contains(&res))?;
    let Op::Compare(dir, a, b) = cmp.op else {
        return None;
    };
    let (k, bound, dir) = if let Some(k) = cond.params.iter().position(|p| *p == a) {
        (k, const_int(def, b)?, dir)
    } else {
        let k = cond.params.iter().position(|p| *p == b)?;
        let flip = match dir {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            d => d,
        };
        (k, const_int(def, a)?, flip)
    };
    let start = const_int(def, init[k])?;
    let next = body.results[k];
    let p = body.params[k];
    let step_eqn = body.eqns.iter().find(|e| e.outputs.contains(&next))?;
    let step = match step_eqn.op {
        Op::Binary(BinaryOp::Add, x, y) if x == p => const_int(def, y)?,
        Op::Binary(BinaryOp::Add, x, y) if y == p => const_int(def, x)?,
        Op::Binary(BinaryOp::Sub, x, y) if x == p => -const_int(def, y)?,
        _ => return None,
    };
    let holds = |i: i64| match dir {
        CmpOp::Lt => i < bound,
        CmpOp::Le => i <= bound,
        CmpOp::Gt => i > bound,
        CmpOp::Ge => i >= bound,
        CmpOp::Ne => i != bound,
        CmpOp::Eq => i == bound,
    };
    let (mut i, mut n) = (start, 0i64);
    while holds(i) {
        n += 1;
        i = i.checked_add(step)?;
        if n > 100_000_000 {
            return None;
        }
    }
    Some(n)
}

// ---- emission helpers ---------------------------------------------------------------------

fn zeros(b: &mut GraphBuilder, t: &TensorType) -> Result<Value> {
    b.full(t.dtype, &t.shape, 0.0)
}

fn zeros_like(b: &mut GraphBuilder, v: Value) -> Result<Value> {
    let t = b.ty(v).clone();
    zeros(b, &t)
}

fn cst(b: &mut GraphBuilder, like: Value, c: f64) -> Result<Value> {
    let t = b.ty(like).clone();
    b.full(t.dtype, &t.shape, c)
}

fn bin(b: &mut GraphBuilder, op: BinaryOp, x: Value, y: Value) -> Result<Value> {
    b.add1(Op::Binary(op, x, y))
}

fn add(b: &mut GraphBuilder, x: Value, y: Value) -> Result<Value> {
    bin(b, BinaryOp::Add, x, y)
}

fn mul(b: &mut GraphBuilder, x: Value, y: Value) -> Result<Value> {
    bin(b, BinaryOp::Mul, x, y)
}

fn un(b: &mut GraphBuilder, op: UnaryOp, x: Value) -> Result<Value> {
    b.add1(Op::Unary(op, x))
}

fn cmp(b: &mut GraphBuilder, op: CmpOp, x: Value, y: Value) -> Result<Value> {
    b.add1(Op::Compare(op, x, y))
}

fn sel(b: &mut GraphBuilder, p: Value, x: Value, y: Value) -> Result<Value> {
    b.add1(Op::Select {
        pred: p,
        on_true: x,
        on_false: y,
    })
}

fn or_zeros(b: &mut GraphBuilder, t: Option<Value>, like: Value) -> Result<Value> {
    match t {
        Some(t) => Ok(t),
        None => zeros_like(b, like),
    }
}

fn add_opt(b: &mut GraphBuilder, x: Option<Value>, y: Option<Value>) -> Result<Option<Value>> {
    Ok(match (x, y) {
        (Some(x), Some(y)) => Some(add(b, x, y)?),
        (x, None) => x,
        (None, y) => y,
    })
}

/// A partial derivative: known 0, ±1, or a value.
#[derive(Clone, Copy)]
enum P {
    Zero,
    One,
    NegOne,
    V(Value),
}

/// `p * t`.
fn scale(b: &mut GraphBuilder, p: P, t: Option<Value>) -> Result<Option<Value>> {
    let Some(t) = t else { return Ok(None) };
    Ok(match p {
        P::Zero => None,
        P::One => Some(t),
        P::NegOne => Some(un(b, UnaryOp::Neg, t)?),
        P::V(v) => Some(mul(b, v, t)?),
    })
}

/// `d y / d x` of `y = u(x)`.
fn unary_partial(b: &mut GraphBuilder, u: UnaryOp, x: Value, y: Value) -> Result<P> {
    use UnaryOp::*;
    let one = |b: &mut GraphBuilder| cst(b, x, 1.0);
    let v = match u {
        Neg => return Ok(P::NegOne),
        Sign | Floor | Ceil | Round | Trunc | Not | IsFinite => return Ok(P::Zero),
        Abs => {
            let z = cst(b, x, 0.0)?;
            let p = cmp(b, CmpOp::Ge, x, z)?;
            let (o, m) = (one(b)?, cst(b, x, -1.0)?);
            sel(b, p, o, m)?
        }
        Sin => un(b, Cos, x)?,
        Cos => {
            let s = un(b, Sin, x)?;
            un(b, Neg, s)?
        }
        Tan => {
            let yy = mul(b, y, y)?;
            let o = one(b)?;
            add(b, o, yy)?
        }
        Asin | Acos => {
            let xx = mul(b, x, x)?;
            let o = one(b)?;
            let d = bin(b, BinaryOp::Sub, o, xx)?;
            let s = un(b, Sqrt, d)?;
            let r = un(b, Recip, s)?;
            if u == Acos {
                un(b, Neg, r)?
            } else {
                r
            }
        }
        Atan => {
            let xx = mul(b, x, x)?;
            let o = one(b)?;
            let d = add(b, o, xx)?;
            un(b, Recip, d)?
        }
        Sinh => un(b, Cosh, x)?,
        Cosh => un(b, Sinh, x)?,
        Tanh => {
            let yy = mul(b, y, y)?;
            let o = one(b)?;
            bin(b, BinaryOp::Sub, o, yy)?
        }
        Asinh => {
            let xx = mul(b, x, x)?;
            let o = one(b)?;
            let d = add(b, xx, o)?;
            let s = un(b, Sqrt, d)?;
            un(b, Recip, s)?
        }
        Acosh => {
            let o = one(b)?;
            let xm = bin(b, BinaryOp::Sub, x, o)?;
            let xp = add(b, x, o)?;
            let (sm, sp) = (un(b, Sqrt, xm)?, un(b, Sqrt, xp)?);
            let p = mul(b, sm, sp)?;
            un(b, Recip, p)?
        }
        Atanh => {
            let xx = mul(b, x, x)?;
            let o = one(b)?;
            let d = bin(b, BinaryOp::Sub, o, xx)?;
            un(b, Recip, d)?
        }
        Exp => y,
        Exp2 => {
            let c = cst(b, x, std::f64::consts::LN_2)?;
            mul(b, y, c)?
        }
        Expm1 => {
            let o = one(b)?;
            add(b, y, o)?
        }
        Log => un(b, Recip, x)?,
        Log2 | Log10 => {
            let l = if u == Log2 {
                std::f64::consts::LN_2
            } else {
                std::f64::consts::LN_10
            };
            let c = cst(b, x, l)?;
            let d = mul(b, x, c)?;
            un(b, Recip, d)?
        }
        Log1p => {
            let o = one(b)?;
            let d = add(b, o, x)?;
            un(b, Recip, d)?
        }
        Sqrt => {
            let h = cst(b, x, 0.5)?;
            bin(b, BinaryOp::Div, h, y)?
        }
        Cbrt => {
            let c = cst(b, x, 3.0)?;
            let yy = mul(b, y, y)?;
            let d = mul(b, c, yy)?;
            un(b, Recip, d)?
        }
        Rsqrt => {
            // d x^(-1/2) = -1/2 x^(-3/2) = -y³/2
            let c = cst(b, x, -0.5)?;
            let yy = mul(b, y, y)?;
            let y3 = mul(b, yy, y)?;
            mul(b, c, y3)?
        }
        Recip => {
            let yy = mul(b, y, y)?;
            un(b, Neg, yy)?
        }
        Logistic => {
            let o = one(b)?;
            let d = bin(b, BinaryOp::Sub, o, y)?;
            mul(b, y, d)?
        }
    };
    Ok(P::V(v))
}

/// `max(a, b)` partials with JAX's tie convention (1/2 each); `min` swaps the comparisons.
fn minmax_partials(b: &mut GraphBuilder, is_max: bool, x: Value, y: Value) -> Result<(P, P)> {
    let (gt, lt) = (cmp(b, CmpOp::Gt, x, y)?, cmp(b, CmpOp::Lt, x, y)?);
    let (wins, loses) = if is_max { (gt, lt) } else { (lt, gt) };
    let (o, z, h) = (cst(b, x, 1.0)?, cst(b, x, 0.0)?, cst(b, x, 0.5)?);
    let ta = sel(b, loses, z, h)?;
    let da = sel(b, wins, o, ta)?;
    let tb = sel(b, loses, o, h)?;
    let db = sel(b, wins, z, tb)?;
    Ok((P::V(da), P::V(db)))
}

/// Partials of `y = op(x, z)`.
fn binary_partial(
    b: &mut GraphBuilder,
    op: BinaryOp,
    x: Value,
    z: Value,
    y: Value,
) -> Result<(P, P)> {
    use BinaryOp::*;
    Ok(match op {
        Add => (P::One, P::One),
        Sub => (P::One, P::NegOne),
        Mul => (P::V(z), P::V(x)),
        Div => {
            let r = un(b, UnaryOp::Recip, z)?;
            let yr = mul(b, y, r)?;
            (P::V(r), P::V(un(b, UnaryOp::Neg, yr)?))
        }
        Rem => {
            // x - z * trunc(x / z)
            let q = bin(b, Div, x, z)?;
            let t = un(b, UnaryOp::Trunc, q)?;
            (P::One, P::V(un(b, UnaryOp::Neg, t)?))
        }
        Pow => {
            let (zero, one) = (cst(b, x, 0.0)?, cst(b, x, 1.0)?);
            let x0 = cmp(b, CmpOp::Eq, x, zero)?;
            let p0 = cmp(b, CmpOp::Eq, z, zero)?;
            let both = bin(b, And, x0, p0)?;
            let zm1 = bin(b, Sub, z, one)?;
            let pw = bin(b, Pow, x, zm1)?;
            let dx = mul(b, z, pw)?;
            let dx = sel(b, both, zero, dx)?;
            let lx = un(b, UnaryOp::Log, x)?;
            let dp = mul(b, lx, y)?;
            let dp = sel(b, x0, zero, dp)?;
            (P::V(dx), P::V(dp))
        }
        Atan2 => {
            let (xx, zz) = (mul(b, x, x)?, mul(b, z, z)?);
            let s = add(b, xx, zz)?;
            let r = un(b, UnaryOp::Recip, s)?;
            let da = mul(b, z, r)?;
            let xr = mul(b, x, r)?;
            (P::V(da), P::V(un(b, UnaryOp::Neg, xr)?))
        }
        Hypot => {
            let (zero, half) = (cst(b, x, 0.0)?, cst(b, x, 0.5)?);
            let h0 = cmp(b, CmpOp::Eq, y, zero)?;
            let (dx, dz) = (bin(b, Div, x, y)?, bin(b, Div, z, y)?);
            (P::V(sel(b, h0, half, dx)?), P::V(sel(b, h0, half, dz)?))
        }
        Max => minmax_partials(b, true, x, z)?,
        Min => minmax_partials(b, false, x, z)?,
        And | Or | Xor | ShiftLeft | ShiftRightLogical | ShiftRightArithmetic => (P::Zero, P::Zero),
    })
}

/// Partials of `clamp(lo, x, hi) = min(max(x, lo), hi)` (operand order lo, x, hi).
fn clamp_partials(b: &mut GraphBuilder, lo: Value, x: Value, hi: Value) -> Result<[P; 3]> {
    let m = bin(b, BinaryOp::Max, x, lo)?;
    let (dm_dx, dm_dlo) = minmax_partials(b, true, x, lo)?;
    let (dy_dm, dy_dhi) = minmax_partials(b, false, m, hi)?;
    let (P::V(dm_dx), P::V(dm_dlo), P::V(dy_dm)) = (dm_dx, dm_dlo, dy_dm) else {
        return Err(err("internal: clamp partials"));
    };
    Ok([
        P::V(mul(b, dy_dm, dm_dlo)?),
        P::V(mul(b, dy_dm, dm_dx)?),
        dy_dhi,
    ])
}

fn powi_partial(b: &mut GraphBuilder, x: Value, n: i32) -> Result<P> {
    if n == 0 {
        return Ok(P::Zero);
    }
    let p = b.add1(Op::Powi(x, n - 1))?;
    let c = cst(b, x, n as f64)?;
    Ok(P::V(mul(b, c, p)?))
}

/// Partials of an elementwise op (one per operand), or `None` for other ops.
fn elementwise_partials(
    b: &mut GraphBuilder,
    op: &Op,
    ins: &[Value],
    y: Value,
) -> Result<Option<Vec<P>>> {
    Ok(Some(match op {
        Op::Unary(u, _) => vec![unary_partial(b, *u, ins[0], y)?],
        Op::Binary(o, ..) => {
            let (p, q) = binary_partial(b, *o, ins[0], ins[1], y)?;
            vec![p, q]
        }
        Op::Powi(_, n) => vec![powi_partial(b, ins[0], *n)?],
        Op::Clamp { .. } => clamp_partials(b, ins[0], ins[1], ins[2])?.to_vec(),
        _ => return Ok(None),
    }))
}

/// The kept (non-reduced) axes of a reduction over `axes` of rank `rank`.
fn kept_axes(rank: usize, axes: &[i64]) -> Vec<i64> {
    (0..rank as i64).filter(|i| !axes.contains(i)).collect()
}

/// `v` (the result of reducing `x` over `axes`) broadcast back to `x`'s shape.
fn unreduce(b: &mut GraphBuilder, v: Value, x: &TensorType, axes: &[i64]) -> Result<Value> {
    b.add1(Op::BroadcastInDim {
        x: v,
        shape: x.shape.clone(),
        dims: kept_axes(x.rank(), axes),
    })
}

/// Weights of a max/min reduction: 1/count at the elements equal to the result (JAX: ties
/// share the derivative equally), 0 elsewhere.
fn extremum_weights(b: &mut GraphBuilder, x: Value, y: Value, axes: &[i64]) -> Result<Value> {
    let xt = b.ty(x).clone();
    let yb = unreduce(b, y, &xt, axes)?;
    let eq = cmp(b, CmpOp::Eq, x, yb)?;
    let mask = b.add1(Op::Convert(eq, xt.dtype))?;
    let cnt = b.add1(Op::Reduce {
        op: ReduceOp::Sum,
        x: mask,
        axes: axes.to_vec(),
    })?;
    let cb = unreduce(b, cnt, &xt, axes)?;
    bin(b, BinaryOp::Div, mask, cb)
}

fn transpose(b: &mut GraphBuilder, x: Value, perm: &[i64]) -> Result<Value> {
    if perm.iter().enumerate().all(|(i, p)| i as i64 == *p) {
        return Ok(x);
    }
    b.add1(Op::Transpose(x, perm.to_vec()))
}

fn reshape(b: &mut GraphBuilder, x: Value, shape: &[i64]) -> Result<Value> {
    if b.ty(x).shape == shape {
        return Ok(x);
    }
    b.add1(Op::Reshape(x, shape.to_vec()))
}

fn inverse_perm(perm: &[i64]) -> Vec<i64> {
    let mut inv = vec![0; perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        inv[p as usize] = i as i64;
    }
    inv
}

/// `d prod(x, axes) / d x`: the product of the other elements of each reduced group,
/// exact with zeros (computed as a masked `[P, K, K]` product for groups of K elements;
/// for very large groups it falls back to `prod / x`).
fn prod_partial(b: &mut GraphBuilder, x: Value, y: Value, axes: &[i64]) -> Result<Value> {
    let xt = b.ty(x).clone();
    let mut red: Vec<i64> = axes.to_vec();
    red.sort_unstable();
    let kept = kept_axes(xt.rank(), &red);
    let p: i64 = kept.iter().map(|&a| xt.shape[a as usize]).product();
    let k: i64 = red.iter().map(|&a| xt.shape[a as usize]).product();
    if p.saturating_mul(k).saturating_mul(k) > 1 << 24 {
        let yb = unreduce(b, y, &xt, axes)?;
        return bin(b, BinaryOp::Div, yb, x);
    }
    let mut perm = kept.clone();
    perm.extend(&red);
    let xp = transpose(b, x, &perm)?;
    let tshape: Vec<i64> = perm.iter().map(|&a| xt.shape[a as usize]).collect();
    let x2 = reshape(b, xp, &[p, k])?;
    let xb = b.add1(Op::BroadcastInDim {
        x: x2,
        shape: vec![p, k, k],
        dims: vec![0, 2],
    })?;
    let i1 = b.add1(Op::Iota {
        dtype: DType::I32,
        shape: vec![p, k, k],
        dim: 1,
    })?;
    let i2 = b.add1(Op::Iota {
        dtype: DType::I32,
        shape: vec![p, k, k],
        dim: 2,
    })?;
    let eye = cmp(b, CmpOp::Eq, i1, i2)?;
    let ones = cst(b, xb, 1.0)?;
    let xm = sel(b, eye, ones, xb)?;
    let others = b.add1(Op::Reduce {
        op: ReduceOp::Prod,
        x: xm,
        axes: vec![2],
    })?;
    let o = reshape(b, others, &tshape)?;
    transpose(b, o, &inverse_perm(&perm))
}

/// The transpose of `broadcast_in_dim`: sums `ct` (of `out_shape`) back to `x_shape`.
fn unbroadcast(b: &mut GraphBuilder, ct: Value, x_shape: &[i64], dims: &[i64]) -> Result<Value> {
    let out_shape = b.ty(ct).shape.clone();
    let stretched = |i: usize| x_shape[i] == 1 && out_shape[dims[i] as usize] != 1;
    let mut sum_axes = vec![];
    for a in 0..out_shape.len() as i64 {
        match dims.iter().position(|&d| d == a) {
            None => sum_axes.push(a),
            Some(i) if stretched(i) => sum_axes.push(a),
            _ => {}
        }
    }
    let r = if sum_axes.is_empty() {
        ct
    } else {
        b.add1(Op::Reduce {
            op: ReduceOp::Sum,
            x: ct,
            axes: sum_axes.clone(),
        })?
    };
    // The kept output axes, ascending, are the result's axes; reorder them as in x.
    let kept: Vec<i64> = (0..out_shape.len() as i64)
        .filter(|a| !sum_axes.contains(a))
        .collect();
    let perm: Vec<i64> = (0..x_shape.len())
        .filter(|&i| !stretched(i))
        .map(|i| kept.iter().position(|&a| a == dims[i]).expect("kept") as i64)
        .collect();
    let r = transpose(b, r, &perm)?;
    reshape(b, r, x_shape)
}

/// The transpose of `slice`: `ct` padded with zeros into `x_shape`.
fn unslice(
    b: &mut GraphBuilder,
    ct: Value,
    x_shape: &[i64],
    start: &[i64],
    strides: &[i64],
) -> Result<Value> {
    let out = b.ty(ct).shape.clone();
    let (mut low, mut high, mut interior) = (vec![], vec![], vec![]);
    for i in 0..x_shape.len() {
        if out[i] == 0 {
            low.push(0);
            high.push(x_shape[i]);
            interior.push(0);
        } else {
            let last = start[i] + (out[i] - 1) * strides[i];
            low.push(start[i]);
            high.push(x_shape[i] - last - 1);
            interior.push(strides[i] - 1);
        }
    }
    let dt = b.ty(ct).dtype;
    let z = b.scalar(dt, 0.0)?;
    b.add1(Op::Pad {
        x: ct,
        value: z,
        low,
        high,
        interior,
    })
}

/// The transpose of `pad` with respect to its operand.
fn unpad(
    b: &mut GraphBuilder,
    ct: Value,
    x_shape: &[i64],
    low: &[i64],
    high: &[i64],
    interior: &[i64],
) -> Result<Value> {
    let r = x_shape.len();
    let mut t = ct;
    if low.iter().chain(high).any(|&v| v < 0) {
        let dt = b.ty(ct).dtype;
        let z = b.scalar(dt, 0.0)?;
        t = b.add1(Op::Pad {
            x: t,
            value: z,
            low: low.iter().map(|&v| (-v).max(0)).collect(),
            high: high.iter().map(|&v| (-v).max(0)).collect(),
            interior: vec![0; r],
        })?;
    }
    let mut start = vec![];
    let mut limit = vec![];
    let mut strides = vec![];
    for i in 0..r {
        let s = low[i].max(0);
        let st = interior[i] + 1;
        start.push(s);
        limit.push(if x_shape[i] == 0 {
            s
        } else {
            s + (x_shape[i] - 1) * st + 1
        });
        strides.push(st);
    }
    b.add1(Op::Slice {
        x: t,
        start,
        limit,
        strides,
    })
}

fn sum_all(b: &mut GraphBuilder, x: Value) -> Result<Value> {
    let r = b.ty(x).rank() as i64;
    b.add1(Op::Reduce {
        op: ReduceOp::Sum,
        x,
        axes: (0..r).collect(),
    })
}

/// The cotangent of one `dot_general` operand: `ct` contracted with the other operand over
/// the other's free dims, then transposed into the operand's layout.
#[allow(clippy::too_many_arguments)]
fn dot_transpose(
    b: &mut GraphBuilder,
    ct: Value,
    other: Value,
    nb: usize,
    // the other operand's free dims sit at these positions of `ct`
    other_free_pos: std::ops::Range<usize>,
    other_batch: &[i64],
    other_free: &[i64],
    other_contract: &[i64],
    mine_batch: &[i64],
    mine_free: &[i64],
    mine_contract: &[i64],
) -> Result<Value> {
    let ct_contract: Vec<i64> = other_free_pos.map(|p| p as i64).collect();
    // The other's contracting dims in ascending order, paired with mine.
    let mut sorted: Vec<(i64, i64)> = other_contract
        .iter()
        .zip(mine_contract)
        .map(|(o, m)| (*o, *m))
        .collect();
    sorted.sort_unstable();
    // `ct · other` gives [batch, my free dims, my contracting dims (in the other's order)];
    // `other · ct` gives [batch, my contracting dims, my free dims]. Take the order that
    // needs no transpose when there is one (the weight gradient of a matmul), as XLA
    // would otherwise copy the result.
    let mut p: Vec<i64> = mine_batch.to_vec();
    p.extend(mine_free);
    p.extend(sorted.iter().map(|(_, m)| *m));
    let mut q: Vec<i64> = mine_batch.to_vec();
    q.extend(sorted.iter().map(|(_, m)| *m));
    q.extend(mine_free);
    let identity = |v: &[i64]| v.iter().enumerate().all(|(i, d)| *d == i as i64);
    if !identity(&p) && identity(&q) {
        let res = b.add1(Op::DotGeneral {
            lhs: other,
            rhs: ct,
            dims: DotDims {
                lhs_batch: other_batch.to_vec(),
                rhs_batch: (0..nb as i64).collect(),
                lhs_contract: other_free.to_vec(),
                rhs_contract: ct_contract,
            },
        })?;
        return Ok(res);
    }
    let res = b.add1(Op::DotGeneral {
        lhs: ct,
        rhs: other,
        dims: DotDims {
            lhs_batch: (0..nb as i64).collect(),
            rhs_batch: other_batch.to_vec(),
            lhs_contract: ct_contract,
            rhs_contract: other_free.to_vec(),
        },
    })?;
    transpose(b, res, &inverse_perm(&p))
}

fn dot_vjp(
    b: &mut GraphBuilder,
    ct: Value,
    lhs: Value,
    rhs: Value,
    d: &DotDims,
    need: (bool, bool),
) -> Result<(Option<Value>, Option<Value>)> {
    let (lr, rr) = (b.ty(lhs).rank() as i64, b.ty(rhs).rank() as i64);
    let free = |r: i64, batch: &[i64], con: &[i64]| -> Vec<i64> {
        (0..r)
            .filter(|a| !batch.contains(a) && !con.contains(a))
            .collect()
    };
    let lf = free(lr, &d.lhs_batch, &d.lhs_contract);
    let rf = free(rr, &d.rhs_batch, &d.rhs_contract);
    let nb = d.lhs_batch.len();
    let cl = if need.0 {
        Some(dot_transpose(
            b,
            ct,
            rhs,
            nb,
            nb + lf.len()..nb + lf.len() + rf.len(),
            &d.rhs_batch,
            &rf,
            &d.rhs_contract,
            &d.lhs_batch,
            &lf,
            &d.lhs_contract,
        )?)
    } else {
        None
    };
    let cr = if need.1 {
        Some(dot_transpose(
            b,
            ct,
            lhs,
            nb,
            nb..nb + lf.len(),
            &d.lhs_batch,
            &lf,
            &d.lhs_contract,
            &d.rhs_batch,
            &rf,
            &d.rhs_contract,
        )?)
    } else {
        None
    };
    Ok((cl, cr))
}

// ---- the rules ----------------------------------------------------------------------------

/// The JVP rule of every primitive: output tangents from the (new) operands `ins`, results
/// `outs` and operand tangents `tans` (`None`: zero). `while` and `case` are handled by
/// the transformer (their regions need it).
fn jvp_rule(
    b: &mut GraphBuilder,
    op: &Op,
    ins: &[Value],
    outs: &[Value],
    tans: &[Option<Value>],
) -> Result<Vec<Option<Value>>> {
    if ins.is_empty() {
        return Ok(vec![None; outs.len()]);
    }
    let y = outs[0];
    let t0 = tans[0];
    let one = |v: Option<Value>| Ok(vec![v]);
    match op {
        Op::Constant(_)
        | Op::Iota { .. }
        | Op::Compare(..)
        | Op::Argmax { .. }
        | Op::Argmin { .. }
        | Op::BitcastConvert(..) => Ok(vec![None; outs.len()]),
        Op::Unary(..) | Op::Binary(..) | Op::Powi(..) | Op::Clamp { .. } => {
            let ps = elementwise_partials(b, op, ins, y)?.expect("elementwise");
            let mut acc = None;
            for (p, t) in ps.into_iter().zip(tans) {
                let s = scale(b, p, *t)?;
                acc = add_opt(b, acc, s)?;
            }
            one(acc)
        }
        Op::Select { .. } => {
            if tans[1].is_none() && tans[2].is_none() {
                return one(None);
            }
            let a = or_zeros(b, tans[1], ins[1])?;
            let c = or_zeros(b, tans[2], ins[2])?;
            one(Some(sel(b, ins[0], a, c)?))
        }
        Op::Convert(x, d) => {
            let _ = x;
            match t0 {
                Some(t) if d.is_float() && b.ty(ins[0]).dtype.is_float() => {
                    one(Some(b.add1(Op::Convert(t, *d))?))
                }
                _ => one(None),
            }
        }
        Op::BroadcastInDim { shape, dims, .. } => match t0 {
            Some(t) => one(Some(b.add1(Op::BroadcastInDim {
                x: t,
                shape: shape.clone(),
                dims: dims.clone(),
            })?)),
            None => one(None),
        },
        Op::Reshape(_, s) => match t0 {
            Some(t) => one(Some(b.add1(Op::Reshape(t, s.clone()))?)),
            None => one(None),
        },
        Op::Transpose(_, p) => match t0 {
            Some(t) => one(Some(b.add1(Op::Transpose(t, p.clone()))?)),
            None => one(None),
        },
        Op::Slice {
            start,
            limit,
            strides,
            ..
        } => match t0 {
            Some(t) => one(Some(b.add1(Op::Slice {
                x: t,
                start: start.clone(),
                limit: limit.clone(),
                strides: strides.clone(),
            })?)),
            None => one(None),
        },
        Op::DynamicSlice { sizes, .. } => match t0 {
            Some(t) => one(Some(b.add1(Op::DynamicSlice {
                x: t,
                starts: ins[1..].to_vec(),
                sizes: sizes.clone(),
            })?)),
            None => one(None),
        },
        Op::DynamicUpdateSlice { .. } => {
            if tans[0].is_none() && tans[1].is_none() {
                return one(None);
            }
            let x = or_zeros(b, tans[0], ins[0])?;
            let u = or_zeros(b, tans[1], ins[1])?;
            one(Some(b.add1(Op::DynamicUpdateSlice {
                x,
                update: u,
                starts: ins[2..].to_vec(),
            })?))
        }
        Op::Concatenate(_, axis) => {
            let mut ts = vec![];
            for (t, x) in tans.iter().zip(ins) {
                ts.push(or_zeros(b, *t, *x)?);
            }
            one(Some(b.add1(Op::Concatenate(ts, *axis))?))
        }
        Op::Pad {
            low,
            high,
            interior,
            ..
        } => {
            let x = or_zeros(b, tans[0], ins[0])?;
            let v = or_zeros(b, tans[1], ins[1])?;
            one(Some(b.add1(Op::Pad {
                x,
                value: v,
                low: low.clone(),
                high: high.clone(),
                interior: interior.clone(),
            })?))
        }
        Op::Reduce { op: rop, axes, .. } => {
            let Some(t) = t0 else { return one(None) };
            let w = match rop {
                ReduceOp::Sum => t,
                ReduceOp::Prod => {
                    let p = prod_partial(b, ins[0], y, axes)?;
                    mul(b, p, t)?
                }
                ReduceOp::Max | ReduceOp::Min => {
                    let w = extremum_weights(b, ins[0], y, axes)?;
                    mul(b, w, t)?
                }
            };
            one(Some(b.add1(Op::Reduce {
                op: ReduceOp::Sum,
                x: w,
                axes: axes.clone(),
            })?))
        }
        Op::DotGeneral { dims, .. } => {
            let a = match tans[0] {
                Some(t) => Some(b.add1(Op::DotGeneral {
                    lhs: t,
                    rhs: ins[1],
                    dims: dims.clone(),
                })?),
                None => None,
            };
            let c = match tans[1] {
                Some(t) => Some(b.add1(Op::DotGeneral {
                    lhs: ins[0],
                    rhs: t,
                    dims: dims.clone(),
                })?),
                None => None,
            };
            one(add_opt(b, a, c)?)
        }
        Op::Take { .. } => match t0 {
            Some(t) => one(Some(b.add1(Op::Take {
                x: t,
                indices: ins[1],
            })?)),
            None => one(None),
        },
        Op::ScatterAdd { .. } => {
            if tans[0].is_none() && tans[2].is_none() {
                return one(None);
            }
            let x = or_zeros(b, tans[0], ins[0])?;
            let u = or_zeros(b, tans[2], ins[2])?;
            one(Some(b.add1(Op::ScatterAdd {
                x,
                indices: ins[1],
                updates: u,
            })?))
        }
        // Linear: the tangent is all-reduced as the primal is (JAX's `psum` JVP).
        Op::AllReduce {
            op: ReduceOp::Sum,
            replicas,
            ..
        } => match t0 {
            Some(t) => one(Some(b.add1(Op::AllReduce {
                op: ReduceOp::Sum,
                x: t,
                replicas: *replicas,
            })?)),
            None => one(None),
        },
        Op::AllReduce { .. } => Err(err(format!(
            "{} is not differentiable (only all_reduce_sum, and means built on it, are)",
            op.name()
        ))),
        Op::While { .. } | Op::Case { .. } => Err(err(format!(
            "internal: {} reached the per-op JVP rules",
            op.name()
        ))),
    }
}

/// The reverse rule of every primitive: operand cotangents (for the operands with
/// `need[i]`) from the (new) operands `ins`, results `outs` and result cotangents `cts`.
fn vjp_rule(
    b: &mut GraphBuilder,
    op: &Op,
    ins: &[Value],
    outs: &[Value],
    cts: &[Option<Value>],
    need: &[bool],
) -> Result<Vec<Option<Value>>> {
    let none = vec![None; ins.len()];
    let Some(ct) = cts[0] else { return Ok(none) };
    if ins.is_empty() {
        return Ok(none);
    }
    let y = outs[0];
    let xt = b.ty(ins[0]).clone();
    match op {
        Op::Constant(_)
        | Op::Iota { .. }
        | Op::Compare(..)
        | Op::Argmax { .. }
        | Op::Argmin { .. }
        | Op::BitcastConvert(..) => Ok(none),
        Op::Unary(..) | Op::Binary(..) | Op::Powi(..) | Op::Clamp { .. } => {
            let ps = elementwise_partials(b, op, ins, y)?.expect("elementwise");
            let mut r = vec![];
            for (p, nd) in ps.into_iter().zip(need) {
                r.push(if *nd { scale(b, p, Some(ct))? } else { None });
            }
            Ok(r)
        }
        Op::Select { .. } => {
            let z = zeros_like(b, ct)?;
            let a = if need[1] {
                Some(sel(b, ins[0], ct, z)?)
            } else {
                None
            };
            let c = if need[2] {
                Some(sel(b, ins[0], z, ct)?)
            } else {
                None
            };
            Ok(vec![None, a, c])
        }
        Op::Convert(..) => {
            if xt.dtype.is_float() && b.ty(ct).dtype.is_float() {
                Ok(vec![Some(b.add1(Op::Convert(ct, xt.dtype))?)])
            } else {
                Ok(none)
            }
        }
        Op::BroadcastInDim { dims, .. } => Ok(vec![Some(unbroadcast(b, ct, &xt.shape, dims)?)]),
        Op::Reshape(..) => Ok(vec![Some(reshape(b, ct, &xt.shape)?)]),
        Op::Transpose(_, perm) => Ok(vec![Some(transpose(b, ct, &inverse_perm(perm))?)]),
        Op::Slice { start, strides, .. } => {
            Ok(vec![Some(unslice(b, ct, &xt.shape, start, strides)?)])
        }
        Op::DynamicSlice { .. } => {
            let z = zeros(b, &xt)?;
            let mut r = vec![Some(b.add1(Op::DynamicUpdateSlice {
                x: z,
                update: ct,
                starts: ins[1..].to_vec(),
            })?)];
            r.resize(ins.len(), None);
            Ok(r)
        }
        Op::DynamicUpdateSlice { .. } => {
            let ut = b.ty(ins[1]).clone();
            let cx = if need[0] {
                let z = zeros(b, &ut)?;
                Some(b.add1(Op::DynamicUpdateSlice {
                    x: ct,
                    update: z,
                    starts: ins[2..].to_vec(),
                })?)
            } else {
                None
            };
            let cu = if need[1] {
                Some(b.add1(Op::DynamicSlice {
                    x: ct,
                    starts: ins[2..].to_vec(),
                    sizes: ut.shape.clone(),
                })?)
            } else {
                None
            };
            let mut r = vec![cx, cu];
            r.resize(ins.len(), None);
            Ok(r)
        }
        Op::Concatenate(_, axis) => {
            let shape = b.ty(ct).shape.clone();
            let mut off = 0;
            let mut r = vec![];
            for (x, nd) in ins.iter().zip(need) {
                let d = b.ty(*x).shape[*axis as usize];
                if *nd {
                    let mut start = vec![0; shape.len()];
                    let mut limit = shape.clone();
                    start[*axis as usize] = off;
                    limit[*axis as usize] = off + d;
                    r.push(Some(b.add1(Op::Slice {
                        x: ct,
                        start,
                        limit,
                        strides: vec![1; shape.len()],
                    })?));
                } else {
                    r.push(None);
                }
                off += d;
            }
            Ok(r)
        }
        Op::Pad {
            low,
            high,
            interior,
            ..
        } => {
            let cx = unpad(b, ct, &xt.shape, low, high, interior)?;
            let cv = if need[1] {
                let (s1, s2) = (sum_all(b, ct)?, sum_all(b, cx)?);
                Some(bin(b, BinaryOp::Sub, s1, s2)?)
            } else {
                None
            };
            Ok(vec![Some(cx), cv])
        }
        Op::Reduce { op: rop, axes, .. } => {
            let cb = unreduce(b, ct, &xt, axes)?;
            let r = match rop {
                ReduceOp::Sum => cb,
                ReduceOp::Prod => {
                    let p = prod_partial(b, ins[0], y, axes)?;
                    mul(b, p, cb)?
                }
                ReduceOp::Max | ReduceOp::Min => {
                    let w = extremum_weights(b, ins[0], y, axes)?;
                    mul(b, w, cb)?
                }
            };
            Ok(vec![Some(r)])
        }
        Op::DotGeneral { dims, .. } => {
            let (l, r) = dot_vjp(b, ct, ins[0], ins[1], dims, (need[0], need[1]))?;
            Ok(vec![l, r])
        }
        Op::Take { .. } => {
            // gather clamps out-of-range indices; scatter drops them: clamp first.
            let it = b.ty(ins[1]).clone();
            let lo = b.scalar(it.dtype, 0.0)?;
            let hi = b.scalar(it.dtype, (xt.shape[0] - 1).max(0) as f64)?;
            let idx = b.clamp(lo, ins[1], hi)?;
            let z = zeros(b, &xt)?;
            Ok(vec![
                Some(b.add1(Op::ScatterAdd {
                    x: z,
                    indices: idx,
                    updates: ct,
                })?),
                None,
            ])
        }
        Op::ScatterAdd { .. } => {
            let cu = if need[2] {
                // dropped (out-of-range) updates get no cotangent.
                let it = b.ty(ins[1]).clone();
                let ut = b.ty(ins[2]).clone();
                let lo = b.scalar(it.dtype, 0.0)?;
                let hi = b.scalar(it.dtype, xt.shape[0] as f64)?;
                let ge = b.compare(CmpOp::Ge, ins[1], lo)?;
                let lt = b.compare(CmpOp::Lt, ins[1], hi)?;
                let ok = bin(b, BinaryOp::And, ge, lt)?;
                let okb = b.add1(Op::BroadcastInDim {
                    x: ok,
                    shape: ut.shape.clone(),
                    dims: (0..it.rank() as i64).collect(),
                })?;
                let g = b.add1(Op::Take {
                    x: ct,
                    indices: ins[1],
                })?;
                let z = zeros(b, &ut)?;
                Some(sel(b, okb, g, z)?)
            } else {
                None
            };
            Ok(vec![Some(ct), None, cu])
        }
        // The transpose of a cross-replica sum is a cross-replica sum of the cotangents
        // (JAX's `psum` under `pmap`): replica `s`'s operand feeds every replica's result,
        // so its cotangent is the sum of all replicas' result cotangents.
        Op::AllReduce {
            op: ReduceOp::Sum,
            replicas,
            ..
        } => Ok(vec![Some(b.add1(Op::AllReduce {
            op: ReduceOp::Sum,
            x: ct,
            replicas: *replicas,
        })?)]),
        Op::AllReduce { .. } => Err(err(format!(
            "{} is not differentiable (only all_reduce_sum, and means built on it, are)",
            op.name()
        ))),
        Op::While { .. } | Op::Case { .. } => Err(err(format!(
            "internal: {} reached the per-op reverse rules",
            op.name()
        ))),
    }
}
