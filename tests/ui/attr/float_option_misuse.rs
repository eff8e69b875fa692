// `float = T` names a type parameter of the surrounding `impl`; on a function that declares `T`
// itself it is an error.
use oxidiff::{differentiable, Real};

#[differentiable(float = T)]
fn f<T: Real>(x: T) -> T {
    x * x
}

fn main() {}
