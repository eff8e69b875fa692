//! `PJRT_LoadedExecutable`: a compiled program, and its execution.

use super::api::call;
use super::buffer::Buffer;
use super::client::ClientInner;
use super::ffi::{self, Args};
use crate::dtype::DType;
use crate::error::{Error, Result};
use std::sync::Arc;

/// The declared type of one parameter of `@main`, when it is a ranked tensor of a known
/// element type; `None` fields mean "not checked".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParamType {
    pub dtype: Option<DType>,
    pub dims: Option<Vec<i64>>,
}

/// A compiled program, ready to run. `Send + Sync`: one executable may run on many threads.
pub struct Executable {
    client: Arc<ClientInner>,
    raw: *mut ffi::PJRT_LoadedExecutable,
    num_outputs: usize,
    num_replicas: usize,
    /// For each replica, the client device index it runs on.
    devices: Vec<usize>,
    params: Vec<ParamType>,
    /// Element type and dims of each output, read once from the plugin (`None` if it
    /// cannot tell; then each output buffer is asked).
    outputs: Option<Vec<(DType, Vec<i64>)>>,
}

// SAFETY: PJRT loaded executables may be executed concurrently from any thread.
unsafe impl Send for Executable {}
// SAFETY: as above.
unsafe impl Sync for Executable {}

/// Serialized `CompileOptionsProto { executable_build_options { num_replicas: n,
/// num_partitions: 1 } }` (the plugin aborts the process on empty options).
pub(crate) fn compile_options(num_replicas: usize) -> Vec<u8> {
    fn varint(mut v: u64, out: &mut Vec<u8>) {
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }
    let mut build = vec![0x20]; // field 4 (num_replicas), varint
    varint(num_replicas as u64, &mut build);
    build.extend_from_slice(&[0x28, 0x01]); // field 5 (num_partitions) = 1
    let mut out = vec![0x1A]; // field 3 (executable_build_options), length-delimited
    varint(build.len() as u64, &mut out);
    out.extend_from_slice(&build);
    out
}

pub(crate) fn compile(
    client: &Arc<ClientInner>,
    mlir: &str,
    num_replicas: usize,
) -> Result<Executable> {
    let ndev = client.devices.len();
    if num_replicas == 0 || num_replicas > ndev {
        return Err(Error::Device(format!(
            "{num_replicas} replicas requested, but the client has {ndev} device(s)"
        )));
    }
    if mlir.trim().is_empty() {
        return Err(Error::Other("empty program".into()));
    }
    let api = &client.api;
    let format = "mlir";
    let mut program = ffi::PJRT_Program::new();
    program.code = mlir.as_ptr() as *mut _;
    program.code_size = mlir.len();
    program.format = format.as_ptr().cast();
    program.format_size = format.len();
    let options = compile_options(num_replicas);
    let mut a = ffi::PJRT_Client_Compile_Args::new();
    a.client = client.raw;
    a.program = &program;
    a.compile_options = options.as_ptr().cast();
    a.compile_options_size = options.len();
    call!(api, PJRT_Client_Compile, &mut a)?;
    if a.executable.is_null() {
        return Err(Error::Other(
            "PJRT_Client_Compile returned no executable".into(),
        ));
    }
    // Own it now, so that every error below frees it.
    let mut exe = Executable {
        client: client.clone(),
        raw: a.executable,
        num_outputs: 0,
        num_replicas,
        devices: Vec::new(),
        params: Vec::new(),
        outputs: None,
    };

    let mut g = ffi::PJRT_LoadedExecutable_GetExecutable_Args::new();
    g.loaded_executable = exe.raw;
    call!(api, PJRT_LoadedExecutable_GetExecutable, &mut g)?;
    let unloaded = g.executable;
    let counts = (|| {
        let mut o = ffi::PJRT_Executable_NumOutputs_Args::new();
        o.executable = unloaded;
        call!(api, PJRT_Executable_NumOutputs, &mut o)?;
        let mut r = ffi::PJRT_Executable_NumReplicas_Args::new();
        r.executable = unloaded;
        call!(api, PJRT_Executable_NumReplicas, &mut r)?;
        let shapes = output_shapes(api, unloaded, o.num_outputs);
        Ok::<_, Error>((o.num_outputs, r.num_replicas, shapes))
    })();
    let mut d = ffi::PJRT_Executable_Destroy_Args::new();
    d.executable = unloaded;
    api.log_drop_error(call!(api, PJRT_Executable_Destroy, &mut d));
    let (num_outputs, replicas, shapes) = counts?;
    exe.outputs = shapes;
    if replicas != num_replicas {
        return Err(Error::Other(format!(
            "compiled for {num_replicas} replicas, but the plugin reports {replicas}"
        )));
    }
    exe.num_outputs = num_outputs;

    let mut ad = ffi::PJRT_LoadedExecutable_AddressableDevices_Args::new();
    ad.executable = exe.raw;
    call!(api, PJRT_LoadedExecutable_AddressableDevices, &mut ad)?;
    let devs: &[*mut ffi::PJRT_Device] = if ad.num_addressable_devices == 0 {
        &[]
    } else {
        // SAFETY: an array of `num_addressable_devices` device pointers owned by the executable.
        unsafe { std::slice::from_raw_parts(ad.addressable_devices, ad.num_addressable_devices) }
    };
    exe.devices = devs
        .iter()
        .map(|&p| client.device_index(p))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| {
            Error::Device("the executable runs on a device the client does not list".into())
        })?;
    if exe.devices.len() != num_replicas {
        return Err(Error::Device(format!(
            "the executable has {} addressable devices for {num_replicas} replicas",
            exe.devices.len()
        )));
    }

    exe.params = main_signature(mlir).ok_or_else(|| {
        Error::Other(
            "the program compiled, but its `func.func @main(...)` parameter list could not be read"
                .into(),
        )
    })?;
    Ok(exe)
}

/// The element type and dims of each output, if the plugin reports them and every output
/// is an array of a supported type.
fn output_shapes(
    api: &super::api::Api,
    exe: *mut ffi::PJRT_Executable,
    n: usize,
) -> Option<Vec<(DType, Vec<i64>)>> {
    let mut t = ffi::PJRT_Executable_OutputElementTypes_Args::new();
    t.executable = exe;
    call!(api, PJRT_Executable_OutputElementTypes, &mut t).ok()?;
    let mut d = ffi::PJRT_Executable_OutputDimensions_Args::new();
    d.executable = exe;
    call!(api, PJRT_Executable_OutputDimensions, &mut d).ok()?;
    if t.num_output_types != n
        || d.num_outputs != n
        || (n > 0 && (t.output_types.is_null() || d.dim_sizes.is_null()))
    {
        return None;
    }
    if n == 0 {
        return Some(Vec::new());
    }
    // SAFETY: arrays of `n` entries owned by the executable, valid until it is destroyed
    // (after this function returns).
    let (types, sizes) = unsafe {
        (
            std::slice::from_raw_parts(t.output_types, n),
            std::slice::from_raw_parts(d.dim_sizes, n),
        )
    };
    let total: usize = sizes.iter().sum();
    if total > 0 && d.dims.is_null() {
        return None;
    }
    // SAFETY: `dims` holds the concatenation of all outputs' dims, `total` entries.
    let dims = if total == 0 {
        &[][..]
    } else {
        unsafe { std::slice::from_raw_parts(d.dims, total) }
    };
    let mut at = 0;
    let mut out = Vec::with_capacity(n);
    for (&ty, &k) in types.iter().zip(sizes) {
        out.push((DType::from_pjrt(ty)?, dims[at..at + k].to_vec()));
        at += k;
    }
    Some(out)
}

impl Executable {
    /// Runs a single-replica executable. `args` must match `@main`'s parameters in number,
    /// element type and shape, and live on the executable's device (device 0).
    pub fn execute(&self, args: &[&Buffer]) -> Result<Vec<Buffer>> {
        if self.num_replicas != 1 {
            return Err(Error::Device(format!(
                "this executable has {} replicas: use execute_replicated",
                self.num_replicas
            )));
        }
        let mut out = self.run(&[args])?;
        Ok(out.pop().unwrap_or_default())
    }

    /// Runs every replica: `args[r]` are the arguments of replica `r` (on device `r` for a
    /// program compiled with [`crate::pjrt::Client::compile_replicated`]). Returns the outputs
    /// of each replica.
    pub fn execute_replicated(&self, args: &[Vec<&Buffer>]) -> Result<Vec<Vec<Buffer>>> {
        let lists: Vec<&[&Buffer]> = args.iter().map(|v| v.as_slice()).collect();
        self.run(&lists)
    }

    /// The number of outputs per replica.
    pub fn num_outputs(&self) -> usize {
        self.num_outputs
    }

    /// The number of replicas the program was compiled for.
    pub fn num_replicas(&self) -> usize {
        self.num_replicas
    }

    /// The number of parameters of `@main`.
    pub fn num_parameters(&self) -> usize {
        self.params.len()
    }

    /// The element type and dims of each output, when the plugin reports them at compile
    /// time (the CPU plugin does).
    pub fn output_shapes(&self) -> Option<&[(DType, Vec<i64>)]> {
        self.outputs.as_deref()
    }

    /// The client device index each replica runs on.
    pub fn devices(&self) -> &[usize] {
        &self.devices
    }

    fn check_args(&self, replica: usize, args: &[&Buffer]) -> Result<()> {
        if args.len() != self.params.len() {
            return Err(Error::ArgCount {
                expected: self.params.len(),
                got: args.len(),
            });
        }
        let device = self.devices[replica];
        for (i, (b, p)) in args.iter().zip(&self.params).enumerate() {
            if !Arc::ptr_eq(&b.client, &self.client) {
                return Err(Error::Device(format!(
                    "argument {i} belongs to another client"
                )));
            }
            if b.device() != device {
                return Err(Error::Device(format!(
                    "argument {i} of replica {replica} is on device {}, the replica runs on device {device}",
                    b.device()
                )));
            }
            if let Some(dt) = p.dtype {
                if dt != b.dtype() {
                    return Err(Error::DType(format!(
                        "argument {i}: the program expects {dt}, the buffer holds {}",
                        b.dtype()
                    )));
                }
            }
            if let Some(dims) = &p.dims {
                if dims.as_slice() != b.dims() {
                    return Err(Error::Shape(format!(
                        "argument {i}: the program expects dims {dims:?}, the buffer has {:?}",
                        b.dims()
                    )));
                }
            }
        }
        Ok(())
    }

    fn run(&self, lists: &[&[&Buffer]]) -> Result<Vec<Vec<Buffer>>> {
        if lists.len() != self.num_replicas {
            return Err(Error::Device(format!(
                "{} argument lists given, the executable has {} replicas",
                lists.len(),
                self.num_replicas
            )));
        }
        for (r, args) in lists.iter().enumerate() {
            self.check_args(r, args)?;
        }
        let api = &self.client.api;
        let (nr, na, no) = (self.num_replicas, self.params.len(), self.num_outputs);
        // Flat [replica][arg] and [replica][output] arrays, and the per-replica row pointers.
        let mut raw_args: Vec<*mut ffi::PJRT_Buffer> = Vec::with_capacity(nr * na);
        for args in lists {
            raw_args.extend(args.iter().map(|b| b.raw));
        }
        let mut outs: Vec<*mut ffi::PJRT_Buffer> = vec![std::ptr::null_mut(); nr * no];
        let arg_ptrs: Vec<*const *mut ffi::PJRT_Buffer> =
            (0..nr).map(|r| raw_args[r * na..].as_ptr()).collect();
        let out_base = outs.as_mut_ptr();
        // SAFETY: offsets within (or one past the end of) `outs`.
        let out_ptrs: Vec<*mut *mut ffi::PJRT_Buffer> =
            (0..nr).map(|r| unsafe { out_base.add(r * no) }).collect();

        let mut options = ffi::PJRT_ExecuteOptions::new();
        let mut a = ffi::PJRT_LoadedExecutable_Execute_Args::new();
        a.executable = self.raw;
        a.options = &mut options;
        a.argument_lists = arg_ptrs.as_ptr();
        a.num_devices = nr;
        a.num_args = na;
        a.output_lists = out_ptrs.as_ptr();
        let status = call!(api, PJRT_LoadedExecutable_Execute, &mut a);

        // Take ownership of whatever outputs were produced (also on error), so they are freed.
        let mut result = Vec::with_capacity(nr);
        let mut first_err = status.err();
        for r in 0..nr {
            let mut bufs = Vec::with_capacity(no);
            for (k, &raw) in outs[r * no..(r + 1) * no].iter().enumerate() {
                if raw.is_null() {
                    continue;
                }
                let device = self.devices[r];
                let b = match &self.outputs {
                    // SAFETY: an output buffer of this execution, now owned by us, of the
                    // type and dims the executable declares.
                    Some(shapes) => Ok(unsafe {
                        Buffer::from_raw(
                            self.client.clone(),
                            raw,
                            shapes[k].1.clone(),
                            shapes[k].0,
                            device,
                        )
                    }),
                    // SAFETY: as above; the shape is asked from the buffer.
                    None => unsafe { Buffer::from_output(&self.client, raw, device) },
                };
                match b {
                    Ok(b) => bufs.push(b),
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
            result.push(bufs);
        }
        if let Some(e) = first_err {
            return Err(e);
        }
        if result.iter().any(|b| b.len() != no) {
            return Err(Error::Other(
                "the plugin returned fewer outputs than declared".into(),
            ));
        }
        Ok(result)
    }
}

impl Drop for Executable {
    fn drop(&mut self) {
        let api = &self.client.api;
        let mut a = ffi::PJRT_LoadedExecutable_Destroy_Args::new();
        a.executable = self.raw;
        let r = call!(api, PJRT_LoadedExecutable_Destroy, &mut a);
        api.log_drop_error(r);
    }
}

impl std::fmt::Debug for Executable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Executable")
            .field("num_parameters", &self.params.len())
            .field("num_outputs", &self.num_outputs)
            .field("num_replicas", &self.num_replicas)
            .finish()
    }
}

/// Reads the parameter types of `func.func [public] @main(...)` from StableHLO text.
/// Returns `None` if no such function is found or its parameter list is malformed.
pub(crate) fn main_signature(mlir: &str) -> Option<Vec<ParamType>> {
    let mut search = 0;
    let open = loop {
        let at = search + mlir[search..].find("@main")?;
        search = at + 5;
        let before = mlir[..at].trim_end();
        let after = mlir[at + 5..].trim_start();
        let is_def = before.ends_with("func.func")
            || before.ends_with("public")
            || before.ends_with("private");
        if is_def && after.starts_with('(') {
            break mlir.len() - after.len();
        }
    };
    // Split the parameter list at top-level commas.
    let bytes = mlir.as_bytes();
    let mut depth = 0i32;
    let mut in_str = false;
    let mut pieces = Vec::new();
    let mut start = open + 1;
    let mut i = open;
    loop {
        let c = *bytes.get(i)?;
        if in_str {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_str = false;
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'(' | b'<' | b'[' | b'{' => depth += 1,
                // `->` is not a closing bracket.
                b'>' if i > 0 && bytes[i - 1] == b'-' => {}
                b')' | b'>' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        pieces.push(&mlir[start..i]);
                        break;
                    }
                }
                b',' if depth == 1 => {
                    pieces.push(&mlir[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        i += 1;
    }
    if pieces.len() == 1 && pieces[0].trim().is_empty() {
        return Some(Vec::new());
    }
    pieces.iter().map(|p| parse_param(p)).collect()
}

fn parse_param(piece: &str) -> Option<ParamType> {
    let piece = piece.trim();
    if !piece.starts_with('%') {
        return None;
    }
    let ty = piece.split_once(':')?.1.trim();
    let unknown = ParamType {
        dtype: None,
        dims: None,
    };
    let Some(body) = ty.strip_prefix("tensor<") else {
        return Some(unknown);
    };
    // The tensor type ends at the matching '>'.
    let mut depth = 1;
    let mut end = None;
    for (i, c) in body.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => {
                depth -= 1;
                if depth == 0 {
                    end = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let body = &body[..end?];
    // Drop an encoding (`tensor<4xf32, #enc>`).
    let body = body.split(',').next()?.trim();
    let parts: Vec<&str> = body.split('x').collect();
    let (elem, dims) = parts.split_last()?;
    let dtype = DType::from_mlir_name(elem.trim());
    let dims: Option<Vec<i64>> = dims.iter().map(|d| d.trim().parse::<i64>().ok()).collect();
    Some(ParamType { dtype, dims })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_options_encoding() {
        assert_eq!(compile_options(1), [0x1A, 0x04, 0x20, 0x01, 0x28, 0x01]);
        assert_eq!(compile_options(4), [0x1A, 0x04, 0x20, 0x04, 0x28, 0x01]);
        assert_eq!(
            compile_options(300),
            [0x1A, 0x05, 0x20, 0xAC, 0x02, 0x28, 0x01]
        );
    }

    #[test]
    fn reads_main_signature() {
        let p = main_signature(
            "module { func.func @helper(%a: tensor<f64>) -> tensor<f64> { return %a : tensor<f64> }\n\
             func.func public @main(%arg0: tensor<2x3xf32> {mhlo.sharding = \"{replicated}\"}, %arg1: tensor<i1>, \
             %arg2: tensor<?x4xbf16>, %arg3: tensor<4xcomplex<f32>>) -> (tensor<f32>) { } }",
        )
        .unwrap();
        assert_eq!(p.len(), 4);
        assert_eq!(
            p[0],
            ParamType {
                dtype: Some(DType::F32),
                dims: Some(vec![2, 3])
            }
        );
        assert_eq!(
            p[1],
            ParamType {
                dtype: Some(DType::Bool),
                dims: Some(vec![])
            }
        );
        assert_eq!(p[2].dtype, Some(DType::BF16));
        assert_eq!(p[2].dims, None);
        assert_eq!(p[3].dtype, None);
        assert_eq!(
            main_signature("func.func @main() -> tensor<f32> {}").unwrap(),
            vec![]
        );
        assert!(main_signature("func.func @mainly(%a: tensor<f32>)").is_none());
        assert!(main_signature("garbage").is_none());
    }
}
