use oxidiff::{custom_jvp, custom_vjp};

#[custom_vjp]
fn f(x: f64) -> f64 {
    x.sin()
}

#[custom_jvp()]
fn g(x: f64) -> f64 {
    x.sin()
}

fn main() {
    let _ = f(1.0) + g(1.0);
}
