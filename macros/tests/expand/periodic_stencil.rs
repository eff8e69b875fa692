// A periodic 1-D stencil as simulation code writes it. The derivative code splits the loop at
// its boundary tests (first and last iteration as written, the rest with `jm = j - 1`,
// `jp = j + 1`), and the pullback keeps the adjoint updates of neighbouring elements in a
// window of registers (`__win*`) instead of reading back what the previous iteration wrote.
#[differentiable]
fn smooth_energy(u: &[f64], c: f64) -> f64 {
    let n = u.len();
    let mut e = 0.0;
    for j in 0..n {
        let jm = if j == 0 { n - 1 } else { j - 1 };
        let jp = if j == n - 1 { 0 } else { j + 1 };
        let lap = u[jm] - 2.0 * u[j] + u[jp];
        e += c * lap * lap;
    }
    e
}
