//! 100k executions with resident memory flat: every handle (buffers, events, errors) is
//! freed. In its own test binary so that no other test allocates while it measures.

use oxidiff_xla::pjrt::Client;
use oxidiff_xla::Error;
use std::time::Instant;

const X_PLUS_ONE: &str = r#"
module {
  func.func @main(%arg0: tensor<f32>) -> tensor<f32> {
    %c = stablehlo.constant dense<1.0> : tensor<f32>
    %0 = stablehlo.add %arg0, %c : tensor<f32>
    return %0 : tensor<f32>
  }
}
"#;

/// Resident set size in bytes (`VmRSS` of /proc/self/status: the same figure as the
/// second field of /proc/self/statm, already in kB so no page size is needed).
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status");
    kb * 1024
}

fn step(c: &Client, exe: &oxidiff_xla::pjrt::Executable, i: usize) {
    let x = (i % 1000) as f32;
    let b = c.buffer_from_host(&[x], &[], 0).unwrap();
    let out = exe.execute(&[&b]).unwrap();
    assert_eq!(out[0].to_vec::<f32>().unwrap(), [x + 1.0]);
    // Error paths allocate and free PJRT_Errors / Rust errors too.
    if i % 100 == 0 {
        assert!(matches!(exe.execute(&[]), Err(Error::ArgCount { .. })));
    }
}

#[test]
fn hundred_thousand_executions_keep_memory_flat() {
    let c = Client::cpu().unwrap_or_else(|e| panic!("the PJRT CPU plugin could not be had: {e}"));
    let exe = c.compile(X_PLUS_ONE).unwrap();
    // Warm up allocator pools and thread-local caches first.
    for i in 0..5_000 {
        step(&c, &exe, i);
    }
    let before = rss_bytes();
    let t = Instant::now();
    let n = 100_000;
    for i in 0..n {
        step(&c, &exe, i);
    }
    let elapsed = t.elapsed();
    let after = rss_bytes();
    let growth = after.saturating_sub(before);
    eprintln!(
        "{n} executions in {elapsed:?} ({:?} each); RSS {} -> {} KiB (+{} KiB)",
        elapsed / n as u32,
        before / 1024,
        after / 1024,
        growth / 1024
    );
    // A leak of one small handle per call (~100 bytes) would be ~10 MB here.
    assert!(
        growth < 4 << 20,
        "RSS grew by {} KiB over {n} executions",
        growth / 1024
    );
}
