//! The reduced-precision policy `#[jit(precision = "bf16" | "f16")]`: f32 arguments are
//! converted to the low dtype, the body computes in it, sums and contractions accumulate in
//! f32, results come back as f32. Results stay within stated tolerances of the f32 run:
//! bf16 (8-bit significand) rel 3e-2, f16 (11-bit) rel 4e-3, on a small MLP, its gradient
//! and a long sum.

use oxidiff::xla::Result;
use oxidiff::{differentiable, jit, Tensor};

fn t(v: &[f32], shape: &[i64]) -> Tensor {
    Tensor::from_slice(v, shape).unwrap()
}

fn seq(n: usize, a: f32, b: f32) -> Vec<f32> {
    (0..n)
        .map(|i| a + b * ((i * 7 + 3) % 11) as f32 / 11.0)
        .collect()
}

fn close(a: &[f32], b: &[f32], rtol: f32, scale: f32, what: &str) {
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= rtol * scale.max(y.abs()),
            "{what}[{i}]: {x} vs {y}"
        );
    }
}

fn mlp_body(x: &Tensor, w1: &Tensor, w2: &Tensor) -> Result<Tensor> {
    let h = x.matmul(w1)?.tanh()?;
    let o = h.matmul(w2)?;
    (&o * &o).mean(&[0, 1])
}

#[jit]
#[differentiable]
fn mlp32(#[no_grad] x: &Tensor, w1: &Tensor, w2: &Tensor) -> Result<Tensor> {
    mlp_body(x, w1, w2)
}

#[jit(precision = "bf16")]
#[differentiable]
fn mlp_bf16(#[no_grad] x: &Tensor, w1: &Tensor, w2: &Tensor) -> Result<Tensor> {
    mlp_body(x, w1, w2)
}

#[jit(precision = "f16")]
fn mlp_f16(x: &Tensor, w1: &Tensor, w2: &Tensor) -> Result<Tensor> {
    mlp_body(x, w1, w2)
}

#[jit(precision = "bf16")]
fn long_sum(x: &Tensor) -> Result<Tensor> {
    x.sum(&[0])
}

fn inputs() -> (Tensor, Tensor, Tensor) {
    (
        t(&seq(32 * 16, -1.0, 2.0), &[32, 16]),
        t(&seq(16 * 24, -0.3, 0.6), &[16, 24]),
        t(&seq(24 * 4, -0.4, 0.8), &[24, 4]),
    )
}

#[test]
fn bf16_and_f16_stay_close_to_f32() {
    let (x, w1, w2) = inputs();
    let r32 = mlp32(&x, &w1, &w2).unwrap().to_vec::<f32>().unwrap();
    let rb = mlp_bf16(&x, &w1, &w2).unwrap();
    assert_eq!(
        rb.dtype(),
        oxidiff::xla::DType::F32,
        "results come back as f32"
    );
    close(&rb.to_vec::<f32>().unwrap(), &r32, 3e-2, 0.0, "bf16 loss");
    let rh = mlp_f16(&x, &w1, &w2).unwrap().to_vec::<f32>().unwrap();
    close(&rh, &r32, 4e-3, 0.0, "f16 loss");
    let ir = mlp_bf16_ir(&x, &w1, &w2).unwrap();
    assert!(ir.contains("bf16"), "{ir}");
    assert!(
        ir.lines()
            .any(|l| l.contains("dot_general") && l.contains(":f32")),
        "contractions accumulate in f32: {ir}"
    );
}

#[test]
fn bf16_gradient_stays_close_to_f32() {
    let (x, w1, w2) = inputs();
    let (g1, g2) = mlp32_grad(&x, &w1, &w2).unwrap();
    let (b1, b2) = mlp_bf16_grad(&x, &w1, &w2).unwrap();
    let (g1, g2) = (g1.to_vec::<f32>().unwrap(), g2.to_vec::<f32>().unwrap());
    let s1 = g1.iter().fold(0f32, |m, v| m.max(v.abs()));
    let s2 = g2.iter().fold(0f32, |m, v| m.max(v.abs()));
    close(&b1.to_vec::<f32>().unwrap(), &g1, 5e-2, s1, "bf16 grad w1");
    close(&b2.to_vec::<f32>().unwrap(), &g2, 5e-2, s2, "bf16 grad w2");
}

#[test]
fn long_sums_accumulate_in_f32() {
    // 4096 ones: a sequential bf16 accumulator would stall at 256.
    let x = t(&vec![1.0; 4096], &[4096]);
    let s = long_sum(&x).unwrap().to_vec::<f32>().unwrap()[0];
    assert_eq!(s, 4096.0);
    // The program converts to bf16, then up to f32 for the sum (XLA's CPU backend also
    // widens bf16 reductions itself, so the structure is what this checks).
    let ir = long_sum_ir(&x).unwrap();
    let lines: Vec<&str> = ir.lines().collect();
    assert!(
        lines.iter().any(|l| l.contains(":bf16[4096] = convert")),
        "{ir}"
    );
    assert!(
        lines.iter().any(|l| l.contains(":f32[] = reduce_sum")),
        "{ir}"
    );
}
