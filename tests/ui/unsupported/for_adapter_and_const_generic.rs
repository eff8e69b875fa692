use oxidiff::differentiable;

// A `for` over an adapter the rewriting doesn't handle names the adapter.
#[differentiable]
fn reversed(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for v in x.iter().rev() {
        s = s * 0.5 + v;
    }
    s
}

#[differentiable]
fn norm<const N: usize>(x: [f64; N]) -> f64 {
    let mut s = 0.0;
    for i in 0..N {
        s += x[i] * x[i];
    }
    s
}


#[differentiable]
fn tail_sum(x: &[f64]) -> f64 {
    x[1..].iter().map(|v| v * v).sum()
}

// `return` inside a closure of a chain (rewritten into a loop, it would leave the function).
#[differentiable]
fn closure_return(x: &[f64]) -> f64 {
    let s: f64 = x
        .iter()
        .map(|v| {
            if *v > 0.0 {
                return v * 2.0;
            }
            v * 3.0
        })
        .sum();
    s + 1.0
}
fn main() {}
