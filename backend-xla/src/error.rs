//! The one error type of oxidiff-xla.

use std::path::PathBuf;

/// Everything that can go wrong in oxidiff-xla: finding or loading the PJRT plugin,
/// calls into it (with the plugin's own message), and checks done on the Rust side.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No plugin file where one was expected.
    #[error("PJRT plugin not found at {}: {hint}", path.display())]
    PluginNotFound { path: PathBuf, hint: String },

    /// The dynamic loader refused the file (not a shared library, wrong architecture, ...).
    #[error("cannot load the PJRT plugin {}: {msg}", path.display())]
    PluginLoad { path: PathBuf, msg: String },

    /// A shared library that is not a PJRT plugin (no `GetPjrtApi`, or it returned nothing).
    #[error("{} is not a PJRT plugin: {msg}", path.display())]
    NotAPjrtPlugin { path: PathBuf, msg: String },

    /// The plugin speaks a PJRT C API version these bindings cannot use.
    #[error("the PJRT plugin {} has C API version {major}.{minor}; oxidiff-xla needs {needed}", path.display())]
    ApiVersion {
        path: PathBuf,
        major: i32,
        minor: i32,
        needed: String,
    },

    /// A PJRT call returned an error; `message` is the plugin's own.
    #[error("{call} failed ({}): {message}", pjrt_code_name(*.code))]
    Pjrt {
        call: &'static str,
        /// The `PJRT_Error_Code` (absl status code), see [`pjrt_code_name`].
        code: i32,
        message: String,
    },

    /// Fetching or installing the CPU plugin failed.
    #[error("provisioning the PJRT CPU plugin failed: {0}")]
    Provision(String),

    /// A shape (dimensions, element count, byte size) did not match.
    #[error("shape mismatch: {0}")]
    Shape(String),

    /// An element type did not match.
    #[error("dtype mismatch: {0}")]
    DType(String),

    /// An executable was called with the wrong number of arguments.
    #[error("wrong number of arguments: the executable takes {expected}, got {got}")]
    ArgCount { expected: usize, got: usize },

    /// A device index out of range, or a buffer on the wrong device.
    #[error("device: {0}")]
    Device(String),

    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),

    #[error("{0}")]
    Other(String),
}

/// `std::result::Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// The name of a `PJRT_Error_Code` (they are absl status codes).
pub fn pjrt_code_name(code: i32) -> &'static str {
    match code {
        0 => "OK",
        1 => "CANCELLED",
        2 => "UNKNOWN",
        3 => "INVALID_ARGUMENT",
        4 => "DEADLINE_EXCEEDED",
        5 => "NOT_FOUND",
        6 => "ALREADY_EXISTS",
        7 => "PERMISSION_DENIED",
        8 => "RESOURCE_EXHAUSTED",
        9 => "FAILED_PRECONDITION",
        10 => "ABORTED",
        11 => "OUT_OF_RANGE",
        12 => "UNIMPLEMENTED",
        13 => "INTERNAL",
        14 => "UNAVAILABLE",
        15 => "DATA_LOSS",
        16 => "UNAUTHENTICATED",
        _ => "UNRECOGNIZED_CODE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_details() {
        let e = Error::Pjrt {
            call: "PJRT_Client_Compile",
            code: 3,
            message: "bad op".into(),
        };
        assert_eq!(
            e.to_string(),
            "PJRT_Client_Compile failed (INVALID_ARGUMENT): bad op"
        );
        let e = Error::ArgCount {
            expected: 2,
            got: 1,
        };
        assert!(e.to_string().contains("takes 2, got 1"));
        fn send_sync<T: Send + Sync + 'static>() {}
        send_sync::<Error>();
    }
}
