//! `oxidiff-xla doctor` / `oxidiff-xla fetch`: provision and check the PJRT plugin.

use oxidiff_xla::pjrt::Client;
use oxidiff_xla::provision;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: oxidiff-xla <command>

commands:
  doctor   find (fetching if needed) and load the PJRT plugin, print its API version,
           platform and devices, and run a one-op program on it
  fetch    install the CPU plugin into the user cache if needed and print its path
  help     print this message

environment:
  OXIDIFF_PJRT_PLUGIN  path of a PJRT plugin to use instead of the cached CPU plugin
  XDG_CACHE_HOME       cache root (default ~/.cache); the plugin goes to oxidiff/pjrt-cpu-<version>/
  OXIDIFF_PYTHON       Python interpreter used to fetch with pip (default python3)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("doctor") if args.len() == 1 => doctor(),
        Some("fetch") if args.len() == 1 => fetch(),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("oxidiff-xla: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn fetch() -> oxidiff_xla::Result<()> {
    let path = if std::env::var_os(provision::PLUGIN_ENV).is_some_and(|v| !v.is_empty()) {
        provision::plugin_path()?
    } else {
        provision::fetch()?
    };
    println!("{}", path.display());
    Ok(())
}

fn doctor() -> oxidiff_xla::Result<()> {
    let path = provision::plugin_path()?;
    let source = if std::env::var_os(provision::PLUGIN_ENV).is_some_and(|v| !v.is_empty()) {
        format!("from {}", provision::PLUGIN_ENV)
    } else {
        "from the user cache".to_string()
    };
    println!("plugin:           {} ({source})", path.display());
    let t = Instant::now();
    let client = Client::from_plugin(&path, &[])?;
    let load = t.elapsed();
    let (major, minor) = client.api_version();
    println!("PJRT C API:       {major}.{minor}");
    println!("platform:         {}", client.platform_name());
    println!("platform version: {}", client.platform_version());
    println!("load + client:    {:.1} ms", load.as_secs_f64() * 1e3);
    println!("devices:          {}", client.device_count());
    for (i, d) in client.device_descriptions().iter().enumerate() {
        println!("  {i}: {d}");
    }
    let t = Instant::now();
    let exe = client.compile(
        "module {\n  func.func @main(%arg0: tensor<f32>) -> tensor<f32> {\n    \
         %c = stablehlo.constant dense<1.0> : tensor<f32>\n    \
         %0 = stablehlo.add %arg0, %c : tensor<f32>\n    return %0 : tensor<f32>\n  }\n}\n",
    )?;
    let compile = t.elapsed();
    let x = client.buffer_from_host(&[41.0f32], &[], 0)?;
    let y = exe.execute(&[&x])?[0].to_vec::<f32>()?;
    if y != [42.0] {
        return Err(oxidiff_xla::Error::Other(format!(
            "self-test: x + 1 at x = 41 gave {y:?}"
        )));
    }
    println!(
        "self-test:        x + 1 = 42 at x = 41 (compiled in {:.1} ms)",
        compile.as_secs_f64() * 1e3
    );
    println!("ok");
    Ok(())
}
