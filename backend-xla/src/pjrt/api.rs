//! Loading a PJRT plugin and turning its `PJRT_Error`s into [`Error`]s.

use super::ffi::{self, Args};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// A loaded, initialised PJRT plugin: its function table and the library that holds it.
///
/// Plugins are never unloaded: XLA keeps threads and static state that do not survive a
/// `dlclose`, so every `Api` lives in a process-wide registry keyed by the plugin's path,
/// which also guarantees `PJRT_Plugin_Initialize` runs once per plugin.
pub(crate) struct Api {
    raw: &'static ffi::PJRT_Api,
    path: PathBuf,
    version: (i32, i32),
    _lib: libloading::Library,
}

// SAFETY: the PJRT C API is thread-safe; the table is immutable after `GetPjrtApi`.
unsafe impl Send for Api {}
// SAFETY: as above.
unsafe impl Sync for Api {}

/// Calls a PJRT entry point, returning `Error::Pjrt` if the plugin lacks it or it fails.
macro_rules! call {
    ($api:expr, $fn:ident, $args:expr) => {{
        let api: &$crate::pjrt::api::Api = $api;
        match api.raw().$fn {
            // SAFETY: `$args` is a properly initialised argument struct of the type the
            // entry point expects (enforced by the `Fn<A>` type of the table slot).
            Some(f) => api.check(unsafe { f($args) }, stringify!($fn)),
            None => Err($crate::error::Error::Pjrt {
                call: stringify!($fn),
                code: 12,
                message: "the plugin does not implement this entry point".into(),
            }),
        }
    }};
}
pub(crate) use call;

impl Api {
    /// Loads (once per process and path) the plugin at `path`.
    pub(crate) fn load(path: &Path) -> Result<Arc<Api>> {
        static REGISTRY: OnceLock<Mutex<HashMap<PathBuf, Arc<Api>>>> = OnceLock::new();
        if !path.exists() {
            return Err(Error::PluginNotFound {
                path: path.to_path_buf(),
                hint: "no such file".into(),
            });
        }
        if !path.is_file() {
            return Err(Error::PluginLoad {
                path: path.to_path_buf(),
                msg: "not a regular file".into(),
            });
        }
        let key = path.canonicalize()?;
        let registry = REGISTRY.get_or_init(Default::default);
        let mut map = registry.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(api) = map.get(&key) {
            return Ok(api.clone());
        }
        let api = Arc::new(Self::open(&key)?);
        map.insert(key, api.clone());
        Ok(api)
    }

    fn open(path: &Path) -> Result<Api> {
        // SAFETY: loading a library runs its initialisers; the caller chose the file as a
        // PJRT plugin, and a file that is no shared library is refused by the loader.
        let lib = unsafe { libloading::Library::new(path) }.map_err(|e| Error::PluginLoad {
            path: path.to_path_buf(),
            msg: format!("{e} (a PJRT plugin is a shared library such as libpjrt_cpu.so)"),
        })?;
        // SAFETY: `GetPjrtApi` has this signature in every PJRT plugin.
        let get: libloading::Symbol<ffi::GetPjrtApiFn> = unsafe { lib.get(b"GetPjrtApi\0") }
            .map_err(|e| Error::NotAPjrtPlugin {
                path: path.to_path_buf(),
                msg: format!("it does not export GetPjrtApi ({e})"),
            })?;
        // SAFETY: `GetPjrtApi` takes nothing and returns a pointer to a static table.
        let table = unsafe { get() };
        if table.is_null() {
            return Err(Error::NotAPjrtPlugin {
                path: path.to_path_buf(),
                msg: "GetPjrtApi returned null".into(),
            });
        }
        // SAFETY: non-null; every PJRT_Api starts with struct_size and the version, which we
        // read before trusting anything further.
        let (size, major, minor) = unsafe {
            let t = &*table;
            (
                t.struct_size,
                t.pjrt_api_version.major_version,
                t.pjrt_api_version.minor_version,
            )
        };
        let needed = format!(
            "major version {} with a function table of at least {} bytes",
            ffi::PJRT_API_MAJOR,
            std::mem::size_of::<ffi::PJRT_Api>()
        );
        if major != ffi::PJRT_API_MAJOR || size < std::mem::size_of::<ffi::PJRT_Api>() {
            return Err(Error::ApiVersion {
                path: path.to_path_buf(),
                major,
                minor,
                needed,
            });
        }
        // SAFETY: the table is at least as large as our declaration and lives as long as the
        // library, which we never unload.
        let raw: &'static ffi::PJRT_Api = unsafe { &*table };
        let api = Api {
            raw,
            path: path.to_path_buf(),
            version: (major, minor),
            _lib: lib,
        };
        if raw.PJRT_Error_Destroy.is_none() || raw.PJRT_Error_Message.is_none() {
            return Err(Error::NotAPjrtPlugin {
                path: path.to_path_buf(),
                msg: "its function table has no PJRT_Error_Destroy/PJRT_Error_Message".into(),
            });
        }
        let mut init = ffi::PJRT_Plugin_Initialize_Args::new();
        call!(&api, PJRT_Plugin_Initialize, &mut init)?;
        Ok(api)
    }

    pub(crate) fn raw(&self) -> &'static ffi::PJRT_Api {
        self.raw
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// `(major, minor)` of the plugin's PJRT C API.
    pub(crate) fn version(&self) -> (i32, i32) {
        self.version
    }

    /// Converts a returned `PJRT_Error*` into a `Result`, freeing the error.
    pub(crate) fn check(&self, err: *mut ffi::PJRT_Error, call: &'static str) -> Result<()> {
        if err.is_null() {
            return Ok(());
        }
        let mut msg = ffi::PJRT_Error_Message_Args::new();
        msg.error = err;
        let mut message = String::new();
        if let Some(f) = self.raw.PJRT_Error_Message {
            // SAFETY: `err` is a live error returned by the plugin.
            unsafe { f(&mut msg) };
            if !msg.message.is_null() {
                // SAFETY: the plugin returns `message_size` bytes valid while `err` lives.
                let bytes = unsafe {
                    std::slice::from_raw_parts(msg.message as *const u8, msg.message_size)
                };
                message = String::from_utf8_lossy(bytes).into_owned();
            }
        }
        let mut code = 2; // UNKNOWN
        if let Some(f) = self.raw.PJRT_Error_GetCode {
            let mut c = ffi::PJRT_Error_GetCode_Args::new();
            c.error = err;
            // SAFETY: as above.
            let e2 = unsafe { f(&mut c) };
            if e2.is_null() {
                code = c.code;
            } else {
                self.destroy_error(e2);
            }
        }
        self.destroy_error(err);
        Err(Error::Pjrt {
            call,
            code,
            message,
        })
    }

    fn destroy_error(&self, err: *mut ffi::PJRT_Error) {
        if let Some(f) = self.raw.PJRT_Error_Destroy {
            let mut d = ffi::PJRT_Error_Destroy_Args::new();
            d.error = err;
            // SAFETY: `err` is a live error, destroyed exactly once here.
            unsafe { f(&mut d) };
        }
    }

    /// Reports an error from a destructor without panicking.
    pub(crate) fn log_drop_error(&self, r: Result<()>) {
        if let Err(e) = r {
            eprintln!("oxidiff-xla: ignoring an error while freeing a PJRT handle: {e}");
        }
    }
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("path", &self.path)
            .field("version", &self.version)
            .finish()
    }
}
