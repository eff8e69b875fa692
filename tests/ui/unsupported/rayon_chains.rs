use oxidiff::differentiable;
use rayon::prelude::*;

// rayon's `fold` (an identity closure, per-thread folds) and `reduce` are not the reductions
// the rewriting knows: the error names the adapter and the supported form.
#[differentiable]
fn par_fold(x: &[f64]) -> f64 {
    x.par_iter().fold(|| 0.0, |a, v| a + v * v).sum::<f64>()
}

#[differentiable]
fn par_reduce(x: &[f64]) -> f64 {
    x.par_iter().map(|v| v * v).reduce(|| 0.0, |a, b| a + b)
}

// An adapter on a chain over an index range.
#[differentiable]
fn range_filter(x: &[f64]) -> f64 {
    (0..x.len())
        .into_par_iter()
        .filter(|i| i % 2 == 0)
        .map(|i| x[i] * x[i])
        .sum::<f64>()
}

fn main() {}
