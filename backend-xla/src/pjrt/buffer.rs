//! `PJRT_Buffer`: an array on a device.

use super::api::call;
use super::client::ClientInner;
use super::event::Event;
use super::ffi::{self, Args};
use crate::dtype::{DType, NativeType};
use crate::error::{Error, Result};
use std::sync::Arc;

/// An array on a device, freed in `Drop`. `Send + Sync`; keeps its client alive.
pub struct Buffer {
    pub(crate) client: Arc<ClientInner>,
    pub(crate) raw: *mut ffi::PJRT_Buffer,
    dims: Vec<i64>,
    dtype: DType,
    device: usize,
}

// SAFETY: PJRT buffers may be used from any thread; this handle is only freed in Drop.
unsafe impl Send for Buffer {}
// SAFETY: all `&self` methods are thread-safe PJRT calls.
unsafe impl Sync for Buffer {}

impl Buffer {
    /// # Safety
    /// `raw` must be a live buffer of `client`, owned by the caller (it is destroyed in Drop),
    /// with these dims and dtype on addressable device `device`.
    pub(crate) unsafe fn from_raw(
        client: Arc<ClientInner>,
        raw: *mut ffi::PJRT_Buffer,
        dims: Vec<i64>,
        dtype: DType,
        device: usize,
    ) -> Buffer {
        Buffer {
            client,
            raw,
            dims,
            dtype,
            device,
        }
    }

    /// Wraps an output buffer of an execution, reading its shape from the plugin.
    ///
    /// # Safety
    /// `raw` must be a live buffer of `client` owned by the caller.
    pub(crate) unsafe fn from_output(
        client: &Arc<ClientInner>,
        raw: *mut ffi::PJRT_Buffer,
        device: usize,
    ) -> Result<Buffer> {
        // Own it first so that it is freed on every error path.
        // SAFETY: forwarded from the caller; dims/dtype are filled in below.
        let mut b =
            unsafe { Buffer::from_raw(client.clone(), raw, Vec::new(), DType::F32, device) };
        let api = &client.api;
        let mut t = ffi::PJRT_Buffer_ElementType_Args::new();
        t.buffer = raw;
        call!(api, PJRT_Buffer_ElementType, &mut t)?;
        b.dtype = DType::from_pjrt(t.type_).ok_or_else(|| {
            Error::DType(format!(
                "the program returned an element type oxidiff does not support (PJRT_Buffer_Type {})",
                t.type_
            ))
        })?;
        let mut d = ffi::PJRT_Buffer_Dimensions_Args::new();
        d.buffer = raw;
        call!(api, PJRT_Buffer_Dimensions, &mut d)?;
        if d.num_dims > 0 {
            // SAFETY: `num_dims` dims owned by the buffer.
            b.dims = unsafe { std::slice::from_raw_parts(d.dims, d.num_dims) }.to_vec();
        }
        Ok(b)
    }

    /// The dimensions (row-major; empty for a scalar).
    pub fn dims(&self) -> &[i64] {
        &self.dims
    }

    /// The element type.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// The index of the device (in the client's addressable devices) holding the buffer.
    pub fn device(&self) -> usize {
        self.device
    }

    /// The number of elements.
    pub fn element_count(&self) -> usize {
        self.dims.iter().map(|&d| d as usize).product()
    }

    /// Copies the buffer to the host; `T` must be the buffer's element type.
    pub fn to_vec<T: NativeType>(&self) -> Result<Vec<T>> {
        if T::DTYPE != self.dtype {
            return Err(Error::DType(format!(
                "to_vec::<{}> on a buffer of {}",
                T::DTYPE,
                self.dtype
            )));
        }
        let n = self.element_count();
        if T::DTYPE == DType::Bool {
            let bytes = self.to_bytes()?;
            if bytes.iter().any(|&b| b > 1) {
                return Err(Error::DType(
                    "a bool buffer holds bytes other than 0 and 1".into(),
                ));
            }
            let mut v: Vec<T> = Vec::with_capacity(n);
            // SAFETY: T is bool (DTYPE checked), and every byte is 0 or 1, a valid bool.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), v.as_mut_ptr().cast::<u8>(), n);
                v.set_len(n);
            }
            return Ok(v);
        }
        let mut v: Vec<T> = Vec::with_capacity(n);
        // SAFETY: the destination has room for n elements of T = n * size_bytes bytes.
        unsafe {
            self.read_into(v.as_mut_ptr().cast(), n * self.dtype.size_bytes())?;
            // Every bit pattern is a valid value of the numeric types.
            v.set_len(n);
        }
        Ok(v)
    }

    /// Copies the buffer's bytes (row-major, little-endian) to the host.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let len = self.element_count() * self.dtype.size_bytes();
        let mut v: Vec<u8> = Vec::with_capacity(len);
        // SAFETY: room for len bytes.
        unsafe {
            self.read_into(v.as_mut_ptr(), len)?;
            v.set_len(len);
        }
        Ok(v)
    }

    /// Writes exactly `len` bytes (the dense row-major contents) to `dst`.
    ///
    /// # Safety
    /// `dst` must be valid for writes of `len` bytes.
    unsafe fn read_into(&self, dst: *mut u8, len: usize) -> Result<()> {
        if len == 0 {
            return Ok(());
        }
        if self.client.is_cpu {
            if let Some(src) = self.host_pointer(len)? {
                // SAFETY: `src` points at `len` ready bytes in host memory owned by the buffer,
                // which `&self` keeps alive; `dst` is valid per the caller.
                unsafe { std::ptr::copy_nonoverlapping(src, dst, len) };
                return Ok(());
            }
        }
        let api = &self.client.api;
        let mut a = ffi::PJRT_Buffer_ToHostBuffer_Args::new();
        a.src = self.raw;
        a.dst = dst.cast();
        a.dst_size = len;
        call!(api, PJRT_Buffer_ToHostBuffer, &mut a)?;
        Event::new(api, a.event).wait()
    }

    /// Waits until the computation producing this buffer has finished (JAX's
    /// `block_until_ready`); its error, if it failed.
    pub fn block_until_ready(&self) -> Result<()> {
        let api = &self.client.api;
        let mut r = ffi::PJRT_Buffer_ReadyEvent_Args::new();
        r.buffer = self.raw;
        call!(api, PJRT_Buffer_ReadyEvent, &mut r)?;
        Event::new(api, r.event).wait()
    }

    /// CPU fast path: waits for the buffer to be ready and returns a pointer to its bytes if
    /// they are laid out densely in row-major order, `None` if the slow path must be used.
    fn host_pointer(&self, len: usize) -> Result<Option<*const u8>> {
        let api = &self.client.api;
        let raw = api.raw();
        if raw.PJRT_Buffer_UnsafePointer.is_none() || raw.PJRT_Buffer_GetMemoryLayout.is_none() {
            return Ok(None);
        }
        let mut r = ffi::PJRT_Buffer_ReadyEvent_Args::new();
        r.buffer = self.raw;
        call!(api, PJRT_Buffer_ReadyEvent, &mut r)?;
        Event::new(api, r.event).wait()?;

        // Scalars and vectors have one possible layout; larger ranks must be row-major and
        // unpadded for a plain copy.
        let rank = self.dims.len();
        if rank > 1 {
            let mut l = ffi::PJRT_Buffer_GetMemoryLayout_Args::new();
            l.buffer = self.raw;
            if call!(api, PJRT_Buffer_GetMemoryLayout, &mut l).is_err() {
                return Ok(None);
            }
            let t = &l.layout.tiled;
            if l.layout.type_ != ffi::LAYOUT_TILED
                || t.num_tiles != 0
                || t.minor_to_major_size != rank
                || t.minor_to_major.is_null()
            {
                return Ok(None);
            }
            // SAFETY: `minor_to_major_size` entries owned by the buffer.
            let m2m = unsafe { std::slice::from_raw_parts(t.minor_to_major, rank) };
            // Row-major is minor_to_major = [rank-1, ..., 1, 0].
            if m2m
                .iter()
                .enumerate()
                .any(|(i, &d)| d != (rank - 1 - i) as i64)
            {
                return Ok(None);
            }
            let mut s = ffi::PJRT_Buffer_OnDeviceSizeInBytes_Args::new();
            s.buffer = self.raw;
            if call!(api, PJRT_Buffer_OnDeviceSizeInBytes, &mut s).is_err()
                || s.on_device_size_in_bytes != len
            {
                return Ok(None);
            }
        }
        let mut p = ffi::PJRT_Buffer_UnsafePointer_Args::new();
        p.buffer = self.raw;
        if call!(api, PJRT_Buffer_UnsafePointer, &mut p).is_err() || p.buffer_pointer == 0 {
            return Ok(None);
        }
        Ok(Some(p.buffer_pointer as *const u8))
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if self.raw.is_null() {
            return;
        }
        let api = &self.client.api;
        let mut a = ffi::PJRT_Buffer_Destroy_Args::new();
        a.buffer = self.raw;
        let r = call!(api, PJRT_Buffer_Destroy, &mut a);
        api.log_drop_error(r);
    }
}

impl std::fmt::Debug for Buffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Buffer")
            .field("dtype", &self.dtype)
            .field("dims", &self.dims)
            .field("device", &self.device)
            .finish()
    }
}
