//! oxidiff quickstart: write an ordinary Rust function, get its derivatives.
//!
//!     cargo run --release --example quickstart

use oxidiff::differentiable;

/// An ordinary function with a loop and a branch. `#[differentiable]` keeps it as it is and
/// generates beside it:
///   f_grad(x, y)           -> (∂f/∂x, ∂f/∂y)        reverse mode
///   f_value_and_grad(x, y) -> (f, (∂f/∂x, ∂f/∂y))
///   f_jvp(x, y, dx, dy)    -> (f, ∂f·(dx, dy))       forward mode
///   f_vjp(x, y)            -> (f, pullback)
#[differentiable]
fn f(x: f64, y: f64) -> f64 {
    // a few damped fixed-point steps: z ← z - 0.2 sin(z² - y)
    let mut z = x;
    for _ in 0..5 {
        z = z - 0.2 * (z * z - y).sin();
    }
    // a branch: which side runs depends on the data
    if z > 1.0 {
        z.ln() + y * z
    } else {
        y * z * z
    }
}

fn main() {
    // Two points: the first takes the `else` branch, the second the `if` branch.
    for (x, y) in [(1.3, 0.7), (2.0, 1.5)] {
        let (value, (gx, gy)) = f_value_and_grad(x, y);
        let (dx, dy) = (0.6, -0.8);
        let (_, jvp) = f_jvp(x, y, dx, dy);

        println!("at (x, y) = ({x:?}, {y:?}):");
        println!("  f                    = {value:.12}");
        println!("  gradient (f_grad)    = ({gx:.12}, {gy:.12})");
        println!(
            "  JVP along ({dx:?}, {dy:?}) = {jvp:.12}   (gradient · direction = {:.12})",
            gx * dx + gy * dy
        );

        // Check against central finite differences.
        let h = 1e-6;
        let fd_x = (f(x + h, y) - f(x - h, y)) / (2.0 * h);
        let fd_y = (f(x, y + h) - f(x, y - h)) / (2.0 * h);
        let fd_v = (f(x + h * dx, y + h * dy) - f(x - h * dx, y - h * dy)) / (2.0 * h);
        println!("  finite-difference check (central, h = {h:e}):");
        println!("             oxidiff           finite diff.      |error|");
        for (name, ad, fd) in [("df/dx", gx, fd_x), ("df/dy", gy, fd_y), ("JVP", jvp, fd_v)] {
            println!(
                "    {name:<5} {ad:>17.12} {fd:>17.12}    {:.1e}",
                (ad - fd).abs()
            );
            assert!(
                (ad - fd).abs() < 1e-6,
                "{name}: derivative and finite difference disagree"
            );
        }
        println!();
    }
}
