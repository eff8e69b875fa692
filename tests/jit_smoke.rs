use oxidiff::xla::Result;
use oxidiff::{differentiable, jit, Tensor};

#[jit]
fn affine(x: &Tensor, w: &Tensor, b: &Tensor) -> Result<Tensor> {
    Ok(&x.matmul(w)? + b)
}

#[jit]
fn relu_or_neg(x: &Tensor, flip: bool) -> Result<Tensor> {
    let s = x.sum(&[0])?;
    let mut y = x.clone();
    if flip {
        y = -&y;
    }
    if s.greater(&Tensor::scalar(0.0f64)?)? {
        y = y.maximum(&Tensor::scalar(0.0f64)?)?;
    } else {
        y = &y * 2.0;
    }
    Ok(y)
}

#[jit]
fn power_loop(x: &Tensor, n: usize) -> Result<Tensor> {
    let mut acc = Tensor::ones(x.dtype(), x.shape())?;
    for _ in 0..n {
        acc = &acc * x;
    }
    Ok(acc)
}

#[jit]
#[differentiable]
fn loss(w: &Tensor, #[no_grad] x: &Tensor) -> Result<Tensor> {
    let y = x.matmul(w)?.tanh()?;
    let mut s = (&y * &y).sum(&[0])?;
    let mut k = Tensor::scalar(0i32)?;
    while k.less(&Tensor::scalar(3i32)?)? {
        s = &s * 1.5;
        k = &k + 1.0;
    }
    Ok(s)
}

#[test]
fn smoke() {
    let x = Tensor::from_vec(vec![1.0f64, 2.0], &[1, 2]).unwrap();
    let w = Tensor::from_vec(vec![1.0f64, 0.5, -1.0, 2.0], &[2, 2]).unwrap();
    let b = Tensor::from_vec(vec![0.25f64, 0.5], &[2]).unwrap();
    let y = affine(&x, &w, &b).unwrap();
    assert_eq!(
        y.to_vec::<f64>().unwrap(),
        vec![1.0 - 2.0 + 0.25, 0.5 + 4.0 + 0.5]
    );
    let y = affine(&x, &w, &b).unwrap();
    assert_eq!(y.to_vec::<f64>().unwrap(), vec![-0.75, 5.0]);
    let st = affine_cache_stats();
    assert_eq!((st.hits, st.misses), (1, 1));
    println!("{}", affine_ir(&x, &w, &b).unwrap());

    let v = Tensor::from_vec(vec![1.0f64, -3.0], &[2]).unwrap();
    assert_eq!(
        relu_or_neg(&v, false).unwrap().to_vec::<f64>().unwrap(),
        vec![2.0, -6.0]
    );
    assert_eq!(
        relu_or_neg(&v, true).unwrap().to_vec::<f64>().unwrap(),
        vec![-2.0, 6.0]
    );
    println!("{}", relu_or_neg_ir(&v, true).unwrap());
    let p = power_loop(&v, 3).unwrap();
    assert_eq!(p.to_vec::<f64>().unwrap(), vec![1.0, -27.0]);
    println!("{}", power_loop_ir(&v, 3).unwrap());

    let xv = Tensor::from_vec(vec![0.3f64, -0.2, 0.1, 0.4], &[2, 2]).unwrap();
    let wv = Tensor::from_vec(vec![0.5f64, 1.0], &[2]).unwrap();
    let l = loss(&xv.clone(), &xv).ok();
    let _ = l;
    let (val, g) = loss_value_and_grad(&wv, &xv).unwrap();
    println!("{val} {g}");
}
