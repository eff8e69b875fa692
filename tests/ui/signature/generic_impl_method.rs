// A method of a generic `impl`: the attribute sees only the method, not the `impl`'s `T`; the
// error says how to write it instead.
use oxidiff::{differentiable, Differentiable, Real};

#[derive(Clone, Differentiable)]
struct Model<T> {
    w: Vec<T>,
}

impl<T: Real> Model<T> {
    #[differentiable]
    fn energy(&self, x: T) -> T {
        self.w[0] * x * x
    }
}

fn main() {}
