//! `#[shard]` arguments and `f_data_parallel`: a jitted SGD step run on 4 CPU devices (the
//! batch split four ways, gradients averaged with `all_reduce_mean`) takes the same steps as
//! the same function on one device (f64, rel 1e-12), and bad input is an error.

use oxidiff::xla::parallel::DataParallel;
use oxidiff::xla::{random, DType, Error, Result};
use oxidiff::{differentiable, jit, Differentiable, Tensor, TensorTree};

#[derive(Clone, Differentiable)]
struct Params {
    w: Tensor,
    b: Tensor,
}

#[jit]
#[differentiable]
fn loss(p: &Params, #[no_grad] x: &Tensor, #[no_grad] y: &Tensor) -> Result<Tensor> {
    let e = &(&x.matmul(&p.w)?.tanh()? + &p.b) - y;
    (&e * &e).mean(&[0])
}

/// One SGD step; on several devices each sees its shard and the means are averaged.
#[jit]
fn step(p: &Params, #[shard] x: &Tensor, #[shard] y: &Tensor, lr: f64) -> Result<(Tensor, Params)> {
    let (l, g) = loss_value_and_grad(p, x, y)?;
    let g = g.map(|t| t.all_reduce_mean())?;
    Ok((l.all_reduce_mean()?, p.axpy(-lr, &g)?))
}

fn data() -> Result<(Params, Tensor, Tensor)> {
    let k = random::split(&random::key(7)?, 3)?;
    let p = Params {
        w: random::normal(&k[0], DType::F64, &[5])?,
        b: Tensor::scalar(0.1f64)?,
    };
    let x = random::normal(&k[1], DType::F64, &[16, 5])?;
    let y = random::normal(&k[2], DType::F64, &[16])?;
    Ok((p, x, y))
}

fn close(a: &Tensor, b: &Tensor, what: &str) {
    let (a, b) = (a.to_vec::<f64>().unwrap(), b.to_vec::<f64>().unwrap());
    for (x, y) in a.iter().zip(&b) {
        assert!(
            (x - y).abs() <= 1e-12 * (1.0 + y.abs()),
            "{what}: {x} vs {y}"
        );
    }
}

#[test]
fn four_devices_take_the_same_steps_as_one() {
    let dp = DataParallel::cpu(4).unwrap();
    let (p0, x, y) = data().unwrap();
    let (mut p1, mut p4) = (p0.clone(), p0);
    for k in 0..3 {
        let (l1, n1) = step(&p1, &x, &y, 0.1).unwrap();
        let (l4, n4) = step_data_parallel(&dp, &p4, &x, &y, 0.1).unwrap();
        close(&l4, &l1, &format!("loss at step {k}"));
        close(&n4.w, &n1.w, "w");
        close(&n4.b, &n1.b, "b");
        (p1, p4) = (n1, n4);
    }
    // One data-parallel program, reused.
    let st = step_cache_stats();
    assert!(st.hits >= 2, "{st:?}");
}

#[test]
fn a_batch_that_does_not_split_is_an_error() {
    let dp = DataParallel::cpu(4).unwrap();
    let (p, x, y) = data().unwrap();
    let x = x.slice_axis(0, 0, 14).unwrap();
    let y = y.slice_axis(0, 0, 14).unwrap();
    match step_data_parallel(&dp, &p, &x, &y, 0.1) {
        Err(Error::Shape(m)) => assert!(m.contains("step_data_parallel"), "{m}"),
        other => panic!("expected a shape error, got {:?}", other.map(|r| r.0)),
    }
}
