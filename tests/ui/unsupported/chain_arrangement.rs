use oxidiff::differentiable;

// Supported adapters in an order the rewriting does not handle: `enumerate` after `zip`'s
// left side, and an adapter inside `zip`'s argument.
#[differentiable]
fn enumerate_then_zip(x: &[f64], y: &[f64]) -> f64 {
    x.iter()
        .enumerate()
        .zip(y.iter())
        .map(|((i, a), b)| a * b * i as f64)
        .sum::<f64>()
}

#[differentiable]
fn zip_of_mapped(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y.iter().map(|v| v * 2.0)).map(|(a, b)| a * b).sum::<f64>()
}

fn main() {}
