// A jitted, differentiable tensor function: a traced `if`, a `for` loop turned into a
// `stablehlo.while`, a static argument.
#[jit]
#[differentiable]
fn damped(x: &Tensor, #[no_grad] k: &Tensor, steps: usize) -> Result<Tensor> {
    let mut y = x.clone();
    for _ in 0..steps {
        y = &y.sin()? * k;
    }
    let zero = Tensor::scalar(0.0f32)?;
    if y.sum(&[0])?.greater(&zero)? {
        y = &y * 2.0;
    }
    y.sum(&[0])
}
