use oxidiff::custom_vjp;

fn f_bwd(x: f64, _y: f64, g: f64) -> f64 {
    g * x.cos()
}

#[custom_vjp(f_bwd, foo)]
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}
