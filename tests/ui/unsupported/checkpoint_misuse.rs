use oxidiff::differentiable;

// Only a `for` loop over a range `a..b`.
#[differentiable]
fn over_iterator(x: f64, steps: usize) -> f64 {
    let mut y = x;
    #[checkpoint]
    for _ in (0..steps).rev() {
        y = y * 0.5;
    }
    y
}

// Only at the top level of the function.
#[differentiable]
fn nested(x: f64, steps: usize) -> f64 {
    let mut y = x;
    if steps > 0 {
        #[checkpoint]
        for _ in 0..steps {
            y = y * 0.5;
        }
    }
    y
}

// No `return` inside.
#[differentiable]
fn returns(x: f64, steps: usize) -> f64 {
    let mut y = x;
    #[checkpoint(every = 4)]
    for _ in 0..steps {
        if y < 0.1 {
            return y;
        }
        y = y * 0.5;
    }
    y
}

// Not on a `while` loop.
#[differentiable]
fn on_while(x: f64) -> f64 {
    let mut y = x;
    #[checkpoint]
    while y > 0.1 {
        y = y * 0.5;
    }
    y
}

fn main() {}
