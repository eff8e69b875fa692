//! The PJRT runtime against the real CPU plugin. The plugin is provisioned on first use
//! (`OXIDIFF_PJRT_PLUGIN`, the user cache, or a pip download); if it cannot be had, these
//! tests fail, they never skip.

use oxidiff_xla::pjrt::{Buffer, Client, Executable};
use oxidiff_xla::{DType, Error, NativeType};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

const X_PLUS_ONE: &str = r#"
module {
  func.func @main(%arg0: tensor<f32>) -> tensor<f32> {
    %c = stablehlo.constant dense<1.0> : tensor<f32>
    %0 = stablehlo.add %arg0, %c : tensor<f32>
    return %0 : tensor<f32>
  }
}
"#;

const MATMUL_2X3_3X2: &str = r#"
module {
  func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x2xf32> {
    %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
    return %0 : tensor<2x2xf32>
  }
}
"#;

const ALL_REDUCE_SUM: &str = r#"
module @replicated attributes {mhlo.num_replicas = 4 : i32, mhlo.num_partitions = 1 : i32} {
  func.func @main(%arg0: tensor<2xf32>) -> tensor<2xf32> {
    %0 = "stablehlo.all_reduce"(%arg0) ({
      ^bb0(%x: tensor<f32>, %y: tensor<f32>):
        %s = stablehlo.add %x, %y : tensor<f32>
        stablehlo.return %s : tensor<f32>
    }) {replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>} : (tensor<2xf32>) -> tensor<2xf32>
    return %0 : tensor<2xf32>
  }
}
"#;

fn client() -> Client {
    Client::global().unwrap_or_else(|e| {
        panic!(
            "the PJRT CPU plugin could not be had, so the runtime cannot be tested: {e}\n\
             (run `cargo run -p oxidiff-xla --bin oxidiff-xla -- doctor` for details)"
        )
    })
}

/// An identity program on `tensor<dims x ty>`.
fn identity(ty: &str) -> String {
    format!("module {{ func.func @main(%arg0: {ty}) -> {ty} {{ return %arg0 : {ty} }} }}")
}

fn scratch_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("oxidiff-rt-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn loads_the_plugin_and_reports_it() {
    let c = client();
    assert_eq!(c.platform_name(), "cpu");
    let (major, minor) = c.api_version();
    assert_eq!(major, 0);
    assert!(minor >= 106, "API 0.{minor}");
    assert!(c.device_count() >= 1);
    let d = c.device_descriptions();
    assert_eq!(d.len(), c.device_count());
    assert!(d[0].contains("CpuDevice"), "{d:?}");
    assert!(c.plugin_path().is_file());
    // `global` hands out the same client.
    let again = Client::global().unwrap();
    assert_eq!(again.plugin_path(), c.plugin_path());
}

#[test]
fn x_plus_one() {
    let c = client();
    let exe = c.compile(X_PLUS_ONE).unwrap();
    assert_eq!(
        (exe.num_outputs(), exe.num_replicas(), exe.num_parameters()),
        (1, 1, 1)
    );
    for x in [41.0f32, -1.0, 0.5] {
        let b = c.buffer_from_host(&[x], &[], 0).unwrap();
        let out = exe.execute(&[&b]).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].dims(), &[] as &[i64]);
        assert_eq!(out[0].dtype(), DType::F32);
        assert_eq!(out[0].device(), 0);
        assert_eq!(out[0].to_vec::<f32>().unwrap(), [x + 1.0]);
    }
}

#[test]
fn small_matmul() {
    let c = client();
    let exe = c.compile(MATMUL_2X3_3X2).unwrap();
    let a = c
        .buffer_from_host(&[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3], 0)
        .unwrap();
    let b = c
        .buffer_from_host(&[7.0f32, 8.0, 9.0, 10.0, 11.0, 12.0], &[3, 2], 0)
        .unwrap();
    let out = exe.execute(&[&a, &b]).unwrap();
    assert_eq!(out[0].dims(), &[2, 2]);
    // [[1,2,3],[4,5,6]] x [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
    assert_eq!(out[0].to_vec::<f32>().unwrap(), [58.0, 64.0, 139.0, 154.0]);
}

#[test]
fn several_outputs() {
    let c = client();
    let exe = c
        .compile(
            "module { func.func @main(%a: tensor<3xi32>, %b: tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi1>) {\n\
             %0 = stablehlo.multiply %a, %b : tensor<3xi32>\n\
             %1 = stablehlo.compare GT, %a, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>\n\
             return %0, %1 : tensor<3xi32>, tensor<3xi1> } }",
        )
        .unwrap();
    assert_eq!(exe.num_outputs(), 2);
    assert_eq!(
        exe.output_shapes().unwrap(),
        &[(DType::I32, vec![3]), (DType::Bool, vec![3])]
    );
    let a = c.buffer_from_host(&[1i32, 5, -3], &[3], 0).unwrap();
    let b = c.buffer_from_host(&[2i32, 4, -3], &[3], 0).unwrap();
    let out = exe.execute(&[&a, &b]).unwrap();
    assert_eq!(out[0].to_vec::<i32>().unwrap(), [2, 20, 9]);
    assert_eq!(out[1].dtype(), DType::Bool);
    assert_eq!(out[1].to_vec::<bool>().unwrap(), [false, true, false]);
}

fn round_trip<T: NativeType + PartialEq + std::fmt::Debug>(c: &Client, data: &[T]) {
    let dt = T::DTYPE;
    let dims = [2i64, data.len() as i64 / 2];
    let b = c.buffer_from_host(data, &dims, 0).unwrap();
    assert_eq!((b.dtype(), b.dims()), (dt, &dims[..]));
    assert_eq!(b.to_vec::<T>().unwrap(), data, "{dt} host round trip");
    let bytes = b.to_bytes().unwrap();
    assert_eq!(bytes.len(), data.len() * dt.size_bytes());
    let b2 = c.buffer_from_bytes(&bytes, dt, &dims, 0).unwrap();
    assert_eq!(b2.to_vec::<T>().unwrap(), data, "{dt} bytes round trip");
    // Through a program, so the output buffer comes from the plugin.
    let ty = format!("tensor<{}x{}x{}>", dims[0], dims[1], dt.mlir_name());
    let exe = c.compile(&identity(&ty)).unwrap();
    let out = exe.execute(&[&b]).unwrap();
    assert_eq!(out[0].dtype(), dt);
    assert_eq!(out[0].dims(), &dims);
    assert_eq!(out[0].to_vec::<T>().unwrap(), data, "{dt} through XLA");
}

#[test]
fn every_dtype_round_trips() {
    use half::{bf16, f16};
    let c = client();
    round_trip(&c, &[1.5f32, -2.0, 3.25, f32::MAX]);
    round_trip(&c, &[1.5f64, -2.0, 1e300, f64::MIN_POSITIVE]);
    round_trip(
        &c,
        &[
            bf16::from_f32(1.5),
            bf16::from_f32(-2.0),
            bf16::ONE,
            bf16::MAX,
        ],
    );
    round_trip(
        &c,
        &[f16::from_f32(1.5), f16::from_f32(-2.0), f16::ONE, f16::MAX],
    );
    round_trip(&c, &[1i32, -2, i32::MAX, i32::MIN]);
    round_trip(&c, &[1i64, -2, i64::MAX, i64::MIN]);
    round_trip(&c, &[1u32, 2, u32::MAX, 0]);
    round_trip(&c, &[true, false, false, true]);
}

#[test]
fn wrong_argument_count_is_an_error() {
    let c = client();
    let exe = c.compile(X_PLUS_ONE).unwrap();
    let b = c.buffer_from_host(&[1.0f32], &[], 0).unwrap();
    match exe.execute(&[]) {
        Err(Error::ArgCount {
            expected: 1,
            got: 0,
        }) => {}
        other => panic!("expected ArgCount, got {other:?}"),
    }
    match exe.execute(&[&b, &b]) {
        Err(Error::ArgCount {
            expected: 1,
            got: 2,
        }) => {}
        other => panic!("expected ArgCount, got {other:?}"),
    }
    // The executable still works afterwards.
    assert_eq!(
        exe.execute(&[&b]).unwrap()[0].to_vec::<f32>().unwrap(),
        [2.0]
    );
}

#[test]
fn mismatches_are_errors() {
    let c = client();
    // Host data that does not fill the dims.
    assert!(matches!(
        c.buffer_from_host(&[1.0f32, 2.0, 3.0], &[2, 2], 0),
        Err(Error::Shape(_))
    ));
    assert!(matches!(
        c.buffer_from_bytes(&[0u8; 7], DType::F32, &[2], 0),
        Err(Error::Shape(_))
    ));
    assert!(matches!(
        c.buffer_from_host(&[1.0f32], &[-1], 0),
        Err(Error::Shape(_))
    ));
    assert!(matches!(
        c.buffer_from_bytes(&[2u8], DType::Bool, &[1], 0),
        Err(Error::DType(_))
    ));
    assert!(matches!(
        c.buffer_from_host(&[1.0f32], &[], 99),
        Err(Error::Device(_))
    ));
    // Reading as the wrong type.
    let b = c.buffer_from_host(&[1.0f32, 2.0], &[2], 0).unwrap();
    assert!(matches!(b.to_vec::<f64>(), Err(Error::DType(_))));
    // Arguments of the wrong dtype, shape or device.
    let exe = c.compile(MATMUL_2X3_3X2).unwrap();
    let a = c.buffer_from_host(&[0.0f32; 6], &[2, 3], 0).unwrap();
    let a_t = c.buffer_from_host(&[0.0f32; 6], &[3, 2], 0).unwrap();
    let a_f64 = c.buffer_from_host(&[0.0f64; 6], &[2, 3], 0).unwrap();
    assert!(matches!(exe.execute(&[&a, &a]), Err(Error::Shape(_))));
    assert!(matches!(exe.execute(&[&a_f64, &a_t]), Err(Error::DType(_))));
    if c.device_count() > 1 {
        let a1 = c.buffer_from_host(&[0.0f32; 6], &[2, 3], 1).unwrap();
        assert_eq!(a1.device(), 1);
        assert!(matches!(exe.execute(&[&a1, &a_t]), Err(Error::Device(_))));
    }
    assert_eq!(
        exe.execute(&[&a, &a_t]).unwrap()[0]
            .to_vec::<f32>()
            .unwrap(),
        [0.0; 4]
    );
}

#[test]
fn buffers_of_another_client_are_refused() {
    let c = client();
    let other = Client::cpu_with_devices(2).unwrap();
    let exe = c.compile(X_PLUS_ONE).unwrap();
    let b = other.buffer_from_host(&[1.0f32], &[], 0).unwrap();
    assert!(matches!(exe.execute(&[&b]), Err(Error::Device(_))));
}

#[test]
fn invalid_mlir_is_an_error_with_the_plugins_message() {
    let c = client();
    let e = c
        .compile("module { func.func @main(%arg0: tensor<f32>) -> tensor<f32> { %0 = stablehlo.bogus_op %arg0 : tensor<f32> return %0 : tensor<f32> } }")
        .unwrap_err();
    match &e {
        Error::Pjrt { call, message, .. } => {
            assert_eq!(*call, "PJRT_Client_Compile");
            assert!(message.contains("bogus_op"), "{message}");
        }
        other => panic!("expected a PJRT error, got {other:?}"),
    }
    assert!(matches!(
        c.compile("this is not MLIR"),
        Err(Error::Pjrt { .. })
    ));
    assert!(c.compile("").is_err());
    // A type error: adding f32 to i32.
    assert!(matches!(
        c.compile("module { func.func @main(%a: tensor<f32>, %b: tensor<i32>) -> tensor<f32> { %0 = stablehlo.add %a, %b : (tensor<f32>, tensor<i32>) -> tensor<f32> return %0 : tensor<f32> } }"),
        Err(Error::Pjrt { .. })
    ));
}

/// A shared library that is surely no PJRT plugin: the libm (else libc) this process uses.
fn system_library() -> PathBuf {
    let _ = client(); // the plugin pulls in libm
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let libs: Vec<&str> = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .filter(|p| p.starts_with('/'))
        .collect();
    libs.iter()
        .find(|p| p.contains("/libm.so"))
        .or_else(|| libs.iter().find(|p| p.contains("/libc.so")))
        .map(PathBuf::from)
        .expect("no libm or libc mapped in this process")
}

/// Files that are not usable plugins, and the error each must give.
fn bad_plugins(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let garbage = dir.join("libpjrt_garbage.so");
    std::fs::write(
        &garbage,
        (0..4096u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let text = dir.join("plugin.txt");
    std::fs::write(&text, "this is a text file, not a plugin\n").unwrap();
    vec![
        (dir.join("does-not-exist.so"), "not found"),
        (garbage, "cannot load"),
        (text, "cannot load"),
        (system_library(), "is not a PJRT plugin"),
    ]
}

#[test]
fn bad_plugin_paths_are_clear_errors() {
    let dir = scratch_dir("bad-plugins");
    for (path, _) in bad_plugins(&dir) {
        let e = Client::from_plugin(&path, &[]).unwrap_err();
        match (&e, path.file_name().unwrap().to_str().unwrap()) {
            (Error::PluginNotFound { .. }, "does-not-exist.so") => {}
            (Error::PluginLoad { .. }, "libpjrt_garbage.so" | "plugin.txt") => {}
            (Error::NotAPjrtPlugin { msg, .. }, _) => assert!(msg.contains("GetPjrtApi"), "{msg}"),
            _ => panic!("{}: unexpected error {e:?}", path.display()),
        }
        assert!(e.to_string().contains(&*path.to_string_lossy()), "{e}");
    }
    // Options of the wrong type are refused before they reach the plugin.
    let p = client().plugin_path().to_path_buf();
    assert!(Client::from_plugin(&p, &[("preallocate", 1)]).is_err());
    assert!(Client::from_plugin(&p, &[("cpu_device_count", 2), ("cpu_device_count", 3)]).is_err());
    assert!(Client::cpu_with_devices(0).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_binary_reports_bad_plugins_and_exits_nonzero() {
    let dir = scratch_dir("bin-bad-plugins");
    for (path, expected) in bad_plugins(&dir) {
        for cmd in ["doctor", "fetch"] {
            let out = Command::new(env!("CARGO_BIN_EXE_oxidiff-xla"))
                .arg(cmd)
                .env("OXIDIFF_PJRT_PLUGIN", &path)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            if cmd == "fetch" && expected != "not found" {
                // `fetch` only resolves the path; it does not load the plugin.
                assert!(out.status.success(), "{stderr}");
                continue;
            }
            assert_eq!(
                out.status.code(),
                Some(1),
                "{cmd} {}: {stderr}",
                path.display()
            );
            assert!(stderr.contains("oxidiff-xla: error:"), "{stderr}");
            assert!(stderr.contains(expected), "{}: {stderr}", path.display());
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_binary_doctor_works() {
    let path = client().plugin_path().to_path_buf();
    let out = Command::new(env!("CARGO_BIN_EXE_oxidiff-xla"))
        .arg("doctor")
        .env("OXIDIFF_PJRT_PLUGIN", &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for needle in [
        "PJRT C API:       0.",
        "platform:         cpu",
        "CpuDevice",
        "x + 1 = 42",
        "ok",
    ] {
        assert!(stdout.contains(needle), "{needle:?} missing in\n{stdout}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_oxidiff-xla"))
        .arg("bogus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn threads_share_a_client_and_an_executable() {
    let c = client();
    let exe: Arc<Executable> = Arc::new(c.compile(MATMUL_2X3_3X2).unwrap());
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let (c, exe) = (c.clone(), exe.clone());
            std::thread::spawn(move || {
                for i in 0..200 {
                    let s = (t * 1000 + i) as f32;
                    let a = c
                        .buffer_from_host(&[s, 0.0, 0.0, 0.0, s, 0.0], &[2, 3], 0)
                        .unwrap();
                    let b = c
                        .buffer_from_host(&[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[3, 2], 0)
                        .unwrap();
                    let out = exe.execute(&[&a, &b]).unwrap();
                    assert_eq!(
                        out[0].to_vec::<f32>().unwrap(),
                        [s, 2.0 * s, 3.0 * s, 4.0 * s]
                    );
                    // And the compile cache from many threads.
                    let cached = c.compile_cached(X_PLUS_ONE).unwrap();
                    let x = c.buffer_from_host(&[s], &[], 0).unwrap();
                    assert_eq!(
                        cached.execute(&[&x]).unwrap()[0].to_vec::<f32>().unwrap(),
                        [s + 1.0]
                    );
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn compile_cache_hits_and_misses() {
    let c = Client::cpu_with_devices(1).unwrap();
    assert_eq!(c.cache_stats(), (0, 0));
    let p = identity("tensor<3xf32>");
    let a = c.compile_cached(&p).unwrap();
    let b = c.clone().compile_cached(&p).unwrap();
    assert!(Arc::ptr_eq(&a, &b));
    assert_eq!(c.cache_stats(), (1, 1));
    let other = c.compile_cached(&identity("tensor<4xf32>")).unwrap();
    assert!(!Arc::ptr_eq(&a, &other));
    assert_eq!(c.cache_stats(), (1, 2));
}

#[test]
fn replicated_all_reduce_sums_across_replicas() {
    let c = Client::cpu_with_devices(4).unwrap();
    assert_eq!(c.device_count(), 4);
    let exe = c.compile_replicated(ALL_REDUCE_SUM, 4).unwrap();
    assert_eq!((exe.num_replicas(), exe.num_outputs()), (4, 1));
    assert_eq!(exe.devices(), &[0, 1, 2, 3]);
    let bufs: Vec<Buffer> = (0..4)
        .map(|r| {
            c.buffer_from_host(&[r as f32, 10.0 * r as f32], &[2], r)
                .unwrap()
        })
        .collect();
    let args: Vec<Vec<&Buffer>> = bufs.iter().map(|b| vec![b]).collect();
    let out = exe.execute_replicated(&args).unwrap();
    assert_eq!(out.len(), 4);
    for (r, o) in out.iter().enumerate() {
        assert_eq!(o[0].device(), r);
        assert_eq!(o[0].to_vec::<f32>().unwrap(), [6.0, 60.0]);
    }
    // Misuse is refused.
    assert!(matches!(exe.execute(&[&bufs[0]]), Err(Error::Device(_))));
    assert!(matches!(
        exe.execute_replicated(&args[..3]),
        Err(Error::Device(_))
    ));
    let swapped: Vec<Vec<&Buffer>> = vec![
        vec![&bufs[1]],
        vec![&bufs[0]],
        vec![&bufs[2]],
        vec![&bufs[3]],
    ];
    assert!(matches!(
        exe.execute_replicated(&swapped),
        Err(Error::Device(_))
    ));
    assert!(matches!(
        c.compile_replicated(ALL_REDUCE_SUM, 5),
        Err(Error::Device(_))
    ));
    let two = Client::cpu_with_devices(2).unwrap();
    assert_eq!(two.device_count(), 2);
}

#[test]
fn errors_display_the_details() {
    let e = Error::ArgCount {
        expected: 2,
        got: 3,
    };
    assert_eq!(
        e.to_string(),
        "wrong number of arguments: the executable takes 2, got 3"
    );
}

#[test]
fn without_python_the_fetch_error_says_what_to_do() {
    let cache = scratch_dir("empty-cache");
    for cmd in ["fetch", "doctor"] {
        let out = Command::new(env!("CARGO_BIN_EXE_oxidiff-xla"))
            .arg(cmd)
            .env_remove("OXIDIFF_PJRT_PLUGIN")
            .env("XDG_CACHE_HOME", &cache)
            .env("OXIDIFF_PYTHON", cache.join("no-such-python"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        for needle in [
            "oxidiff-xla: error: provisioning the PJRT CPU plugin failed",
            "pip",
            "OXIDIFF_PJRT_PLUGIN",
            "python3 -m pip download --no-deps fastatomstruct-xla-cpu==2026.6.23",
        ] {
            assert!(stderr.contains(needle), "{needle:?} missing in {stderr}");
        }
    }
    // Nothing half-installed is left behind.
    let dir = cache.join("oxidiff").join("pjrt-cpu-2026.6.23");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    std::fs::remove_dir_all(&cache).unwrap();
}
