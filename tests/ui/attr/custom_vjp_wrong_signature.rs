// The rule's type is checked against `fn(args…, output, output cotangent) -> cotangents`:
// a mismatch is a type error at the rule's name in the attribute.
use oxidiff::{custom_jvp, custom_vjp};

fn f_bwd(x: f64, g: f64) -> f64 {
    g * x.cos()
}

#[custom_vjp(f_bwd)]
fn f(x: f64) -> f64 {
    x.sin()
}

// Two active arguments: the rule must return both cotangents as a tuple.
fn g_bwd(x: f64, y: f64, _out: f64, c: f64) -> f64 {
    c * (x + y)
}

#[custom_vjp(g_bwd)]
fn g(x: f64, y: f64) -> f64 {
    x * y
}

fn h_tan(x: f64, _y: f64, dx: f32) -> f64 {
    x * dx as f64
}

#[custom_jvp(h_tan)]
fn h(x: f64) -> f64 {
    x * x
}

fn main() {}
