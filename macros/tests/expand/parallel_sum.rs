// A reduction written as a rayon chain: the primal stays as written; the pullback replays the
// loop on one contiguous range of iterations per thread (`par_replay`). Each thread adds to its
// own part of the gradient's window (`ū[base + k]`), keeps the additions to the elements below
// its range in registers, and returns them with its partial sum of `c̄`; they are added after
// the threads have joined.
#[differentiable]
fn scaled_rosen(x: &[f64], c: f64) -> f64 {
    (0..x.len() - 1)
        .into_par_iter()
        .map(|i| 100.0 * (x[i + 1] - x[i] * x[i]).powi(2) + c * (1.0 - x[i]))
        .sum::<f64>()
}
