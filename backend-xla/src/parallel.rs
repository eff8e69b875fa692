//! Data parallelism: one traced function run on every device of a PJRT client, the batch
//! split over the devices and gradients averaged with a cross-replica `all_reduce` (the
//! role of JAX's `pmap`, or of `jit` over a batch-sharded array).
//!
//! - [`DataParallel`] holds a client and a device count `n`. [`DataParallel::jit`] traces
//!   the *per-replica* function (inputs of per-replica shape: a [`Placement::Sharded`]
//!   input of global shape `[B, ...]` is seen as `[B / n, ...]`), lowers it and compiles it
//!   for `n` replicas (through the client's compile cache).
//! - Inside that trace, [`Tensor::all_reduce_sum`] and [`Tensor::all_reduce_mean`] reduce a
//!   value over the `n` replicas ([`Op::AllReduce`], lowered to `stablehlo.all_reduce`
//!   with one replica group of all replicas). The replica count comes from the
//!   [`with_replicas`] scope that `DataParallel` opens while tracing; outside any such scope
//!   it is 1 and the reductions are the identity (eagerly they return the tensor itself).
//! - [`DistTensor`] is an array spread over the `n` devices: sharded along axis 0 or
//!   replicated. [`ParallelFn::call`] runs on `DistTensor`s (nothing goes through the host,
//!   so training state can stay on the devices between steps); [`ParallelFn::call_tensors`]
//!   places host tensors, runs, and gathers the results.
//!
//! The data-parallel pattern: each replica computes the gradient of the loss of *its*
//! shard, then `all_reduce_mean`s it; with equal shards that is the gradient of the mean
//! loss over the global batch, bit-for-bit the same math as one device (up to the order of
//! floating-point sums). Differentiating *through* an all-reduce follows `pmap`'s rules:
//! the transpose of a cross-replica sum is a cross-replica sum of the cotangents, so
//! `grad(all_reduce_mean(local_loss))` on each replica is that replica's *local* gradient
//! (each replica seeds its own copy of the global loss); average it with `all_reduce_mean`
//! as well. See `docs/ARCHITECTURE.md`, "Data parallelism".
//!
//! ```
//! use oxidiff_xla::ir::TensorType;
//! use oxidiff_xla::parallel::{DataParallel, Placement::{Replicated, Sharded}};
//! use oxidiff_xla::{tensor::Tensor, DType};
//!
//! let dp = DataParallel::cpu(4)?; // a CPU client with 4 devices
//! // Per replica: the mean of its 2 rows, then the mean over the 4 replicas.
//! let f = dp.jit(
//!     &[(Sharded, TensorType::new(DType::F64, &[8]))],
//!     &[Replicated, Sharded],
//!     |x| Ok(vec![x[0].mean(&[0])?.all_reduce_mean()?, x[0].all_reduce_sum()?]),
//! )?;
//! let x = Tensor::from_vec((0..8).map(|i| i as f64).collect(), &[8])?;
//! let out = f.call_tensors(&[&x])?;
//! assert_eq!(out[0].to_scalar::<f64>()?, 3.5);
//! // Row k of each shard summed over the shards: 0+2+4+6 and 1+3+5+7, on every replica.
//! assert_eq!(out[1].to_vec::<f64>()?, [12.0, 16.0, 12.0, 16.0, 12.0, 16.0, 12.0, 16.0]);
//! # Ok::<(), oxidiff_xla::Error>(())
//! ```

use std::cell::Cell;
use std::sync::Arc;

use crate::ir::{Graph, Op, Region, TensorType};
use crate::lower::lower;
use crate::pjrt::{Buffer, Client, Executable};
use crate::tensor::Tensor;
use crate::trace::trace_types;
use crate::{Error, Result};

thread_local! {
    static REPLICAS: Cell<usize> = const { Cell::new(1) };
}

/// The number of replicas that cross-replica ops traced now reduce over: the innermost
/// [`with_replicas`] scope's, or 1.
pub fn replicas() -> usize {
    REPLICAS.with(|r| r.get())
}

/// Runs `f` with [`replicas`] set to `n` (restored afterwards, also on panic). Use it to
/// trace a per-replica graph by hand; [`DataParallel::trace`] does it for you.
pub fn with_replicas<R>(n: usize, f: impl FnOnce() -> R) -> R {
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            REPLICAS.with(|r| r.set(self.0));
        }
    }
    let _restore = Restore(REPLICAS.with(|r| r.replace(n)));
    f()
}

/// How a global array is laid out over the devices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Split along axis 0 into `n` equal, contiguous shards; replica `r` holds shard `r`.
    Sharded,
    /// A full copy on every device.
    Replicated,
}

fn dev_err(msg: impl Into<String>) -> Error {
    Error::Device(msg.into())
}

/// The per-replica type of a global array of type `ty` placed with `p` over `n` devices.
pub fn local_type(ty: &TensorType, p: Placement, n: usize) -> Result<TensorType> {
    match p {
        Placement::Replicated => Ok(ty.clone()),
        Placement::Sharded => {
            let Some(&b) = ty.shape.first() else {
                return Err(Error::Shape(format!(
                    "a scalar ({ty}) cannot be sharded over {n} devices: shard an array along axis 0"
                )));
            };
            if b % n as i64 != 0 {
                return Err(Error::Shape(format!(
                    "axis 0 of {ty} (size {b}) does not split evenly over {n} devices"
                )));
            }
            let mut shape = ty.shape.clone();
            shape[0] = b / n as i64;
            Ok(TensorType::new(ty.dtype, &shape))
        }
    }
}

/// The global type of an array whose per-replica type is `local`.
fn global_type(local: &TensorType, p: Placement, n: usize) -> Result<TensorType> {
    match p {
        Placement::Replicated => Ok(local.clone()),
        Placement::Sharded => {
            let Some(&b) = local.shape.first() else {
                return Err(Error::Shape(format!(
                    "a per-replica scalar output ({local}) cannot be gathered as sharded; \
                     mark it Replicated (after an all_reduce) or give it a leading axis"
                )));
            };
            let mut shape = local.shape.clone();
            shape[0] = b * n as i64;
            Ok(TensorType::new(local.dtype, &shape))
        }
    }
}

/// An array spread over the devices of a [`DataParallel`]: one buffer per device, sharded
/// along axis 0 or replicated. Its buffers are freed when it is dropped.
pub struct DistTensor {
    placement: Placement,
    ty: TensorType,
    bufs: Vec<Buffer>,
}

impl std::fmt::Debug for DistTensor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DistTensor({}, {:?} over {} devices)",
            self.ty,
            self.placement,
            self.bufs.len()
        )
    }
}

impl DistTensor {
    pub fn placement(&self) -> Placement {
        self.placement
    }
    /// The global type (a sharded array's full batch).
    pub fn ty(&self) -> &TensorType {
        &self.ty
    }
    pub fn shape(&self) -> &[i64] {
        &self.ty.shape
    }
    /// The per-device buffers, device `r` at index `r`.
    pub fn buffers(&self) -> &[Buffer] {
        &self.bufs
    }

    /// The global array as an eager [`Tensor`] (on [`Client::global`]): a replicated
    /// array's replica 0, a sharded array's shards concatenated.
    pub fn to_tensor(&self) -> Result<Tensor> {
        let bytes = match self.placement {
            Placement::Replicated => self.bufs[0].to_bytes()?,
            Placement::Sharded => {
                let mut all = Vec::new();
                for b in &self.bufs {
                    all.extend(b.to_bytes()?);
                }
                all
            }
        };
        Tensor::from_bytes(self.ty.dtype, &self.ty.shape, bytes)
    }

    /// Each device's part as an eager [`Tensor`] (on [`Client::global`]), replica order.
    pub fn per_replica(&self) -> Result<Vec<Tensor>> {
        self.bufs
            .iter()
            .map(|b| Tensor::from_bytes(b.dtype(), b.dims(), b.to_bytes()?))
            .collect()
    }
}

/// A client and `n` of its devices (`0..n`) that run replicated programs.
#[derive(Clone, Debug)]
pub struct DataParallel {
    client: Client,
    n: usize,
}

impl DataParallel {
    /// Data parallelism over devices `0..n_devices` of `client`.
    pub fn new(client: Client, n_devices: usize) -> Result<DataParallel> {
        let have = client.device_count();
        if n_devices == 0 || n_devices > have {
            return Err(dev_err(format!(
                "data parallelism over {n_devices} devices, but the client has {have} \
                 (a CPU client gets more with Client::cpu_with_devices)"
            )));
        }
        Ok(DataParallel {
            client,
            n: n_devices,
        })
    }

    /// A CPU client with `n` devices (the `cpu_device_count` create option) and all of them.
    pub fn cpu(n: usize) -> Result<DataParallel> {
        DataParallel::new(Client::cpu_with_devices(n)?, n)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The number of devices (replicas).
    pub fn n_devices(&self) -> usize {
        self.n
    }

    /// Copies `t` (eager) to every device.
    pub fn replicate(&self, t: &Tensor) -> Result<DistTensor> {
        let bytes = host_bytes(t)?;
        let ty = t.ty();
        let bufs = (0..self.n)
            .map(|r| {
                self.client
                    .buffer_from_bytes(&bytes, ty.dtype, &ty.shape, r)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(DistTensor {
            placement: Placement::Replicated,
            ty,
            bufs,
        })
    }

    /// Splits `t` (eager) along axis 0 into `n` equal shards, shard `r` on device `r`.
    pub fn shard(&self, t: &Tensor) -> Result<DistTensor> {
        let ty = t.ty();
        let local = local_type(&ty, Placement::Sharded, self.n)?;
        let bytes = host_bytes(t)?;
        let chunk = bytes.len() / self.n;
        let bufs = (0..self.n)
            .map(|r| {
                self.client.buffer_from_bytes(
                    &bytes[r * chunk..(r + 1) * chunk],
                    ty.dtype,
                    &local.shape,
                    r,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(DistTensor {
            placement: Placement::Sharded,
            ty,
            bufs,
        })
    }

    /// [`DataParallel::shard`] or [`DataParallel::replicate`].
    pub fn place(&self, t: &Tensor, p: Placement) -> Result<DistTensor> {
        match p {
            Placement::Sharded => self.shard(t),
            Placement::Replicated => self.replicate(t),
        }
    }

    /// Traces the per-replica function `f`: `inputs` are the *global* types and placements
    /// of its arguments, `f` receives per-replica traced tensors, and cross-replica ops in it
    /// reduce over this `DataParallel`'s `n` devices.
    pub fn trace(
        &self,
        inputs: &[(Placement, TensorType)],
        f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
    ) -> Result<Graph> {
        let local = inputs
            .iter()
            .map(|(p, t)| local_type(t, *p, self.n))
            .collect::<Result<Vec<_>>>()?;
        with_replicas(self.n, || trace_types(&local, f))
    }

    /// Compiles a per-replica graph for `n` replicas. `inputs`/`outputs` give the placement
    /// of each argument and result (a `Replicated` result is taken to be equal on every
    /// replica, as after an all-reduce; the runner does not check it).
    pub fn compile(
        &self,
        graph: &Graph,
        inputs: &[Placement],
        outputs: &[Placement],
    ) -> Result<ParallelFn> {
        if inputs.len() != graph.inputs().len() {
            return Err(Error::ArgCount {
                expected: graph.inputs().len(),
                got: inputs.len(),
            });
        }
        if outputs.len() != graph.outputs().len() {
            return Err(Error::Other(format!(
                "{} output placements for a graph with {} outputs",
                outputs.len(),
                graph.outputs().len()
            )));
        }
        check_replicas(graph.body(), self.n)?;
        let in_global = graph
            .input_types()
            .iter()
            .zip(inputs)
            .map(|(t, p)| global_type(t, *p, self.n))
            .collect::<Result<Vec<_>>>()?;
        let out_global = graph
            .output_types()
            .iter()
            .zip(outputs)
            .map(|(t, p)| global_type(t, *p, self.n))
            .collect::<Result<Vec<_>>>()?;
        let mlir = lower(graph)?;
        let exe = self.client.compile_replicated_cached(&mlir, self.n)?;
        Ok(ParallelFn {
            dp: self.clone(),
            graph: Arc::new(graph.clone()),
            exe,
            inputs: inputs.to_vec(),
            outputs: outputs.to_vec(),
            in_global,
            out_global,
        })
    }

    /// [`DataParallel::trace`] then [`DataParallel::compile`]: JAX's `pmap` of `f`.
    pub fn jit(
        &self,
        inputs: &[(Placement, TensorType)],
        outputs: &[Placement],
        f: impl FnOnce(&[Tensor]) -> Result<Vec<Tensor>>,
    ) -> Result<ParallelFn> {
        let g = self.trace(inputs, f)?;
        let ps: Vec<Placement> = inputs.iter().map(|(p, _)| *p).collect();
        self.compile(&g, &ps, outputs)
    }
}

/// The bytes of an eager tensor (a traced one is refused).
fn host_bytes(t: &Tensor) -> Result<Vec<u8>> {
    if t.is_traced() {
        return Err(Error::Other(
            "a traced tensor cannot be placed on devices: place eager tensors".into(),
        ));
    }
    t.to_bytes()
}

/// Every all-reduce of `r` (nested regions too) must reduce over `n` replicas.
fn check_replicas(r: &Region, n: usize) -> Result<()> {
    for e in &r.eqns {
        if let Op::AllReduce { replicas, .. } = &e.op {
            if *replicas as usize != n {
                return Err(dev_err(format!(
                    "the graph has an {} over {replicas} replica(s), but runs on {n} devices \
                     (trace it with DataParallel::trace, or inside with_replicas({n}, ..))",
                    e.op.name()
                )));
            }
        }
        for sub in e.op.regions() {
            check_replicas(sub, n)?;
        }
    }
    Ok(())
}

/// A per-replica program compiled for the devices of a [`DataParallel`].
#[derive(Clone)]
pub struct ParallelFn {
    dp: DataParallel,
    graph: Arc<Graph>,
    exe: Arc<Executable>,
    inputs: Vec<Placement>,
    outputs: Vec<Placement>,
    in_global: Vec<TensorType>,
    out_global: Vec<TensorType>,
}

impl std::fmt::Debug for ParallelFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParallelFn")
            .field("devices", &self.dp.n)
            .field("inputs", &self.in_global)
            .field("outputs", &self.out_global)
            .finish()
    }
}

impl ParallelFn {
    /// The per-replica graph.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }
    /// The global types of the arguments.
    pub fn input_types(&self) -> &[TensorType] {
        &self.in_global
    }
    /// The global types of the results.
    pub fn output_types(&self) -> &[TensorType] {
        &self.out_global
    }
    pub fn input_placements(&self) -> &[Placement] {
        &self.inputs
    }
    pub fn output_placements(&self) -> &[Placement] {
        &self.outputs
    }

    /// Runs every replica on arrays already on the devices; the results stay there.
    pub fn call(&self, args: &[&DistTensor]) -> Result<Vec<DistTensor>> {
        if args.len() != self.inputs.len() {
            return Err(Error::ArgCount {
                expected: self.inputs.len(),
                got: args.len(),
            });
        }
        for (i, a) in args.iter().enumerate() {
            if a.placement != self.inputs[i] {
                return Err(dev_err(format!(
                    "argument {i} is {:?}, the function takes it {:?}",
                    a.placement, self.inputs[i]
                )));
            }
            if a.ty != self.in_global[i] {
                return Err(Error::Shape(format!(
                    "argument {i}: expected {}, got {}",
                    self.in_global[i], a.ty
                )));
            }
            if a.bufs.len() != self.dp.n {
                return Err(dev_err(format!(
                    "argument {i} lives on {} devices, the function runs on {}",
                    a.bufs.len(),
                    self.dp.n
                )));
            }
        }
        let lists: Vec<Vec<&Buffer>> = (0..self.dp.n)
            .map(|r| args.iter().map(|a| &a.bufs[r]).collect())
            .collect();
        let outs = self.exe.execute_replicated(&lists)?;
        if outs.len() != self.dp.n || outs.iter().any(|o| o.len() != self.outputs.len()) {
            return Err(Error::Other(format!(
                "the executable returned outputs for {} replicas, expected {} with {} each",
                outs.len(),
                self.dp.n,
                self.outputs.len()
            )));
        }
        // Transpose replica-major results into one DistTensor per output.
        let mut per_out: Vec<Vec<Buffer>> = (0..self.outputs.len()).map(|_| vec![]).collect();
        for replica in outs {
            for (k, b) in replica.into_iter().enumerate() {
                per_out[k].push(b);
            }
        }
        Ok(per_out
            .into_iter()
            .enumerate()
            .map(|(k, bufs)| DistTensor {
                placement: self.outputs[k],
                ty: self.out_global[k].clone(),
                bufs,
            })
            .collect())
    }

    /// Places eager tensors (global arrays) by the input placements, runs, and gathers the
    /// results as eager tensors ([`DistTensor::to_tensor`]).
    pub fn call_tensors(&self, args: &[&Tensor]) -> Result<Vec<Tensor>> {
        if args.len() != self.inputs.len() {
            return Err(Error::ArgCount {
                expected: self.inputs.len(),
                got: args.len(),
            });
        }
        let placed = args
            .iter()
            .zip(&self.inputs)
            .map(|(t, p)| self.dp.place(t, *p))
            .collect::<Result<Vec<_>>>()?;
        let refs: Vec<&DistTensor> = placed.iter().collect();
        self.call(&refs)?.iter().map(|d| d.to_tensor()).collect()
    }
}
