use oxidiff::custom_vjp;

#[custom_vjp(no_such_rule)]
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {}
