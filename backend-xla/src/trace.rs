//! Tracing Rust code over [`Tensor`]s into a [`Graph`], and running compiled graphs.
//!
//! [`trace`] pushes a graph builder on a thread-local stack, calls the function with
//! *traced* tensors (symbolic values of that graph), and pops it: every tensor op called in
//! between records an equation instead of computing. [`Compiled`] lowers a graph to
//! StableHLO, compiles it once (through the client's cache) and runs it on eager tensors.
//!
//! Outside any trace, tensor ops are *eager*: each one is traced into a one-op graph,
//! compiled (cached by its StableHLO text, so once per op, shapes and dtypes) and run.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::ir::{Graph, GraphBuilder, Literal, Op, Region, TensorType, Value};
use crate::lower::lower;
use crate::pjrt::{Buffer, Client, Executable};
use crate::tensor::{Repr, Tensor};
use crate::{DType, Error, Result};

pub(crate) struct Frame {
    pub(crate) id: u64,
    pub(crate) b: GraphBuilder,
    /// Eager tensors already embedded as constants (by buffer address).
    lifted: HashMap<usize, (Arc<Buffer>, Value)>,
}

impl Frame {
    /// The value of `t` in this trace: its own value, or an eager tensor embedded as a
    /// constant (as JAX does with concrete arrays closed over by a traced function).
    pub(crate) fn value_of(&mut self, t: &Tensor) -> Result<Value> {
        match &t.repr {
            Repr::Traced { trace, value, .. } => {
                if *trace != self.id {
                    return Err(Error::Other(
                        "a traced tensor was used outside the trace that made it".into(),
                    ));
                }
                Ok(*value)
            }
            Repr::Eager(buf) => {
                let key = Arc::as_ptr(buf) as usize;
                if let Some((_, v)) = self.lifted.get(&key) {
                    if self.b.is_visible(*v) {
                        return Ok(*v);
                    }
                }
                let ty = TensorType::new(buf.dtype(), buf.dims());
                let lit = Literal::from_bytes(ty, buf.to_bytes()?)?;
                let v = self.b.constant(lit)?;
                self.lifted.insert(key, (buf.clone(), v));
                Ok(v)
            }
        }
    }

    pub(crate) fn wrap(&self, v: Value) -> Tensor {
        Tensor::traced(self.id, v, self.b.ty(v).clone())
    }
}

thread_local! {
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
}

static NEXT_TRACE: AtomicU64 = AtomicU64::new(1);

/// Whether a trace is active on this thread (tensor ops then record IR).
pub fn is_tracing() -> bool {
    FRAMES.with(|f| !f.borrow().is_empty())
}

/// Runs `f` on the innermost active trace. `f` must not call back into tensor code.
pub(crate) fn with_top<R>(f: impl FnOnce(&mut Frame) -> Result<R>) -> Result<R> {
    FRAMES.with(|fr| {
        let mut fr = fr.borrow_mut();
        match fr.last_mut() {
            Some(top) => f(top),
            None => Err(Error::Other("no active trace".into())),
        }
    })
}

/// Pops its frame when dropped (also when the traced function panics).
struct PopGuard(u64);

impl PopGuard {
    fn take(self) -> Option<Frame> {
        let f = pop_frame(self.0);
        std::mem::forget(self);
        f
    }
}

impl Drop for PopGuard {
    fn drop(&mut self) {
        pop_frame(self.0);
    }
}

fn pop_frame(id: u64) -> Option<Frame> {
    FRAMES
        .try_with(|fr| {
            let mut fr = fr.borrow_mut();
            if fr.last().is_some_and(|f| f.id == id) {
                fr.pop()
            } else {
                None
            }
        })
        .ok()
        .flatten()
}

/// Traces `f` into a graph whose inputs have the given dtypes and shapes.
///
/// `f` receives one traced tensor per input; tensor ops on them record equations. Eager
/// tensors that `f` closes over or returns become constants of the graph.
pub fn trace(
    inputs: &[(DType, Vec<i64>)],
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
) -> Result<Graph> {
    let types: Vec<TensorType> = inputs.iter().map(|(d, s)| TensorType::new(*d, s)).collect();
    trace_types(&types, f)
}

/// [`trace`] with [`TensorType`]s.
pub fn trace_types(
    inputs: &[TensorType],
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
) -> Result<Graph> {
    for t in inputs {
        if t.shape.iter().any(|&d| d < 0) {
            return Err(Error::Shape(format!(
                "trace: negative dimension in input {t}"
            )));
        }
    }
    let id = NEXT_TRACE.fetch_add(1, Ordering::Relaxed);
    let mut b = GraphBuilder::new();
    let params: Vec<Value> = inputs.iter().map(|t| b.param(t.clone())).collect();
    FRAMES.with(|fr| {
        fr.borrow_mut().push(Frame {
            id,
            b,
            lifted: HashMap::new(),
        })
    });
    let guard = PopGuard(id);
    let args: Vec<Tensor> = params
        .iter()
        .zip(inputs)
        .map(|(v, t)| Tensor::traced(id, *v, t.clone()))
        .collect();
    let outs = f(&args)?;
    let vals = with_top(|fr| {
        if fr.id != id {
            return Err(Error::Other("trace: trace stack out of order".into()));
        }
        outs.iter()
            .map(|t| fr.value_of(t))
            .collect::<Result<Vec<_>>>()
    })?;
    let frame = guard
        .take()
        .ok_or_else(|| Error::Other("trace: trace stack out of order".into()))?;
    frame.b.finish(&vals)
}

/// Traces a nested region (a `while` body, a `case` branch) in the innermost trace.
pub(crate) fn trace_region(
    params: &[TensorType],
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
) -> Result<Region> {
    let args = with_top(|fr| {
        let ps = fr.b.begin_region(params);
        Ok(ps.into_iter().map(|v| fr.wrap(v)).collect::<Vec<_>>())
    })?;
    let depth = with_top(|fr| Ok(fr.b.depth()))?;
    let abort = |e: Error| -> Error {
        let _ = with_top(|fr| {
            if fr.b.depth() == depth {
                fr.b.abort_region();
            }
            Ok(())
        });
        e
    };
    let outs = f(&args).map_err(abort)?;
    with_top(|fr| {
        let vals: Result<Vec<Value>> = outs.iter().map(|t| fr.value_of(t)).collect();
        match vals {
            Ok(v) => fr.b.end_region(&v),
            Err(e) => {
                fr.b.abort_region();
                Err(e)
            }
        }
    })
}

/// Applies a builder-level computation to tensors: records it when tracing, else runs it
/// eagerly as a one-off compiled program.
pub(crate) fn apply(
    inputs: &[&Tensor],
    f: impl FnOnce(&mut GraphBuilder, &[Value]) -> Result<Vec<Value>>,
) -> Result<Vec<Tensor>> {
    if is_tracing() {
        with_top(|fr| {
            let vals = inputs
                .iter()
                .map(|t| fr.value_of(t))
                .collect::<Result<Vec<_>>>()?;
            let outs = f(&mut fr.b, &vals)?;
            Ok(outs.into_iter().map(|v| fr.wrap(v)).collect())
        })
    } else {
        run_eager(inputs, |ts| {
            let refs: Vec<&Tensor> = ts.iter().collect();
            apply(&refs, f)
        })
    }
}

/// [`apply`] for one output.
pub(crate) fn apply1(
    inputs: &[&Tensor],
    f: impl FnOnce(&mut GraphBuilder, &[Value]) -> Result<Value>,
) -> Result<Tensor> {
    let mut v = apply(inputs, |b, vs| Ok(vec![f(b, vs)?]))?;
    Ok(v.pop().expect("one output"))
}

/// Runs a tensor-level function: directly when tracing, else traced into one graph,
/// compiled (cached) and run on `inputs` — so a composite op costs one XLA call eagerly.
pub fn apply_traced(
    inputs: &[&Tensor],
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
) -> Result<Vec<Tensor>> {
    if is_tracing() {
        let ts: Vec<Tensor> = inputs.iter().map(|t| (*t).clone()).collect();
        f(&ts)
    } else {
        run_eager(inputs, f)
    }
}

fn run_eager(
    inputs: &[&Tensor],
    f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
) -> Result<Vec<Tensor>> {
    let types: Vec<TensorType> = inputs.iter().map(|t| t.ty()).collect();
    let g = trace_types(&types, f)?;
    Compiled::compile(&g)?.call(inputs)
}

/// A graph compiled for the PJRT CPU client: call it on eager tensors.
///
/// ```no_run
/// use oxidiff_xla::{trace::{trace, Compiled}, tensor::Tensor, DType};
/// let g = trace(&[(DType::F32, vec![3])], |x| Ok(vec![x[0].sin()?.try_mul(&x[0])?]))?;
/// let f = Compiled::compile(&g)?;
/// let y = f.call(&[&Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[3])?])?;
/// # Ok::<(), oxidiff_xla::Error>(())
/// ```
#[derive(Clone)]
pub struct Compiled {
    graph: Arc<Graph>,
    mlir: Arc<str>,
    exe: Arc<Executable>,
    inputs: Vec<TensorType>,
    outputs: Vec<TensorType>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("inputs", &self.inputs)
            .field("outputs", &self.outputs)
            .finish()
    }
}

impl Compiled {
    /// Lowers and compiles `graph` on [`Client::global`] (cached by StableHLO text).
    pub fn compile(graph: &Graph) -> Result<Compiled> {
        let mlir = lower(graph)?;
        let exe = Client::global()?.compile_cached(&mlir)?;
        Ok(Compiled {
            inputs: graph.input_types(),
            outputs: graph.output_types(),
            graph: Arc::new(graph.clone()),
            mlir: mlir.into(),
            exe,
        })
    }

    /// Traces `f` and compiles the graph: `jit` in one call.
    pub fn trace(
        inputs: &[(DType, Vec<i64>)],
        f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
    ) -> Result<Compiled> {
        Compiled::compile(&trace(inputs, f)?)
    }

    pub fn graph(&self) -> &Graph {
        &self.graph
    }
    /// The StableHLO text that was compiled.
    pub fn mlir(&self) -> &str {
        &self.mlir
    }
    pub fn input_types(&self) -> &[TensorType] {
        &self.inputs
    }
    pub fn output_types(&self) -> &[TensorType] {
        &self.outputs
    }

    /// Runs the program. Arguments are checked for count, dtype and shape. Called inside
    /// a trace, the graph is inlined into that trace instead (nested `jit`).
    pub fn call(&self, args: &[&Tensor]) -> Result<Vec<Tensor>> {
        if args.len() != self.inputs.len() {
            return Err(Error::ArgCount {
                expected: self.inputs.len(),
                got: args.len(),
            });
        }
        for (i, (a, t)) in args.iter().zip(&self.inputs).enumerate() {
            if a.dtype() != t.dtype {
                return Err(Error::DType(format!(
                    "argument {i}: expected dtype {}, got {}",
                    t.dtype,
                    a.dtype()
                )));
            }
            if a.shape() != t.shape.as_slice() {
                return Err(Error::Shape(format!(
                    "argument {i}: expected shape {:?}, got {:?}",
                    t.shape,
                    a.shape()
                )));
            }
        }
        if is_tracing() {
            return inline(&self.graph, args);
        }
        let bufs = args
            .iter()
            .enumerate()
            .map(|(i, a)| {
                a.buffer().ok_or_else(|| {
                    Error::Other(format!(
                        "argument {i} is a traced tensor used outside its trace"
                    ))
                })
            })
            .collect::<Result<Vec<&Buffer>>>()?;
        let outs = self.exe.execute(&bufs)?;
        if outs.len() != self.outputs.len() {
            return Err(Error::Other(format!(
                "the executable returned {} outputs, the graph has {}",
                outs.len(),
                self.outputs.len()
            )));
        }
        Ok(outs.into_iter().map(Tensor::from_buffer).collect())
    }
}

/// Replays `graph` into the innermost trace with `args` as its inputs.
pub fn inline(graph: &Graph, args: &[&Tensor]) -> Result<Vec<Tensor>> {
    with_top(|fr| {
        let mut env: HashMap<Value, Value> = HashMap::new();
        for (p, a) in graph.inputs().iter().zip(args) {
            env.insert(*p, fr.value_of(a)?);
        }
        replay(graph, graph.body(), &mut fr.b, &mut env)?;
        let outs: Vec<Value> = graph.outputs().iter().map(|v| env[v]).collect();
        Ok(outs.into_iter().map(|v| fr.wrap(v)).collect())
    })
}

/// Re-adds a region's equations to `b`, mapping values through `env`.
pub fn replay(
    g: &Graph,
    r: &Region,
    b: &mut GraphBuilder,
    env: &mut HashMap<Value, Value>,
) -> Result<()> {
    for e in &r.eqns {
        let m = |v: &Value| -> Result<Value> {
            env.get(v)
                .copied()
                .ok_or_else(|| Error::Other(format!("replay: unbound value {v}")))
        };
        let mv = |vs: &[Value]| -> Result<Vec<Value>> { vs.iter().map(m).collect() };
        let op = match &e.op {
            Op::While { init, cond, body } => {
                let init = mv(init)?;
                let cond = replay_region(g, cond, b, env)?;
                let body = replay_region(g, body, b, env)?;
                Op::While { init, cond, body }
            }
            Op::Case { index, branches } => {
                let index = m(index)?;
                let branches = branches
                    .iter()
                    .map(|br| replay_region(g, br, b, env))
                    .collect::<Result<Vec<_>>>()?;
                Op::Case { index, branches }
            }
            other => other.map_operands(&mut |v| m(&v))?,
        };
        let outs = b.add(op)?;
        for (o, n) in e.outputs.iter().zip(outs) {
            env.insert(*o, n);
        }
    }
    Ok(())
}

fn replay_region(
    g: &Graph,
    r: &Region,
    b: &mut GraphBuilder,
    env: &mut HashMap<Value, Value>,
) -> Result<Region> {
    let tys: Vec<TensorType> = r.params.iter().map(|v| g.ty(*v).clone()).collect();
    let ps = b.begin_region(&tys);
    for (o, n) in r.params.iter().zip(ps) {
        env.insert(*o, n);
    }
    if let Err(e) = replay(g, r, b, env) {
        b.abort_region();
        return Err(e);
    }
    let res: Vec<Value> = r.results.iter().map(|v| env[v]).collect();
    b.end_region(&res)
}
