// A generic function with a branch, an integer argument and an early return.
#[differentiable]
pub fn g<T: Real>(x: T, n: i32) -> T {
    if n < 0 {
        return x.exp();
    }
    let mut acc = x;
    for _ in 0..n {
        acc = acc * x + T::one();
    }
    acc
}
