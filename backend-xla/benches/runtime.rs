//! PJRT runtime costs on the CPU plugin:
//! - `x_plus_one/*`: per-call overhead of a compiled `x + 1` on an f32 scalar (copy in,
//!   execute, read back), and its parts;
//! - `matmul_1024/f32`: a 1024×1024 f32 matmul (throughput reported as elements; GFLOP/s is
//!   printed once at start-up from a timed loop);
//! - `compile/matmul_64`: compiling a small matmul program (compile cache bypassed).

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use oxidiff_xla::pjrt::Client;
use std::time::{Duration, Instant};

const X_PLUS_ONE: &str = r#"
module {
  func.func @main(%arg0: tensor<f32>) -> tensor<f32> {
    %c = stablehlo.constant dense<1.0> : tensor<f32>
    %0 = stablehlo.add %arg0, %c : tensor<f32>
    return %0 : tensor<f32>
  }
}
"#;

fn matmul(n: usize) -> String {
    let t = format!("tensor<{n}x{n}xf32>");
    format!(
        "module {{\n  func.func @main(%a: {t}, %b: {t}) -> {t} {{\n    \
         %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0] : ({t}, {t}) -> {t}\n    \
         return %0 : {t}\n  }}\n}}\n"
    )
}

fn client() -> Client {
    let t = Instant::now();
    let c =
        Client::global().unwrap_or_else(|e| panic!("the PJRT CPU plugin could not be had: {e}"));
    eprintln!(
        "plugin load + client creation: {:.1} ms ({}, PJRT C API {:?})",
        t.elapsed().as_secs_f64() * 1e3,
        c.plugin_path().display(),
        c.api_version()
    );
    c
}

fn x_plus_one(cr: &mut Criterion) {
    let c = client();
    let exe = c.compile(X_PLUS_ONE).unwrap();
    let mut g = cr.benchmark_group("x_plus_one");
    g.bench_function("copy_in+execute+read", |bench| {
        bench.iter(|| {
            let x = c.buffer_from_host(&[black_box(41.0f32)], &[], 0).unwrap();
            let out = exe.execute(&[&x]).unwrap();
            out[0].to_vec::<f32>().unwrap()[0]
        })
    });
    g.bench_function("copy_in", |bench| {
        bench.iter(|| c.buffer_from_host(&[black_box(41.0f32)], &[], 0).unwrap())
    });
    let x = c.buffer_from_host(&[41.0f32], &[], 0).unwrap();
    g.bench_function("execute", |bench| {
        bench.iter(|| exe.execute(&[&x]).unwrap())
    });
    let y = exe.execute(&[&x]).unwrap();
    g.bench_function("read", |bench| bench.iter(|| y[0].to_vec::<f32>().unwrap()));
    g.finish();
}

fn matmul_1024(cr: &mut Criterion) {
    let c = client();
    let n = 1024usize;
    let exe = c.compile(&matmul(n)).unwrap();
    let data: Vec<f32> = (0..n * n).map(|i| (i % 17) as f32 * 0.25).collect();
    let a = c.buffer_from_host(&data, &[n as i64, n as i64], 0).unwrap();
    let b = c.buffer_from_host(&data, &[n as i64, n as i64], 0).unwrap();
    let flops = 2.0 * (n as f64).powi(3);
    // One plain measurement for a GFLOP/s figure in the log.
    let run = || {
        let out = exe.execute(&[&a, &b]).unwrap();
        out[0].to_vec::<f32>().unwrap()
    };
    run();
    let reps = 10;
    let t = Instant::now();
    for _ in 0..reps {
        black_box(run());
    }
    let per = t.elapsed().as_secs_f64() / reps as f64;
    eprintln!(
        "matmul {n}x{n} f32: {:.2} ms per call, {:.1} GFLOP/s (incl. read back)",
        per * 1e3,
        flops / per / 1e9
    );
    let mut g = cr.benchmark_group("matmul_1024");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(flops as u64));
    g.bench_with_input(BenchmarkId::new("f32", "execute+read"), &(), |bench, _| {
        bench.iter(run)
    });
    g.finish();
}

fn compile_time(cr: &mut Criterion) {
    let c = client();
    let mut g = cr.benchmark_group("compile");
    g.sample_size(20);
    let p = matmul(64);
    g.bench_function("matmul_64", |bench| bench.iter(|| c.compile(&p).unwrap()));
    g.finish();
}

criterion_group!(benches, x_plus_one, matmul_1024, compile_time);
criterion_main!(benches);
