//! Safe bindings to the PJRT C API, written by hand over `libloading`: one file per handle.
//!
//! - [`Client`] (`client.rs`): a loaded plugin and its devices; compiles StableHLO text and
//!   copies host data to devices. Cheap to clone, `Send + Sync`.
//! - [`Executable`] (`executable.rs`): a compiled program; checks arguments (count, dtype,
//!   shape, device) before calling the plugin.
//! - [`Buffer`] (`buffer.rs`): an array on a device; read back with `to_vec`/`to_bytes`.
//! - `event.rs`, `api.rs`, `ffi.rs`: PJRT events, the plugin's function table and the
//!   `#[repr(C)]` argument structs.
//!
//! Every call returns [`crate::Result`]; a failing PJRT call becomes
//! [`crate::Error::Pjrt`] with the plugin's message. Every handle is freed exactly once in
//! `Drop`, which never panics.

mod api;
mod buffer;
mod client;
mod event;
mod executable;
pub(crate) mod ffi;

pub use buffer::Buffer;
pub use client::Client;
pub use executable::Executable;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Client>();
        check::<Executable>();
        check::<Buffer>();
    }
}
