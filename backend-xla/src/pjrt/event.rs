//! `PJRT_Event`: completion of asynchronous work (transfers, readiness of a buffer).

use super::api::{call, Api};
use super::ffi::{self, Args};
use crate::error::Result;

/// An owned `PJRT_Event`, destroyed exactly once in `Drop`.
pub(crate) struct Event<'a> {
    api: &'a Api,
    raw: *mut ffi::PJRT_Event,
}

impl<'a> Event<'a> {
    /// Takes ownership of `raw` (which may be null: then awaiting is a no-op).
    pub(crate) fn new(api: &'a Api, raw: *mut ffi::PJRT_Event) -> Self {
        Event { api, raw }
    }

    /// Blocks until the event is ready and returns its status; the event is then destroyed.
    pub(crate) fn wait(self) -> Result<()> {
        if self.raw.is_null() {
            return Ok(());
        }
        let mut a = ffi::PJRT_Event_Await_Args::new();
        a.event = self.raw;
        call!(self.api, PJRT_Event_Await, &mut a)
    }
}

impl Drop for Event<'_> {
    fn drop(&mut self) {
        if self.raw.is_null() {
            return;
        }
        let mut a = ffi::PJRT_Event_Destroy_Args::new();
        a.event = self.raw;
        let r = call!(self.api, PJRT_Event_Destroy, &mut a);
        self.api.log_drop_error(r);
    }
}
