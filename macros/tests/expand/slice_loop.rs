// A loop over a slice: the pullback re-reads the elements it needs from a copy of the slice
// and replays the loop backwards, recomputing the indices; nothing is saved per iteration. The
// replay reads `x[i]`, `x[i + 1]` and adds to the gradient through slices of exactly the loop's
// length (`__w*`; the gradient's as `Cell`s, so that windows at several offsets can coexist)
// indexed by the iteration number: no bounds check per iteration, and the loop can vectorize.
// `debug_assert_eq!` checks the index arithmetic in debug builds.
#[differentiable]
fn rosen<T: Real>(x: &[T]) -> T {
    let hundred = T::from_f64(100.0);
    let mut s = T::zero();
    for i in 0..x.len() - 1 {
        s += hundred * (x[i + 1] - x[i] * x[i]).powi(2) + (T::one() - x[i]).powi(2);
    }
    s
}
