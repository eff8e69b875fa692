// A data-dependent `while` loop: each iteration saves what its adjoint reads on a typed stack.
#[differentiable]
pub fn newton_sqrt(a: f64) -> f64 {
    let mut y = a;
    while (y * y - a).abs() > 1e-12 * a {
        y = 0.5 * (y + a / y);
    }
    y
}
