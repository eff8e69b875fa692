//! What `#[jit]` and tensor-mode `#[differentiable]` expand to: pytrees of tensors
//! ([`TensorTree`]), per-function compile caches ([`JitCache`]), and the control-flow
//! helpers the macro turns Rust `if`, `for` and `while` into ([`cond`], [`fori`],
//! [`while_loop`]).
//!
//! # How a call runs
//! The generated function flattens its tensor arguments into leaves, and looks up the
//! function's [`JitCache`] by the leaves' dtypes and shapes, the values of its static
//! arguments (their `Debug` text) and the transformation (primal, gradient, JVP, ...). On a
//! miss it traces the body with traced leaves rebuilt into the arguments' structure,
//! transforms the graph ([`crate::autodiff`]), lowers and compiles it; a hit only executes.
//!
//! # Control flow
//! The macro rewrites `if c { .. } else { .. }` into [`cond`], `for i in a..b { .. }` into
//! [`fori`] and `while c { .. }` into [`while_loop`], passing the variables the body assigns
//! as the carry. Which one runs is chosen by the *type* of the condition: a Rust `bool` runs
//! ordinary Rust control flow; a [`Tensor`] (bool scalar) becomes `stablehlo.case` /
//! `stablehlo.while`, with the carry flattened through [`TensorTree`].

use std::any::Any;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::autodiff::{self, VjpOptions};
use crate::ir::{Graph, TensorType};
use crate::parallel::{local_type, with_replicas, DataParallel, ParallelFn, Placement};
use crate::tensor::Tensor;
use crate::trace::{is_tracing, trace_types, Compiled};
use crate::{DType, Error, Result};

// ---- pytrees of tensors -----------------------------------------------------------------

/// A value made of tensors: a [`Tensor`], tuples, `Vec`s, arrays and `Option`s of them, and
/// structs with `#[derive(Differentiable)]` whose fields are tensors (JAX's pytrees).
///
/// `#[jit]` passes such values through a compiled function leaf by leaf; gradients of
/// tensor functions have the type of the argument.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not made of tensors, so it can't be a traced value",
    label = "not a tensor pytree",
    note = "#[jit] arguments, results and loop carries are `Tensor`s, tuples/Vecs/arrays of them, or structs with #[derive(Differentiable)] over tensors",
    note = "mark other arguments #[static_arg] (they become part of the cache key through their `Debug` text), or compute Rust values outside traced `if`/`for`/`while`"
)]
pub trait TensorTree: Sized {
    /// Appends the leaves in order.
    fn flatten_into(&self, out: &mut Vec<Tensor>);
    /// A value of the same structure as `self` with leaves taken from `leaves`, in the order
    /// [`TensorTree::flatten_into`] writes them.
    fn rebuild(&self, leaves: &mut dyn Iterator<Item = Tensor>) -> Result<Self>;
    /// Appends whether each leaf is differentiated (`#[no_grad]` fields: `false`).
    fn grad_mask_into(&self, out: &mut Vec<bool>) {
        let mut v = Vec::new();
        self.flatten_into(&mut v);
        out.extend(std::iter::repeat(true).take(v.len()));
    }
    /// Appends the non-tensor data the structure carries (part of the compile-cache key).
    fn static_key(&self, _out: &mut String) {}

    /// The leaves, in order.
    fn leaves(&self) -> Vec<Tensor> {
        let mut v = Vec::new();
        self.flatten_into(&mut v);
        v
    }
    /// Applies `f` to every leaf.
    fn map(&self, mut f: impl FnMut(&Tensor) -> Result<Tensor>) -> Result<Self> {
        let out = self
            .leaves()
            .iter()
            .map(&mut f)
            .collect::<Result<Vec<_>>>()?;
        self.rebuild(&mut out.into_iter())
    }
    /// Applies `f` to every pair of leaves of `self` and `other` (same structure).
    fn zip_map(
        &self,
        other: &Self,
        mut f: impl FnMut(&Tensor, &Tensor) -> Result<Tensor>,
    ) -> Result<Self> {
        let (a, b) = (self.leaves(), other.leaves());
        if a.len() != b.len() {
            return Err(Error::Shape(format!(
                "tensor trees with {} and {} leaves",
                a.len(),
                b.len()
            )));
        }
        let out = a
            .iter()
            .zip(&b)
            .map(|(x, y)| f(x, y))
            .collect::<Result<Vec<_>>>()?;
        self.rebuild(&mut out.into_iter())
    }
    /// `self + a * other`, leaf by leaf (a gradient step is `params.axpy(-lr, &grads)`).
    fn axpy(&self, a: f64, other: &Self) -> Result<Self> {
        self.zip_map(other, |x, y| {
            x.try_add(&y.binary_scalar(crate::ir::BinaryOp::Mul, a)?)
        })
    }
    /// Waits until every leaf has been computed (JAX's `block_until_ready`).
    fn block_until_ready(&self) -> Result<()> {
        for l in self.leaves() {
            l.block_until_ready()?;
        }
        Ok(())
    }
    /// Zeros of every leaf's dtype and shape.
    fn zeros_like(&self) -> Result<Self> {
        self.map(|t| Tensor::zeros(t.dtype(), t.shape()))
    }
}

impl TensorTree for Tensor {
    fn flatten_into(&self, out: &mut Vec<Tensor>) {
        out.push(self.clone());
    }
    fn rebuild(&self, leaves: &mut dyn Iterator<Item = Tensor>) -> Result<Self> {
        leaves
            .next()
            .ok_or_else(|| Error::Other("tensor tree: too few leaves".into()))
    }
    fn grad_mask_into(&self, out: &mut Vec<bool>) {
        out.push(true);
    }
}

impl<T: TensorTree> TensorTree for Vec<T> {
    fn flatten_into(&self, out: &mut Vec<Tensor>) {
        self.iter().for_each(|x| x.flatten_into(out));
    }
    fn rebuild(&self, leaves: &mut dyn Iterator<Item = Tensor>) -> Result<Self> {
        self.iter().map(|x| x.rebuild(leaves)).collect()
    }
    fn grad_mask_into(&self, out: &mut Vec<bool>) {
        self.iter().for_each(|x| x.grad_mask_into(out));
    }
    fn static_key(&self, out: &mut String) {
        let _ = write!(out, "[{}]", self.len());
        self.iter().for_each(|x| x.static_key(out));
    }
}

impl<T: TensorTree, const N: usize> TensorTree for [T; N] {
    fn flatten_into(&self, out: &mut Vec<Tensor>) {
        self.iter().for_each(|x| x.flatten_into(out));
    }
    fn rebuild(&self, leaves: &mut dyn Iterator<Item = Tensor>) -> Result<Self> {
        let v = self
            .iter()
            .map(|x| x.rebuild(leaves))
            .collect::<Result<Vec<T>>>()?;
        v.try_into()
            .map_err(|_| Error::Other("tensor tree: array length".into()))
    }
    fn grad_mask_into(&self, out: &mut Vec<bool>) {
        self.iter().for_each(|x| x.grad_mask_into(out));
    }
    fn static_key(&self, out: &mut String) {
        self.iter().for_each(|x| x.static_key(out));
    }
}

impl<T: TensorTree> TensorTree for Option<T> {
    fn flatten_into(&self, out: &mut Vec<Tensor>) {
        if let Some(x) = self {
            x.flatten_into(out)
        }
    }
    fn rebuild(&self, leaves: &mut dyn Iterator<Item = Tensor>) -> Result<Self> {
        self.as_ref().map(|x| x.rebuild(leaves)).transpose()
    }
    fn grad_mask_into(&self, out: &mut Vec<bool>) {
        if let Some(x) = self {
            x.grad_mask_into(out)
        }
    }
    fn static_key(&self, out: &mut String) {
        match self {
            Some(x) => {
                out.push_str("Some");
                x.static_key(out)
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: TensorTree> TensorTree for Box<T> {
    fn flatten_into(&self, out: &mut Vec<Tensor>) {
        (**self).flatten_into(out)
    }
    fn rebuild(&self, leaves: &mut dyn Iterator<Item = Tensor>) -> Result<Self> {
        Ok(Box::new((**self).rebuild(leaves)?))
    }
    fn grad_mask_into(&self, out: &mut Vec<bool>) {
        (**self).grad_mask_into(out)
    }
    fn static_key(&self, out: &mut String) {
        (**self).static_key(out)
    }
}

impl TensorTree for () {
    fn flatten_into(&self, _out: &mut Vec<Tensor>) {}
    fn rebuild(&self, _leaves: &mut dyn Iterator<Item = Tensor>) -> Result<Self> {
        Ok(())
    }
}

macro_rules! tuple_tree {
    ($($T:ident $i:tt),+) => {
        impl<$($T: TensorTree),+> TensorTree for ($($T,)+) {
            fn flatten_into(&self, out: &mut Vec<Tensor>) {
                $( self.$i.flatten_into(out); )+
            }
            fn rebuild(&self, leaves: &mut dyn Iterator<Item = Tensor>) -> Result<Self> {
                Ok(($( self.$i.rebuild(leaves)?, )+))
            }
            fn grad_mask_into(&self, out: &mut Vec<bool>) {
                $( self.$i.grad_mask_into(out); )+
            }
            fn static_key(&self, out: &mut String) {
                $( self.$i.static_key(out); )+
            }
        }
    };
}
tuple_tree!(A 0);
tuple_tree!(A 0, B 1);
tuple_tree!(A 0, B 1, C 2);
tuple_tree!(A 0, B 1, C 2, D 3);
tuple_tree!(A 0, B 1, C 2, D 3, E 4);
tuple_tree!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_tree!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_tree!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_tree!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_tree!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_tree!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_tree!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

// ---- compile caches ---------------------------------------------------------------------

/// What a cached executable computes from the traced function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Transform {
    /// The function itself.
    Primal,
    /// (outputs, gradients of the first output leaf w.r.t. the `wrt` leaves).
    ValueAndGrad,
    /// (outputs, input cotangents) from (inputs, output cotangents).
    Vjp,
    /// (outputs, output tangents) from (inputs, input tangents).
    Jvp,
    /// Tangents of the gradient: Hessian-vector products (forward over reverse).
    Hvp,
    /// The function mapped over a batch axis ([`Call::vmap`]).
    Vmap,
}

/// Which leaves `f_vmap` maps, along which axis, and where results put the batch axis.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub(crate) struct VmapSpec {
    /// Per argument leaf: the batch axis, or `None` (the leaf is shared by every example).
    pub in_axes: Vec<Option<usize>>,
    /// The batch axis of every result leaf.
    pub out_axis: usize,
}

/// Per-leaf axes from per-argument axes (`counts[k]` leaves for argument `k`).
fn leaf_axes(counts: &[usize], axes: &[Option<usize>]) -> Vec<Option<usize>> {
    counts
        .iter()
        .zip(axes)
        .flat_map(|(&n, &a)| std::iter::repeat(a).take(n))
        .collect()
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    transform: Transform,
    types: Vec<TensorType>,
    statics: String,
    wrt: Vec<usize>,
    vmap: Option<VmapSpec>,
    precision: Option<DType>,
}

struct Entry {
    /// Compiled on the first call outside a trace (inside one, `graph` is inlined).
    compiled: std::sync::OnceLock<Arc<Compiled>>,
    graph: Arc<Graph>,
    /// The traced result (its structure: leaves are dead traced tensors).
    template: Box<dyn Any + Send + Sync>,
    n_out: usize,
}

type ParallelMap = HashMap<(Key, usize, usize), Arc<(ParallelFn, Box<dyn Any + Send + Sync>)>>;

/// Hit and miss counts of a function's compile cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    /// Compiled entries held.
    pub entries: usize,
}

// Generated code puts a `JitCache` in a `static`.
const _: fn() = || {
    fn sync<T: Sync + Send>() {}
    sync::<JitCache>();
};

/// The compile cache of one `#[jit]` function (a `static` in the generated code).
pub struct JitCache {
    name: &'static str,
    entries: Mutex<Option<HashMap<Key, Arc<Entry>>>>,
    /// Data-parallel programs, by key and (client, device count).
    parallel: Mutex<Option<ParallelMap>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// One call of a jitted function: its flattened arguments and what to compute.
pub(crate) struct Call<'a> {
    /// The argument leaves, in argument order.
    pub leaves: &'a [Tensor],
    /// The static arguments' `Debug` text and the trees' static keys.
    pub statics: String,
    pub transform: Transform,
    /// Leaf indices differentiated (reverse mode; also the tangent inputs of `Hvp`).
    pub wrt: Vec<usize>,
    /// Bound on data-dependent `while` trip counts for reverse mode.
    pub max_iters: Option<usize>,
    /// Cotangents (`Vjp`: one per output leaf) or tangents (`Jvp`: one per float leaf;
    /// `Hvp`: one per `wrt` leaf).
    pub extra: &'a [Tensor],
    /// The axes of `Vmap`.
    pub vmap: Option<VmapSpec>,
    /// Reduced-precision policy: f32 argument leaves are converted to this dtype (bf16 or
    /// f16) before the body runs, sums and contractions accumulate in f32, and results of
    /// that dtype are converted back to f32.
    pub precision: Option<DType>,
}

impl Call<'_> {
    fn key(&self) -> Key {
        Key {
            transform: self.transform,
            types: self.leaves.iter().map(|t| t.ty()).collect(),
            statics: self.statics.clone(),
            wrt: self.wrt.clone(),
            vmap: self.vmap.clone(),
            precision: self.precision,
        }
    }
}

/// What a cached executable returned: the traced result's structure and the output leaves.
pub(crate) struct Outputs<O> {
    pub template: O,
    pub leaves: Vec<Tensor>,
    /// How many leaves the function's own result has (the rest are derivatives).
    pub n_out: usize,
}

impl JitCache {
    pub const fn new(name: &'static str) -> JitCache {
        JitCache {
            name,
            entries: Mutex::new(None),
            parallel: Mutex::new(None),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// Hit and miss counts so far.
    pub fn stats(&self) -> CacheStats {
        let entries = self
            .entries
            .lock()
            .map(|m| m.as_ref().map_or(0, |m| m.len()))
            .unwrap_or(0);
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries,
        }
    }

    /// Drops every compiled entry (counts are kept).
    pub fn clear(&self) {
        if let Ok(mut m) = self.entries.lock() {
            *m = None;
        }
    }

    fn entry<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        call: &Call<'_>,
        f: impl FnOnce(&[Tensor]) -> Result<O>,
    ) -> Result<Arc<Entry>> {
        let key = call.key();
        if let Some(e) = self
            .entries
            .lock()
            .ok()
            .and_then(|m| m.as_ref().and_then(|m| m.get(&key).cloned()))
        {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(e);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let (graph, template, n_out) = if call.transform == Transform::Vmap {
            let spec = call.vmap.clone().unwrap_or_default();
            let (types, batch) = unbatched_types(call.leaves, &spec.in_axes, self.name)?;
            let (graph, template) = self.trace_types(&types, call.precision, f)?;
            let n_out = graph.outputs().len();
            let out_axes = vec![spec.out_axis; n_out];
            let g = crate::batching::vmap(&graph, &spec.in_axes, &out_axes, batch)?;
            (g, template, n_out)
        } else {
            let (graph, template) = self.trace(call.leaves, call.precision, f)?;
            let n_out = graph.outputs().len();
            (transform(&graph, call, self.name)?, template, n_out)
        };
        let g = graph;
        let e = Arc::new(Entry {
            compiled: std::sync::OnceLock::new(),
            graph: Arc::new(g),
            template: Box::new(template),
            n_out,
        });
        if let Ok(mut m) = self.entries.lock() {
            m.get_or_insert_with(HashMap::new).insert(key, e.clone());
        }
        Ok(e)
    }

    fn trace<O: TensorTree>(
        &self,
        leaves: &[Tensor],
        precision: Option<DType>,
        f: impl FnOnce(&[Tensor]) -> Result<O>,
    ) -> Result<(Graph, O)> {
        let types: Vec<TensorType> = leaves.iter().map(|t| t.ty()).collect();
        self.trace_types(&types, precision, f)
    }

    fn trace_types<O: TensorTree>(
        &self,
        types: &[TensorType],
        precision: Option<DType>,
        f: impl FnOnce(&[Tensor]) -> Result<O>,
    ) -> Result<(Graph, O)> {
        let mut template = None;
        let name = self.name;
        if let Some(d) = precision {
            if !matches!(d, DType::BF16 | DType::F16) {
                return Err(Error::DType(format!(
                    "`{name}`: precision policy {d}: use bf16 or f16"
                )));
            }
        }
        let g = trace_types(types, |ts| {
            let _acc = precision.map(|_| crate::tensor::accumulate_in_f32());
            let low: Vec<Tensor>;
            let ts = match precision {
                Some(d) => {
                    low = ts
                        .iter()
                        .map(|t| {
                            if t.dtype() == DType::F32 {
                                t.astype(d)
                            } else {
                                Ok(t.clone())
                            }
                        })
                        .collect::<Result<Vec<_>>>()?;
                    &low[..]
                }
                None => ts,
            };
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(ts)));
            let out = match caught {
                Ok(r) => r?,
                Err(p) => {
                    let msg = p
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "a panic".into());
                    return Err(Error::Other(format!("tracing `{name}`: {msg}")));
                }
            };
            let mut l = out.leaves();
            if let Some(d) = precision {
                for t in l.iter_mut() {
                    if t.dtype() == d {
                        *t = t.astype(DType::F32)?;
                    }
                }
            }
            template = Some(out);
            Ok(l)
        })?;
        let template = template.ok_or_else(|| Error::Other("trace produced nothing".into()))?;
        Ok((g, template))
    }

    /// Runs the call: compiles on a miss, then executes (inlined when called inside
    /// another trace, so jitted functions compose).
    pub(crate) fn call<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        call: Call<'_>,
        f: impl FnOnce(&[Tensor]) -> Result<O>,
    ) -> Result<Outputs<O>> {
        let e = self.entry(&call, f)?;
        let mut args: Vec<&Tensor> = call.leaves.iter().collect();
        args.extend(call.extra.iter());
        let leaves = if is_tracing() {
            crate::trace::inline(&e.graph, &args)?
        } else {
            e.compiled()?.call(&args)?
        };
        let template = e
            .template
            .downcast_ref::<O>()
            .ok_or_else(|| Error::Other("jit cache: result type changed".into()))?
            .clone();
        Ok(Outputs {
            template,
            leaves,
            n_out: e.n_out,
        })
    }
}

impl Entry {
    fn compiled(&self) -> Result<Arc<Compiled>> {
        if let Some(c) = self.compiled.get() {
            return Ok(c.clone());
        }
        let new = Arc::new(Compiled::compile(&self.graph)?);
        Ok(self.compiled.get_or_init(|| new).clone())
    }
}

/// The per-example types of batched leaves (the batch axis removed) and the batch size.
fn unbatched_types(
    leaves: &[Tensor],
    axes: &[Option<usize>],
    name: &str,
) -> Result<(Vec<TensorType>, i64)> {
    if axes.len() != leaves.len() {
        return Err(Error::Other(format!(
            "`{name}_vmap`: {} axes for {} argument leaves",
            axes.len(),
            leaves.len()
        )));
    }
    let mut batch: Option<(i64, usize)> = None;
    let mut types = vec![];
    for (i, (l, a)) in leaves.iter().zip(axes).enumerate() {
        let mut t = l.ty();
        if let Some(a) = *a {
            if a >= t.rank() {
                return Err(Error::Shape(format!(
                    "`{name}_vmap`: argument leaf {i} has type {t}, which has no axis {a} to map over"
                )));
            }
            let n = t.shape.remove(a);
            match batch {
                None => batch = Some((n, i)),
                Some((m, j)) if m != n => {
                    return Err(Error::Shape(format!(
                        "`{name}_vmap`: batch sizes differ: leaf {j} has {m} examples along its mapped axis, leaf {i} has {n}"
                    )))
                }
                _ => {}
            }
        }
        types.push(t);
    }
    let batch = batch
        .ok_or_else(|| Error::Other(format!("`{name}_vmap`: no argument is mapped")))?
        .0;
    Ok((types, batch))
}

// ---- what generated entry points call --------------------------------------------------

/// The flattened arguments of one call of a tensor function: what the generated
/// `__oxidiff_args_f` builds, argument by argument.
#[derive(Clone, Default)]
pub struct Args {
    /// Every tree argument's leaves, in argument order.
    pub leaves: Vec<Tensor>,
    /// Static arguments' `Debug` text and the trees' static keys.
    pub statics: String,
    /// Per tree argument: its leaf count, whether it is differentiated, its leaves' mask.
    trees: Vec<(usize, bool, Vec<bool>)>,
    precision: Option<DType>,
}

impl Args {
    pub fn new(precision: Option<DType>) -> Args {
        Args {
            precision,
            ..Args::default()
        }
    }

    /// A tree argument (`active`: differentiated by the derivative entry points).
    pub fn tree<T: TensorTree>(&mut self, t: &T, active: bool) {
        let n = self.leaves.len();
        t.flatten_into(&mut self.leaves);
        t.static_key(&mut self.statics);
        self.statics.push(';');
        let mut mask = Vec::new();
        t.grad_mask_into(&mut mask);
        self.trees.push((self.leaves.len() - n, active, mask));
    }

    /// A static argument: part of the cache key.
    pub fn static_arg<T: std::fmt::Debug + ?Sized>(&mut self, v: &T) {
        let _ = write!(self.statics, "{v:?};");
    }

    fn ranges(&self) -> impl Iterator<Item = (std::ops::Range<usize>, bool, &[bool])> {
        let mut start = 0;
        self.trees.iter().map(move |(n, a, m)| {
            let r = start..start + n;
            start += n;
            (r, *a, m.as_slice())
        })
    }

    /// The differentiated leaves (active arguments, mask set).
    fn wrt(&self) -> Vec<usize> {
        let mut w = vec![];
        for (r, active, mask) in self.ranges() {
            if active {
                w.extend(r.zip(mask).filter(|(_, m)| **m).map(|(i, _)| i));
            }
        }
        w
    }

    fn call<'a>(
        &'a self,
        transform: Transform,
        max_iters: Option<usize>,
        extra: &'a [Tensor],
    ) -> Call<'a> {
        Call {
            leaves: &self.leaves,
            statics: self.statics.clone(),
            transform,
            wrt: if matches!(
                transform,
                Transform::Primal | Transform::Vmap | Transform::Jvp
            ) {
                vec![]
            } else {
                self.wrt()
            },
            max_iters,
            extra,
            vmap: None,
            precision: self.precision,
        }
    }

    /// Gradient leaves for every active argument, from one per differentiated float leaf
    /// (zeros elsewhere: integer leaves, `#[no_grad]` fields).
    fn split(&self, grads: impl IntoIterator<Item = Tensor>) -> Result<Grads> {
        let mut g = grads.into_iter();
        let mut per = vec![];
        for (r, active, mask) in self.ranges() {
            if !active {
                continue;
            }
            let mut v = vec![];
            for (i, m) in r.zip(mask) {
                let l = &self.leaves[i];
                if *m && l.dtype().is_float() {
                    v.push(
                        g.next()
                            .ok_or_else(|| Error::Other("gradient: missing leaf".into()))?,
                    );
                } else {
                    v.push(Tensor::zeros(l.dtype(), l.shape())?);
                }
            }
            per.push(v);
        }
        Ok(Grads(per.into_iter()))
    }

    /// One tangent per leaf from the tangents of the active arguments (zeros elsewhere).
    fn tangents(&self, given: &[Vec<Tensor>]) -> Result<Vec<Tensor>> {
        let mut t = Vec::with_capacity(self.leaves.len());
        let mut k = 0;
        for (r, active, mask) in self.ranges() {
            let g = if active {
                k += 1;
                Some(given.get(k - 1).ok_or_else(|| {
                    Error::Other("tangents: one per differentiated argument".into())
                })?)
            } else {
                None
            };
            if let Some(g) = g {
                if g.len() != r.len() {
                    return Err(Error::Shape(format!(
                        "tangent {k}: {} leaves, its argument has {}",
                        g.len(),
                        r.len()
                    )));
                }
            }
            for (j, i) in r.enumerate() {
                let l = &self.leaves[i];
                match g {
                    Some(g) if mask[j] => {
                        if g[j].ty() != l.ty() {
                            return Err(Error::Shape(format!(
                                "tangent leaf {i} has type {}, the argument's has {}",
                                g[j].ty(),
                                l.ty()
                            )));
                        }
                        t.push(g[j].clone());
                    }
                    _ => t.push(Tensor::zeros(l.dtype(), l.shape())?),
                }
            }
        }
        Ok(t)
    }
}

/// Gradient leaves, one group per differentiated argument, rebuilt in order.
pub struct Grads(std::vec::IntoIter<Vec<Tensor>>);

impl Grads {
    /// The next argument's gradient, with the structure of `template` (the argument).
    pub fn next_like<T: TensorTree>(&mut self, template: &T) -> Result<T> {
        let v = self
            .0
            .next()
            .ok_or_else(|| Error::Other("gradient: too few arguments".into()))?;
        template.rebuild(&mut v.into_iter())
    }
}

/// The pullback of `f_vjp`: runs the compiled VJP on the saved arguments.
pub struct Pullback {
    entry: Arc<Entry>,
    args: Args,
}

impl Pullback {
    /// Cotangents of the differentiated arguments for the result's cotangent `ct`.
    pub fn call<O: TensorTree>(&self, ct: &O) -> Result<Grads> {
        let cts = ct.leaves();
        let n_out = self.entry.n_out;
        if cts.len() != n_out {
            return Err(Error::Other(format!(
                "pullback: the cotangent has {} leaves, the result {n_out}",
                cts.len()
            )));
        }
        let mut inputs: Vec<&Tensor> = self.args.leaves.iter().collect();
        inputs.extend(cts.iter());
        let outs = if is_tracing() {
            crate::trace::inline(&self.entry.graph, &inputs)?
        } else {
            self.entry.compiled()?.call(&inputs)?
        };
        self.args.split(outs.into_iter().skip(n_out))
    }
}

type Traced<'a, O> = dyn Fn(&[Tensor]) -> Result<O> + 'a;

impl JitCache {
    fn run<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        call: Call<'_>,
        f: &Traced<'_, O>,
    ) -> Result<(O, Vec<Tensor>)> {
        let o = self.call(call, f)?;
        let mut it = o.leaves.into_iter();
        let v = o.template.rebuild(&mut (&mut it).take(o.n_out))?;
        Ok((v, it.collect()))
    }

    /// `f(args)`, compiled.
    pub fn primal<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        a: &Args,
        f: &Traced<'_, O>,
    ) -> Result<O> {
        Ok(self.run(a.call(Transform::Primal, None, &[]), f)?.0)
    }

    /// The value and the gradient of the first result leaf w.r.t. the active arguments.
    pub fn value_and_grad<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        a: &Args,
        max_iters: Option<usize>,
        f: &Traced<'_, O>,
    ) -> Result<(O, Grads)> {
        let (v, rest) = self.run(a.call(Transform::ValueAndGrad, max_iters, &[]), f)?;
        Ok((v, a.split(rest)?))
    }

    /// The value and the tangent along `tangents` (the leaves of each active argument's
    /// tangent, in order).
    pub fn jvp<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        a: &Args,
        tangents: &[Vec<Tensor>],
        f: &Traced<'_, O>,
    ) -> Result<(O, O)> {
        let t = a.tangents(tangents)?;
        let (v, rest) = self.run(a.call(Transform::Jvp, None, &t), f)?;
        let d = v.rebuild(&mut rest.into_iter())?;
        Ok((v, d))
    }

    /// Hessian-vector products: the tangent of the gradient along `tangents`.
    pub fn hvp<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        a: &Args,
        max_iters: Option<usize>,
        tangents: &[Vec<Tensor>],
        f: &Traced<'_, O>,
    ) -> Result<Grads> {
        let all = a.tangents(tangents)?;
        let t: Vec<Tensor> = a
            .wrt()
            .into_iter()
            .filter(|&i| a.leaves[i].dtype().is_float())
            .map(|i| all[i].clone())
            .collect();
        // The HVP program returns only the gradient's tangents.
        let o = self.call(a.call(Transform::Hvp, max_iters, &t), f)?;
        a.split(o.leaves)
    }

    /// The value and a pullback (the VJP is compiled now; the pullback only runs it).
    pub fn vjp<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        a: Args,
        max_iters: Option<usize>,
        f: &Traced<'_, O>,
    ) -> Result<(O, Pullback)> {
        let v = self.primal(&a, f)?;
        let entry = self.entry(&a.call(Transform::Vjp, max_iters, &[]), f)?;
        Ok((v, Pullback { entry, args: a }))
    }

    /// `f` mapped over the batch axes `axes` (one per tree argument).
    pub fn vmap<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        a: &Args,
        axes: &[Option<usize>],
        out_axis: usize,
        f: &Traced<'_, O>,
    ) -> Result<O> {
        let counts: Vec<usize> = a.trees.iter().map(|t| t.0).collect();
        let mut c = a.call(Transform::Vmap, None, &[]);
        c.vmap = Some(VmapSpec {
            in_axes: leaf_axes(&counts, axes),
            out_axis,
        });
        Ok(self.run(c, f)?.0)
    }

    /// `f` run data-parallel on the devices of `dp`: the leaves of arguments with
    /// `sharded[k]` split along axis 0 over the devices, the others replicated; the body
    /// sees its shard and averages across devices with `Tensor::all_reduce_mean`. Results
    /// are replicated (replica 0's are returned: they should be equal on every device, as
    /// after an all-reduce).
    pub fn data_parallel<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        dp: &DataParallel,
        a: &Args,
        sharded: &[bool],
        f: &Traced<'_, O>,
    ) -> Result<O> {
        if sharded.len() != a.trees.len() {
            return Err(Error::Other(format!(
                "`{}_data_parallel`: {} placements for {} tensor arguments",
                self.name,
                sharded.len(),
                a.trees.len()
            )));
        }
        let placements: Vec<Placement> = a
            .trees
            .iter()
            .zip(sharded)
            .flat_map(|(t, &s)| {
                let p = if s {
                    Placement::Sharded
                } else {
                    Placement::Replicated
                };
                std::iter::repeat(p).take(t.0)
            })
            .collect();
        let mut key = a.call(Transform::Primal, None, &[]).key();
        key.statics.push_str(&format!("dp{:?}", placements));
        let full = (key, dp.client().id(), dp.n_devices());
        let cached = self
            .parallel
            .lock()
            .ok()
            .and_then(|m| m.as_ref().and_then(|m| m.get(&full).cloned()));
        let e = match cached {
            Some(e) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                e
            }
            None => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                let n = dp.n_devices();
                let local = a
                    .leaves
                    .iter()
                    .zip(&placements)
                    .map(|(l, p)| local_type(&l.ty(), *p, n))
                    .collect::<Result<Vec<_>>>()
                    .map_err(|e| match e {
                        Error::Shape(m) => {
                            Error::Shape(format!("`{}_data_parallel`: {m}", self.name))
                        }
                        e => e,
                    })?;
                let (graph, template) =
                    with_replicas(n, || self.trace_types(&local, a.precision, f))?;
                let outs = vec![Placement::Replicated; graph.outputs().len()];
                let pf = dp.compile(&graph, &placements, &outs)?;
                let e = Arc::new((pf, Box::new(template) as Box<dyn Any + Send + Sync>));
                if let Ok(mut m) = self.parallel.lock() {
                    m.get_or_insert_with(HashMap::new).insert(full, e.clone());
                }
                e
            }
        };
        let refs: Vec<&Tensor> = a.leaves.iter().collect();
        let outs = e.0.call_tensors(&refs)?;
        let template =
            e.1.downcast_ref::<O>()
                .ok_or_else(|| Error::Other("jit cache: result type changed".into()))?;
        template.rebuild(&mut outs.into_iter())
    }

    /// The IR of the primal or the value-and-gradient program, without running it.
    pub fn ir_of<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        a: &Args,
        grad: bool,
        max_iters: Option<usize>,
        f: &Traced<'_, O>,
    ) -> Result<String> {
        let t = if grad {
            Transform::ValueAndGrad
        } else {
            Transform::Primal
        };
        Ok(self.entry(&a.call(t, max_iters, &[]), f)?.graph.to_string())
    }

    /// The StableHLO text of the primal program, without running it.
    pub fn mlir_of<O: TensorTree + Clone + Send + Sync + 'static>(
        &self,
        a: &Args,
        f: &Traced<'_, O>,
    ) -> Result<String> {
        crate::lower::lower(&self.entry(&a.call(Transform::Primal, None, &[]), f)?.graph)
    }
}

fn float_leaves(g: &Graph) -> Vec<usize> {
    (0..g.inputs().len())
        .filter(|&i| g.ty(g.inputs()[i]).dtype.is_float())
        .collect()
}

/// The graph a cache entry compiles: `g` itself or one of its derivatives.
fn transform(g: &Graph, call: &Call<'_>, name: &str) -> Result<Graph> {
    let opts = VjpOptions {
        max_iters: call.max_iters,
    };
    let wrt: Vec<usize> = call
        .wrt
        .iter()
        .copied()
        .filter(|&i| g.ty(g.inputs()[i]).dtype.is_float())
        .collect();
    let ctx = |e: Error| match e {
        Error::Other(m) => Error::Other(format!("`{name}`: {m}")),
        e => e,
    };
    let n_in = g.inputs().len();
    match call.transform {
        Transform::Primal => Ok(g.clone()),
        Transform::Vmap => Err(Error::Other("vmap is applied before tracing".into())),
        Transform::ValueAndGrad => {
            autodiff::value_and_grad_with_options(g, Some(&wrt), &opts).map_err(ctx)
        }
        Transform::Vjp => {
            // `vjp` takes one cotangent per float output; the generated code passes one
            // per output leaf, so integer outputs get an input that is ignored.
            let v = autodiff::vjp_with_options(g, Some(&wrt), &opts).map_err(ctx)?;
            let out_tys = g.output_types();
            let mut types: Vec<TensorType> = g.input_types();
            types.extend(out_tys.iter().cloned());
            trace_types(&types, |ts| {
                let mut args: Vec<&Tensor> = ts[..n_in].iter().collect();
                for (k, t) in out_tys.iter().enumerate() {
                    if t.dtype.is_float() {
                        args.push(&ts[n_in + k]);
                    }
                }
                crate::trace::inline(&v, &args)
            })
        }
        Transform::Jvp => {
            // `jvp` takes a tangent per float input; the generated code passes one per leaf
            // and gets one per output leaf (zeros for non-float outputs).
            let j = autodiff::jvp(g).map_err(ctx)?;
            let floats = float_leaves(g);
            let mut types = g.input_types();
            types.extend(g.input_types());
            let out_tys = g.output_types();
            trace_types(&types, |ts| {
                let mut args: Vec<&Tensor> = ts[..n_in].iter().collect();
                for &i in &floats {
                    args.push(&ts[n_in + i]);
                }
                let outs = crate::trace::inline(&j, &args)?;
                let mut res: Vec<Tensor> = outs[..out_tys.len()].to_vec();
                let mut k = out_tys.len();
                for t in &out_tys {
                    if t.dtype.is_float() {
                        res.push(outs[k].clone());
                        k += 1;
                    } else {
                        res.push(Tensor::zeros(t.dtype, &t.shape)?);
                    }
                }
                Ok(res)
            })
        }
        Transform::Hvp => {
            // Forward over reverse: the JVP of the value-and-gradient graph. Inputs: the
            // leaves, then a tangent per float `wrt` leaf; outputs: the gradient's tangents.
            let vg = autodiff::value_and_grad_with_options(g, Some(&wrt), &opts).map_err(ctx)?;
            let j = autodiff::jvp(&vg).map_err(ctx)?;
            let floats = float_leaves(g);
            let mut types = g.input_types();
            types.extend(wrt.iter().map(|&i| g.ty(g.inputs()[i]).clone()));
            let vg_out = vg.output_types();
            let n_float_out = vg_out.iter().filter(|t| t.dtype.is_float()).count();
            trace_types(&types, |ts| {
                let mut args: Vec<Tensor> = ts[..n_in].to_vec();
                for &i in &floats {
                    match wrt.iter().position(|&w| w == i) {
                        Some(k) => args.push(ts[n_in + k].clone()),
                        None => args.push(Tensor::zeros(ts[i].dtype(), ts[i].shape())?),
                    }
                }
                let refs: Vec<&Tensor> = args.iter().collect();
                let outs = crate::trace::inline(&j, &refs)?;
                // The gradients are the last `wrt.len()` outputs of `vg` (all float).
                let tangents = &outs[vg_out.len()..vg_out.len() + n_float_out];
                Ok(tangents[n_float_out - wrt.len()..].to_vec())
            })
        }
    }
}

// ---- control flow -----------------------------------------------------------------------

/// The condition of an `if` the macro converted: a Rust `bool` (ordinary `if`) or a bool
/// scalar [`Tensor`] (`stablehlo.case`: both branches are traced, the taken one runs).
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't be the condition of an `if` in a tensor function",
    label = "expected `bool` or a bool scalar `Tensor`"
)]
pub trait Cond<T> {
    fn branch(
        self,
        on_true: impl FnOnce() -> Result<T>,
        on_false: impl FnOnce() -> Result<T>,
    ) -> Result<T>;
}

impl<T> Cond<T> for bool {
    #[inline]
    fn branch(
        self,
        on_true: impl FnOnce() -> Result<T>,
        on_false: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        if self {
            on_true()
        } else {
            on_false()
        }
    }
}

impl<T: TensorTree + Clone + 'static> Cond<T> for &Tensor {
    fn branch(
        self,
        on_true: impl FnOnce() -> Result<T>,
        on_false: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let mut template: Option<T> = None;
        let slot = &mut template;
        let outs = Tensor::cond(
            self,
            move || {
                let v = on_true()?;
                let l = v.leaves();
                *slot = Some(v);
                Ok(l)
            },
            move || Ok(on_false()?.leaves()),
        )?;
        template
            .ok_or_else(|| Error::Other("if: branch not traced".into()))?
            .rebuild(&mut outs.into_iter())
    }
}

impl<T: TensorTree + Clone + 'static> Cond<T> for Tensor {
    fn branch(
        self,
        on_true: impl FnOnce() -> Result<T>,
        on_false: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        (&self).branch(on_true, on_false)
    }
}

/// `if c { a } else { b }` as the macro rewrites it.
#[inline]
pub fn cond<T, C: Cond<T>>(
    c: C,
    on_true: impl FnOnce() -> Result<T>,
    on_false: impl FnOnce() -> Result<T>,
) -> Result<T> {
    c.branch(on_true, on_false)
}

/// A condition that must be a Rust `bool` because its `if`/`while` can't be converted.
#[diagnostic::on_unimplemented(
    message = "this condition must be a Rust `bool`: its `if`/`while` contains `break`, `continue` or `return`, which a tensor function can't turn into `stablehlo.case`/`stablehlo.while`",
    label = "a traced condition here",
    note = "carry the decision in a tensor instead (e.g. `done = done.or(&c)?` with `Tensor::select`), or move the early exit out of the traced control flow"
)]
pub trait StaticCond {
    fn get(self) -> bool;
}

impl StaticCond for bool {
    #[inline]
    fn get(self) -> bool {
        self
    }
}

/// The condition of an unconverted `if`/`while`.
#[inline]
pub fn static_cond(c: impl StaticCond) -> bool {
    c.get()
}

/// A loop bound of a converted `for i in a..b`: a Rust integer or an integer scalar tensor.
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't bound a `for` loop in a tensor function",
    label = "expected an integer or an integer scalar `Tensor`"
)]
pub trait Bound {
    fn to_tensor(&self) -> Result<Tensor>;
    /// The bound's value when it is a Rust integer.
    fn static_value(&self) -> Option<i64> {
        None
    }
}

macro_rules! int_bound {
    ($($t:ty),*) => {$(
        impl Bound for $t {
            fn to_tensor(&self) -> Result<Tensor> {
                let v = i32::try_from(*self).map_err(|_| {
                    Error::Other(format!("for: bound {} does not fit in i32", self))
                })?;
                Tensor::scalar(v)
            }
            fn static_value(&self) -> Option<i64> {
                i64::try_from(*self).ok()
            }
        }
    )*};
}
int_bound!(usize, isize, u32, i32, u64, i64, u16, i16, u8, i8);

impl Bound for Tensor {
    fn to_tensor(&self) -> Result<Tensor> {
        if self.rank() != 0 || self.dtype().is_float() || self.dtype() == DType::Bool {
            return Err(Error::DType(format!(
                "for: a tensor loop bound must be an integer scalar, got {}",
                self.ty()
            )));
        }
        if self.dtype() == DType::I32 {
            Ok(self.clone())
        } else {
            self.astype(DType::I32)
        }
    }
}

impl Bound for &Tensor {
    fn to_tensor(&self) -> Result<Tensor> {
        (*self).to_tensor()
    }
}

/// `for i in lo..hi { body }` as the macro rewrites it: one `stablehlo.while` whose carry
/// is the counter (an i32 scalar tensor `i`, which the body sees) and `init`. With
/// integer bounds the trip count is static, which reverse mode uses.
pub fn fori<T: TensorTree + Clone + 'static>(
    lo: impl Bound,
    hi: impl Bound,
    init: T,
    body: impl Fn(Tensor, T) -> Result<T>,
) -> Result<T> {
    let lo = lo.to_tensor()?;
    let hi = hi.to_tensor()?;
    let mut carry = vec![lo];
    carry.extend(init.leaves());
    let template = init;
    let one = Tensor::scalar(1i32)?;
    let outs = Tensor::while_loop(
        carry,
        |c| c[0].less(&hi),
        |c| {
            let x = template.rebuild(&mut c[1..].iter().cloned())?;
            let y = body(c[0].clone(), x)?;
            let mut next = vec![c[0].try_add(&one)?];
            next.extend(y.leaves());
            Ok(next)
        },
    )?;
    template.rebuild(&mut outs.into_iter().skip(1))
}

/// `#[checkpoint]` / `#[checkpoint(every = k)]` on `for i in lo..hi`: the loop split into
/// an outer loop over chunks of `k` iterations (default `⌈√n⌉`) and an inner loop over a
/// chunk. Reverse mode stores the carry once per chunk and, while reversing a chunk,
/// recomputes it storing its `k` inner carries: `n/k + k` stored carries instead of `n`,
/// for about one more forward pass. The bounds must be Rust integers.
pub fn fori_checkpointed<T: TensorTree + Clone + 'static>(
    lo: impl Bound,
    hi: impl Bound,
    every: Option<usize>,
    init: T,
    body: impl Fn(Tensor, T) -> Result<T>,
) -> Result<T> {
    let (Some(lo), Some(hi)) = (lo.static_value(), hi.static_value()) else {
        return Err(Error::Other(
            "#[checkpoint] on a `for` loop needs integer bounds (a static trip count)".into(),
        ));
    };
    let n = (hi - lo).max(0);
    let k = match every {
        Some(0) => {
            return Err(Error::Other(
                "#[checkpoint(every = 0)]: use every >= 1".into(),
            ))
        }
        Some(k) => k as i64,
        None => ((n as f64).sqrt().ceil() as i64).max(1),
    };
    let chunks = n / k;
    let body = &body;
    let outer = fori(0i64, chunks, init, |o, c| {
        let base = (&o * k as f64).try_add(&Tensor::scalar(lo as i32)?)?;
        fori(0i64, k, c, |ii, c| body(base.try_add(&ii)?, c))
    })?;
    fori(lo + chunks * k, hi, outer, body)
}

/// The condition of a converted `while`: a Rust `bool` (an ordinary loop) or a bool scalar
/// [`Tensor`] (`stablehlo.while`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't be the condition of a `while` in a tensor function",
    label = "expected `bool` or a bool scalar `Tensor`"
)]
pub trait LoopCond<T>: Sized {
    fn run(init: T, cond: impl Fn(T) -> Result<Self>, body: impl Fn(T) -> Result<T>) -> Result<T>;
}

impl<T: Clone> LoopCond<T> for bool {
    fn run(init: T, cond: impl Fn(T) -> Result<bool>, body: impl Fn(T) -> Result<T>) -> Result<T> {
        let mut c = init;
        while cond(c.clone())? {
            c = body(c)?;
        }
        Ok(c)
    }
}

impl<T: TensorTree + Clone + 'static> LoopCond<T> for Tensor {
    fn run(
        init: T,
        cond: impl Fn(T) -> Result<Tensor>,
        body: impl Fn(T) -> Result<T>,
    ) -> Result<T> {
        let template = init.clone();
        let outs = Tensor::while_loop(
            init.leaves(),
            |c| cond(template.rebuild(&mut c.iter().cloned())?),
            |c| Ok(body(template.rebuild(&mut c.iter().cloned())?)?.leaves()),
        )?;
        template.rebuild(&mut outs.into_iter())
    }
}

/// `while c { body }` as the macro rewrites it (the carry: the variables `body` assigns).
pub fn while_loop<T, C: LoopCond<T>>(
    init: T,
    cond: impl Fn(T) -> Result<C>,
    body: impl Fn(T) -> Result<T>,
) -> Result<T> {
    C::run(init, cond, body)
}

/// Whether a trace is active (a jitted function called inside another one runs inline).
pub use crate::trace::is_tracing as tracing;
