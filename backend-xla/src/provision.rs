//! Finding or fetching the PJRT CPU plugin.
//!
//! [`plugin_path`] looks, in order, at:
//! 1. `OXIDIFF_PJRT_PLUGIN`: the path of a PJRT plugin. When set, it is used or the call
//!    fails; there is no fallback.
//! 2. The user cache: `$XDG_CACHE_HOME/oxidiff/pjrt-cpu-<version>/libpjrt_cpu.so`, else
//!    `~/.cache/oxidiff/...`.
//! 3. [`fetch`]: downloads the `fastatomstruct-xla-cpu` wheel (an unmodified CPU build of
//!    XLA's PJRT plugin) with `python3 -m pip download`, checks the SHA-256 of the wheel and
//!    of the extracted `libpjrt_cpu.so`, and installs it into the cache atomically (written
//!    in the cache directory, then renamed, so racing processes are safe: the last rename
//!    wins and every rename installs identical, verified bytes).

use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The environment variable naming a PJRT plugin to use instead of the cached CPU plugin.
pub const PLUGIN_ENV: &str = "OXIDIFF_PJRT_PLUGIN";
/// The environment variable naming the Python interpreter used to fetch (default `python3`).
pub const PYTHON_ENV: &str = "OXIDIFF_PYTHON";
/// The Python package that ships the CPU plugin.
pub const PACKAGE: &str = "fastatomstruct-xla-cpu";
/// Its pinned version.
pub const VERSION: &str = "2026.6.23";
/// The plugin's path inside the wheel.
pub const WHEEL_MEMBER: &str = "fastatomstruct_xla_cpu/libpjrt_cpu.so";
/// The file name of the plugin in the cache.
pub const PLUGIN_FILE: &str = "libpjrt_cpu.so";

const WHEEL_SHA256: &str = "88b1c430b341b4bea40a37420311c9c75db6e22b46d2ff95b6986577bee6afe9";
const PLUGIN_SHA256: &str = "0a0fe56ca17be9efc7b942e89e534e5e0ad4a0f1e369b66d27b62184509015b9";
const PLUGIN_SIZE: u64 = 273_768_800;

/// The path of the PJRT plugin to use: `OXIDIFF_PJRT_PLUGIN`, else the cached CPU plugin,
/// fetched on first use.
pub fn plugin_path() -> Result<PathBuf> {
    if let Some(p) = env_path(PLUGIN_ENV) {
        if !p.exists() {
            return Err(Error::PluginNotFound {
                path: p,
                hint: format!(
                    "{PLUGIN_ENV} names this file, which does not exist; set it to the path of a \
                     PJRT plugin (such as libpjrt_cpu.so) or unset it to use the CPU plugin \
                     fetched into the cache"
                ),
            });
        }
        return Ok(p);
    }
    let cached = cached_plugin_path()?;
    if is_installed(&cached) {
        return Ok(cached);
    }
    fetch()
}

/// The cache directory: `$XDG_CACHE_HOME/oxidiff`, else `$HOME/.cache/oxidiff`.
pub fn cache_dir() -> Result<PathBuf> {
    if let Some(x) = env_path("XDG_CACHE_HOME").filter(|p| p.is_absolute()) {
        return Ok(x.join("oxidiff"));
    }
    if let Some(h) = env_path("HOME").filter(|p| p.is_absolute()) {
        return Ok(h.join(".cache").join("oxidiff"));
    }
    Err(Error::Provision(format!(
        "neither XDG_CACHE_HOME nor HOME is set, so there is no cache directory for the PJRT \
         CPU plugin. {}",
        manual_steps(None)
    )))
}

/// Where the CPU plugin is (or will be) installed in the cache.
pub fn cached_plugin_path() -> Result<PathBuf> {
    Ok(cache_dir()?
        .join(format!("pjrt-cpu-{VERSION}"))
        .join(PLUGIN_FILE))
}

/// The command that downloads the wheel by hand.
pub fn fetch_command() -> String {
    format!("python3 -m pip download --no-deps {PACKAGE}=={VERSION} -d DIR")
}

/// Installs the CPU plugin into the cache if it is not there yet, and returns its path.
/// Prints one progress line on stderr when it downloads.
pub fn fetch() -> Result<PathBuf> {
    // One fetch at a time within the process; across processes the atomic rename is enough.
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let dest = cached_plugin_path()?;
    if is_installed(&dest) {
        return Ok(dest);
    }
    let dir = dest
        .parent()
        .expect("the cache path has a parent")
        .to_path_buf();
    fs::create_dir_all(&dir).map_err(|e| {
        Error::Provision(format!(
            "cannot create the cache directory {}: {e}. {}",
            dir.display(),
            manual_steps(Some(&dest))
        ))
    })?;
    eprintln!(
        "oxidiff-xla: fetching the PJRT CPU plugin ({PACKAGE}=={VERSION}, a 63 MB download) into {}",
        dir.display()
    );
    let work = TempDir::new(&dir)?;
    let python = std::env::var_os(PYTHON_ENV)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| OsString::from("python3"));

    // 1. Download the wheel.
    let spec = format!("{PACKAGE}=={VERSION}");
    let out = Command::new(&python)
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--disable-pip-version-check",
        ])
        .arg(&spec)
        .arg("-d")
        .arg(&work.0)
        .output()
        .map_err(|e| {
            Error::Provision(format!(
                "cannot run {} ({e}); Python 3 with pip is needed to fetch the plugin. {}",
                python.to_string_lossy(),
                manual_steps(Some(&dest))
            ))
        })?;
    if !out.status.success() {
        return Err(Error::Provision(format!(
            "`{} -m pip download --no-deps {spec}` failed ({}): {}. {}",
            python.to_string_lossy(),
            out.status,
            tail(&String::from_utf8_lossy(&out.stderr)),
            manual_steps(Some(&dest))
        )));
    }
    let wheel = fs::read_dir(&work.0)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or_else(|| {
            Error::Provision(format!(
                "pip reported success but left no .whl in {}",
                work.0.display()
            ))
        })?;
    check_sha256(&wheel, WHEEL_SHA256)?;

    // 2. Extract the plugin (a wheel is a zip file; Python is at hand since pip is).
    let part = work.0.join(PLUGIN_FILE);
    let script = "import shutil, sys, zipfile\n\
                  with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as s, open(sys.argv[3], 'wb') as d:\n    \
                  shutil.copyfileobj(s, d, 1 << 20)\n";
    let out = Command::new(&python)
        .arg("-c")
        .arg(script)
        .arg(&wheel)
        .arg(WHEEL_MEMBER)
        .arg(&part)
        .output()?;
    if !out.status.success() {
        return Err(Error::Provision(format!(
            "extracting {WHEEL_MEMBER} from {} failed: {}",
            wheel.display(),
            tail(&String::from_utf8_lossy(&out.stderr))
        )));
    }
    check_sha256(&part, PLUGIN_SHA256)?;

    // 3. Install atomically (same directory, so `rename` is atomic; the last writer wins).
    fs::rename(&part, &dest)?;
    Ok(dest)
}

/// What a person can do when the automatic fetch is impossible.
fn manual_steps(dest: Option<&Path>) -> String {
    let put = match dest {
        Some(d) => format!(" (or copy it to {})", d.display()),
        None => String::new(),
    };
    format!(
        "To fix it, do one of: (a) install pip for python3 (e.g. `apt-get install python3-pip`) \
         and allow access to the Python package index, then retry or run \
         `cargo run -p oxidiff-xla --bin oxidiff-xla -- fetch`; (b) fetch it by hand with \
         `{}`, extract `{WHEEL_MEMBER}` from the wheel (`python3 -m zipfile -e DIR/*.whl DIR/x`) \
         and set {PLUGIN_ENV}=DIR/x/{WHEEL_MEMBER}{put}; (c) set {PLUGIN_ENV} to the path of \
         any PJRT plugin (a libpjrt_cpu.so or a GPU plugin)",
        fetch_command()
    )
}

fn is_installed(p: &Path) -> bool {
    fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == PLUGIN_SIZE)
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn check_sha256(path: &Path, expected: &str) -> Result<()> {
    let mut f = fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    let got: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    if got != expected {
        return Err(Error::Provision(format!(
            "SHA-256 mismatch for {}: expected {expected}, got {got}; refusing to install it",
            path.display()
        )));
    }
    Ok(())
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
    let start = lines.len().saturating_sub(3);
    lines[start..].join(" | ")
}

/// A scratch directory inside the cache directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(parent: &Path) -> Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let p = parent.join(format!(".fetch-{}-{nanos}", std::process::id()));
        fs::create_dir(&p)?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_steps_name_the_fixes() {
        let s = manual_steps(Some(Path::new("/c/libpjrt_cpu.so")));
        assert!(s.contains(PLUGIN_ENV));
        assert!(s.contains("pip download --no-deps fastatomstruct-xla-cpu==2026.6.23"));
        assert!(s.contains("/c/libpjrt_cpu.so"));
    }

    #[test]
    fn sha256_is_checked() {
        let d = std::env::temp_dir().join(format!("oxidiff-sha-{}", std::process::id()));
        fs::write(&d, b"abc").unwrap();
        let ok = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert!(check_sha256(&d, ok).is_ok());
        assert!(matches!(
            check_sha256(&d, WHEEL_SHA256),
            Err(Error::Provision(_))
        ));
        fs::remove_file(&d).unwrap();
    }
}
