//! Eager ops are compiled once per (op, shape, dtype). In a test binary of its own: the client's
//! cache counters are process-wide, and other tests compiling in parallel would move them.

use oxidiff_xla::tensor::Tensor;

#[test]
fn eager_ops_are_compiled_once() {
    let client = oxidiff_xla::pjrt::Client::global().unwrap();
    let x = Tensor::from_vec(vec![0.25f32; 7], &[7]).unwrap();
    let _ = x.sin().unwrap().cos().unwrap();
    let (_, misses0) = client.cache_stats();
    for _ in 0..5 {
        let _ = x.sin().unwrap().cos().unwrap();
    }
    let (_, misses1) = client.cache_stats();
    assert_eq!(misses0, misses1, "eager ops recompiled");
}
