use oxidiff::{jit, Tensor};

#[jit]
fn f(x: &Tensor) {
    let _ = x;
}

fn main() {}
