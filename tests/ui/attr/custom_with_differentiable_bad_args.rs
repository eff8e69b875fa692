// `#[custom_jvp]` below `#[custom_vjp]` is consumed by it; its arguments are still checked.
use oxidiff::{custom_jvp, custom_vjp};

fn f_bwd(x: f64, _y: f64, g: f64) -> f64 {
    g * x.cos()
}

#[custom_vjp(f_bwd)]
#[custom_jvp]
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}
