use oxidiff::differentiable;

trait Sq {
    fn sq(x: f64) -> f64;
}
struct S;
impl Sq for S {
    fn sq(x: f64) -> f64 {
        x * x
    }
}

#[differentiable]
fn f(x: f64) -> f64 {
    <S as Sq>::sq(x)
}

fn main() {}
