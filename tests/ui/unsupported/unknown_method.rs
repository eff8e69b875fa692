use oxidiff::differentiable;

trait Foo {
    fn foo(self) -> f64;
}
impl Foo for f64 {
    fn foo(self) -> f64 {
        self
    }
}

#[differentiable]
fn f(x: f64) -> f64 {
    let y = x.foo();
    y + x.sin_cos().0
}

fn main() {}
