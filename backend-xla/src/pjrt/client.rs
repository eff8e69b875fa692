//! `PJRT_Client`: devices, compilation and host-to-device transfers.

use super::api::{call, Api};
use super::buffer::Buffer;
use super::event::Event;
use super::executable::{self, Executable};
use super::ffi::{self, Args};
use crate::dtype::{DType, NativeType};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The owned `PJRT_Client` with what oxidiff reads from it once.
pub(crate) struct ClientInner {
    pub(crate) api: Arc<Api>,
    pub(crate) raw: *mut ffi::PJRT_Client,
    /// Addressable devices; a device index everywhere in this crate indexes this list.
    pub(crate) devices: Vec<*mut ffi::PJRT_Device>,
    pub(crate) platform_name: String,
    pub(crate) platform_version: String,
    /// CPU buffers can be read in place after their ready event (no `ToHostBuffer`).
    pub(crate) is_cpu: bool,
}

// SAFETY: a PJRT_Client is thread-safe; device pointers are owned by the client and immutable.
unsafe impl Send for ClientInner {}
// SAFETY: as above.
unsafe impl Sync for ClientInner {}

impl ClientInner {
    pub(crate) fn device_index(&self, d: *mut ffi::PJRT_Device) -> Option<usize> {
        self.devices.iter().position(|&x| x == d)
    }
}

impl Drop for ClientInner {
    fn drop(&mut self) {
        let mut a = ffi::PJRT_Client_Destroy_Args::new();
        a.client = self.raw;
        let r = call!(&self.api, PJRT_Client_Destroy, &mut a);
        self.api.log_drop_error(r);
    }
}

type CacheKey = (String, usize);

#[derive(Default)]
struct Cache {
    map: Mutex<HashMap<CacheKey, Arc<Executable>>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// A PJRT client: one loaded plugin and its devices. Cheap to clone (shared handle);
/// `Send + Sync`. Buffers and executables keep the client alive.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientInner>,
    // Kept outside `ClientInner` so cached executables (which hold `ClientInner`) form no cycle.
    cache: Arc<Cache>,
}

/// Create options known to take a type other than int64 (passing them as int64 would make
/// the plugin abort the process, so they are refused here).
const NON_INT64_OPTIONS: &[&str] = &[
    "allocator",
    "memory_fraction",
    "preallocate",
    "visible_devices",
    "platform_name",
    "enable_mock_nccl",
    "mock_gpu_topology",
    "should_stage_host_to_device_transfers",
    "collectives",
];

impl Client {
    /// A client on the provisioned CPU plugin (see [`crate::provision`]), default device count.
    pub fn cpu() -> Result<Client> {
        let path = crate::provision::plugin_path()?;
        Client::from_plugin(&path, &[])
    }

    /// A CPU client with `n` devices (the `cpu_device_count` create option), e.g. for
    /// replicated execution.
    pub fn cpu_with_devices(n: usize) -> Result<Client> {
        if n == 0 || n > 4096 {
            return Err(Error::Device(format!(
                "cpu_with_devices({n}): the device count must be between 1 and 4096"
            )));
        }
        let path = crate::provision::plugin_path()?;
        Client::from_plugin(&path, &[("cpu_device_count", n as i64)])
    }

    /// Loads the PJRT plugin at `path` (once per process) and creates a client with the
    /// given int64 create options.
    pub fn from_plugin(path: &Path, options: &[(&str, i64)]) -> Result<Client> {
        for (i, (name, _)) in options.iter().enumerate() {
            if name.is_empty() || name.contains('\0') {
                return Err(Error::Other(format!("invalid create option name {name:?}")));
            }
            if NON_INT64_OPTIONS.contains(name) {
                return Err(Error::Other(format!(
                    "create option {name:?} does not take an int64 value"
                )));
            }
            if options[..i].iter().any(|(n, _)| n == name) {
                return Err(Error::Other(format!("create option {name:?} given twice")));
            }
        }
        let api = Api::load(path)?;
        let named: Vec<ffi::PJRT_NamedValue> = options
            .iter()
            .map(|(name, value)| {
                let mut v = ffi::PJRT_NamedValue::new();
                v.name = name.as_ptr().cast();
                v.name_size = name.len();
                v.type_ = ffi::NAMED_VALUE_INT64;
                v.value = *value;
                v.value_size = 1;
                v
            })
            .collect();
        let mut a = ffi::PJRT_Client_Create_Args::new();
        a.create_options = named.as_ptr();
        a.num_options = named.len();
        call!(&api, PJRT_Client_Create, &mut a)?;
        if a.client.is_null() {
            return Err(Error::Other("PJRT_Client_Create returned no client".into()));
        }
        // From here on `inner` owns the client and destroys it on any error below.
        let mut inner = ClientInner {
            api: api.clone(),
            raw: a.client,
            devices: Vec::new(),
            platform_name: String::new(),
            platform_version: String::new(),
            is_cpu: false,
        };

        let mut d = ffi::PJRT_Client_AddressableDevices_Args::new();
        d.client = inner.raw;
        call!(&api, PJRT_Client_AddressableDevices, &mut d)?;
        if d.num_addressable_devices > 0 && !d.addressable_devices.is_null() {
            // SAFETY: the plugin returns an array of `num_addressable_devices` device pointers
            // owned by the client.
            inner.devices = unsafe {
                std::slice::from_raw_parts(d.addressable_devices, d.num_addressable_devices)
            }
            .to_vec();
        }

        let mut n = ffi::PJRT_Client_PlatformName_Args::new();
        n.client = inner.raw;
        call!(&api, PJRT_Client_PlatformName, &mut n)?;
        inner.platform_name = string_from(n.platform_name, n.platform_name_size);

        let mut v = ffi::PJRT_Client_PlatformVersion_Args::new();
        v.client = inner.raw;
        call!(&api, PJRT_Client_PlatformVersion, &mut v)?;
        inner.platform_version = string_from(v.platform_version, v.platform_version_size);
        inner.is_cpu = inner.platform_name.eq_ignore_ascii_case("cpu");

        Ok(Client {
            inner: Arc::new(inner),
            cache: Arc::default(),
        })
    }

    /// One process-wide CPU client (default devices), created on first use.
    pub fn global() -> Result<Client> {
        static GLOBAL: Mutex<Option<Client>> = Mutex::new(None);
        let mut g = GLOBAL.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = g.as_ref() {
            return Ok(c.clone());
        }
        let c = Client::cpu()?;
        *g = Some(c.clone());
        Ok(c)
    }

    /// The platform name, e.g. `"cpu"` or `"cuda"`.
    /// An identity of the underlying PJRT client (equal for clones of one client).
    pub fn id(&self) -> usize {
        Arc::as_ptr(&self.inner) as usize
    }

    pub fn platform_name(&self) -> String {
        self.inner.platform_name.clone()
    }

    /// Platform-specific version information.
    pub fn platform_version(&self) -> String {
        self.inner.platform_version.clone()
    }

    /// The `(major, minor)` PJRT C API version of the plugin.
    pub fn api_version(&self) -> (u32, u32) {
        let (major, minor) = self.inner.api.version();
        (major as u32, minor as u32)
    }

    /// The path of the loaded plugin.
    pub fn plugin_path(&self) -> &Path {
        self.inner.api.path()
    }

    /// The number of addressable devices.
    pub fn device_count(&self) -> usize {
        self.inner.devices.len()
    }

    /// One line per addressable device, e.g. `"CpuDevice(id=0) [cpu, id 0]"`.
    pub fn device_descriptions(&self) -> Vec<String> {
        let api = &self.inner.api;
        self.inner
            .devices
            .iter()
            .enumerate()
            .map(|(i, &dev)| {
                let describe = || -> Result<String> {
                    let mut g = ffi::PJRT_Device_GetDescription_Args::new();
                    g.device = dev;
                    call!(api, PJRT_Device_GetDescription, &mut g)?;
                    let desc = g.device_description;
                    let mut s = ffi::PJRT_DeviceDescription_String_Args::new();
                    s.device_description = desc;
                    call!(api, PJRT_DeviceDescription_ToString, &mut s)?;
                    let name = string_from(s.string, s.string_size);
                    let mut k = ffi::PJRT_DeviceDescription_String_Args::new();
                    k.device_description = desc;
                    call!(api, PJRT_DeviceDescription_Kind, &mut k)?;
                    let kind = string_from(k.string, k.string_size);
                    let mut id = ffi::PJRT_DeviceDescription_Id_Args::new();
                    id.device_description = desc;
                    call!(api, PJRT_DeviceDescription_Id, &mut id)?;
                    Ok(format!("{name} [{kind}, id {}]", id.id))
                };
                describe().unwrap_or_else(|e| format!("device {i} (no description: {e})"))
            })
            .collect()
    }

    /// Compiles a StableHLO (MLIR text) program whose entry point is `@main`, for one replica.
    pub fn compile(&self, mlir: &str) -> Result<Executable> {
        self.compile_replicated(mlir, 1)
    }

    /// Compiles `mlir` for `num_replicas` replicas (one per device, devices `0..num_replicas`).
    pub fn compile_replicated(&self, mlir: &str, num_replicas: usize) -> Result<Executable> {
        executable::compile(&self.inner, mlir, num_replicas)
    }

    /// [`Client::compile`] through a thread-safe cache keyed by the program text.
    pub fn compile_cached(&self, mlir: &str) -> Result<Arc<Executable>> {
        self.compile_replicated_cached(mlir, 1)
    }

    /// [`Client::compile_replicated`] through the cache, keyed by program text and replicas.
    pub fn compile_replicated_cached(
        &self,
        mlir: &str,
        num_replicas: usize,
    ) -> Result<Arc<Executable>> {
        let key = (mlir.to_owned(), num_replicas);
        {
            let map = self.cache.map.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(e) = map.get(&key) {
                self.cache.hits.fetch_add(1, Ordering::Relaxed);
                return Ok(e.clone());
            }
        }
        // Compile without holding the lock; if another thread won the race, use its result.
        self.cache.misses.fetch_add(1, Ordering::Relaxed);
        let exe = Arc::new(self.compile_replicated(mlir, num_replicas)?);
        let mut map = self.cache.map.lock().unwrap_or_else(|e| e.into_inner());
        Ok(map.entry(key).or_insert(exe).clone())
    }

    /// `(hits, misses)` of the compile cache of this client (shared by its clones).
    pub fn cache_stats(&self) -> (u64, u64) {
        (
            self.cache.hits.load(Ordering::Relaxed),
            self.cache.misses.load(Ordering::Relaxed),
        )
    }

    /// Copies `data` (row-major, `product(dims)` elements) to device `device`.
    pub fn buffer_from_host<T: NativeType>(
        &self,
        data: &[T],
        dims: &[i64],
        device: usize,
    ) -> Result<Buffer> {
        let n = element_count(dims)?;
        if data.len() != n {
            return Err(Error::Shape(format!(
                "{} elements given for dims {dims:?} ({n} elements)",
                data.len()
            )));
        }
        self.transfer(data.as_ptr().cast(), T::DTYPE, dims, device)
    }

    /// Copies raw little-endian bytes (row-major) of element type `dtype` to device `device`.
    pub fn buffer_from_bytes(
        &self,
        bytes: &[u8],
        dtype: DType,
        dims: &[i64],
        device: usize,
    ) -> Result<Buffer> {
        let n = element_count(dims)?;
        if bytes.len() != n * dtype.size_bytes() {
            return Err(Error::Shape(format!(
                "{} bytes given for {dtype} dims {dims:?} ({} bytes)",
                bytes.len(),
                n * dtype.size_bytes()
            )));
        }
        if dtype == DType::Bool && bytes.iter().any(|&b| b > 1) {
            return Err(Error::DType(
                "bool (i1) elements must be the bytes 0 or 1".into(),
            ));
        }
        self.transfer(bytes.as_ptr().cast(), dtype, dims, device)
    }

    fn transfer(
        &self,
        data: *const std::ffi::c_void,
        dtype: DType,
        dims: &[i64],
        device: usize,
    ) -> Result<Buffer> {
        let inner = &self.inner;
        let Some(&dev) = inner.devices.get(device) else {
            return Err(Error::Device(format!(
                "device {device} does not exist (the client has {})",
                inner.devices.len()
            )));
        };
        let mut a = ffi::PJRT_Client_BufferFromHostBuffer_Args::new();
        a.client = inner.raw;
        a.data = data;
        a.type_ = dtype.to_pjrt();
        a.dims = dims.as_ptr();
        a.num_dims = dims.len();
        a.host_buffer_semantics = ffi::HOST_BUFFER_IMMUTABLE_ONLY_DURING_CALL;
        a.device = dev;
        call!(&inner.api, PJRT_Client_BufferFromHostBuffer, &mut a)?;
        // With "immutable only during call" the data has been copied; the event only needs freeing.
        drop(Event::new(&inner.api, a.done_with_host_buffer));
        if a.buffer.is_null() {
            return Err(Error::Other(
                "PJRT_Client_BufferFromHostBuffer returned no buffer".into(),
            ));
        }
        // SAFETY: a fresh buffer owned by us, with the shape we just gave.
        Ok(unsafe { Buffer::from_raw(inner.clone(), a.buffer, dims.to_vec(), dtype, device) })
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("plugin", &self.inner.api.path())
            .field("platform", &self.inner.platform_name)
            .field("devices", &self.inner.devices.len())
            .finish()
    }
}

/// The number of elements of an array with these dimensions (checked: no negative dims,
/// no overflow).
pub(crate) fn element_count(dims: &[i64]) -> Result<usize> {
    dims.iter().try_fold(1usize, |acc, &d| {
        let d = usize::try_from(d)
            .map_err(|_| Error::Shape(format!("negative dimension in {dims:?}")))?;
        acc.checked_mul(d)
            .ok_or_else(|| Error::Shape(format!("dims {dims:?} overflow")))
    })
}

pub(crate) fn string_from(ptr: *const std::ffi::c_char, len: usize) -> String {
    if ptr.is_null() || len == 0 {
        return String::new();
    }
    // SAFETY: PJRT returns `len` valid bytes that live as long as their owner.
    let bytes = unsafe { std::slice::from_raw_parts(ptr as *const u8, len) };
    String::from_utf8_lossy(bytes).into_owned()
}
