// A function without control flow: the pullback captures the named intermediate values
// directly, with no stacks.
#[differentiable]
pub fn f(x: f64, y: f64) -> f64 {
    let a = x * y;
    a.sin() + x / y
}
