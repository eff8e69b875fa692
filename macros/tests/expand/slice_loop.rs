// A loop over a slice: the pullback re-reads the elements it needs from a copy of the slice
// and replays the loop backwards, recomputing the indices; nothing is saved per iteration.
#[differentiable]
fn rosen<T: Real>(x: &[T]) -> T {
    let hundred = T::from_f64(100.0);
    let mut s = T::zero();
    for i in 0..x.len() - 1 {
        s += hundred * (x[i + 1] - x[i] * x[i]).powi(2) + (T::one() - x[i]).powi(2);
    }
    s
}
