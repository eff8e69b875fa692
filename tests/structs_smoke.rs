//! Structs (`#[derive(Differentiable)]`) as arguments and `&self` methods.
#![allow(clippy::needless_range_loop)]

use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Inner {
    c: f64,
}

#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Params {
    w: Vec<f64>,
    b: f64,
    inner: Inner,
    #[no_grad]
    label: usize,
}

#[differentiable]
fn loss(p: &Params, #[no_grad] x: &[f64], y: f64) -> f64 {
    let mut z = p.b;
    for i in 0..x.len() {
        z += p.w[i] * x[i];
    }
    let e = z.tanh() * p.inner.c - y;
    e * e
}

#[derive(Clone, Debug, Differentiable)]
struct Sp {
    k: f64,
    m: f64,
}

impl Sp {
    #[differentiable]
    fn energy(&self, x: f64) -> f64 {
        0.5 * self.k * x * x + self.m.sin()
    }
}

#[test]
fn structs() {
    let p = Params {
        w: vec![0.3, -0.2, 0.5],
        b: 0.1,
        inner: Inner { c: 1.5 },
        label: 7,
    };
    let x = [1.0, 2.0, -0.5];
    let (gp, gy) = loss_grad(&p, &x, 0.4);
    assert_eq!(gp.label, 7);
    let h = 1e-6;
    let mut flat = Vec::new();
    p.flatten_into(&mut flat);
    let mut gflat = Vec::new();
    gp.flatten_into(&mut gflat);
    assert_eq!(flat.len(), 5);
    for k in 0..flat.len() {
        let mut a = flat.clone();
        a[k] += h;
        let mut b = flat.clone();
        b[k] -= h;
        let (mut pa, mut pb) = (p.clone(), p.clone());
        pa.read_from(&mut &a[..]);
        pb.read_from(&mut &b[..]);
        let fd = (loss(&pa, &x, 0.4) - loss(&pb, &x, 0.4)) / (2.0 * h);
        assert!(
            (fd - gflat[k]).abs() < 1e-6,
            "component {k}: {fd} vs {}",
            gflat[k]
        );
    }
    assert!((gy - (loss(&p, &x, 0.4 + h) - loss(&p, &x, 0.4 - h)) / (2.0 * h)).abs() < 1e-6);
    let (_, t) = loss_jvp(&p, &x, 0.4, &gp, 0.0);
    assert!((t - gp.dot(&gp)).abs() < 1e-9);
    let sp = Sp { k: 2.0, m: 0.3 };
    let (gs, gx) = sp.energy_grad(1.5);
    assert_eq!(gx, 2.0 * 1.5);
    assert_eq!(gs.k, 0.5 * 1.5 * 1.5);
    assert!((gs.m - 0.3f64.cos()).abs() < 1e-15);
}

#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Generic<T: oxidiff::Real> {
    a: T,
    v: Vec<T>,
    #[no_grad]
    tag: u8,
}

#[test]
fn generic_struct_is_a_vector_space() {
    let p = Generic {
        a: 2.0f32,
        v: vec![1.0, -3.0],
        tag: 9,
    };
    let z = p.zero_like();
    assert_eq!(
        z,
        Generic {
            a: 0.0,
            v: vec![0.0, 0.0],
            tag: 9
        }
    );
    assert_eq!(p.dot(&p), 4.0 + 1.0 + 9.0);
    let mut q = p.clone();
    q.axpy(0.5, &p);
    assert_eq!(
        q,
        Generic {
            a: 3.0,
            v: vec![1.5, -4.5],
            tag: 9
        }
    );
    assert_eq!(p.num_components(), 3);
}

/// Iterator chains over a struct's array fields, as over slices.
#[differentiable(check(len = 4, args(p = Params { w: vec![0.0; 4], b: 0.0, inner: Inner { c: 0.0 }, label: 3 })))]
fn field_chains(p: &Params, x: &[f64]) -> f64 {
    let dot: f64 = p.w.iter().zip(x.iter()).map(|(a, b)| a * b).sum();
    let sq = p.w.iter().map(|a| a * a).sum::<f64>().sqrt();
    let mut s = dot + sq * p.b;
    for (i, w) in p.w.iter().enumerate() {
        s += (i as f64) * w * p.inner.c;
    }
    s
}

#[test]
fn iterator_chains_over_struct_fields() {
    let p = Params {
        w: vec![0.5, -1.0, 2.0],
        b: 0.3,
        inner: Inner { c: 1.5 },
        label: 7,
    };
    let x = [1.0, 2.0, -0.5];
    let (gp, gx) = field_chains_grad(&p, &x);
    let n = p.w.iter().map(|a| a * a).sum::<f64>().sqrt();
    for i in 0..3 {
        let want = x[i] + p.b * p.w[i] / n + i as f64 * p.inner.c;
        assert!(
            (gp.w[i] - want).abs() < 1e-14,
            "w[{i}]: {} vs {want}",
            gp.w[i]
        );
        assert!((gx[i] - p.w[i]).abs() < 1e-14);
    }
    assert!((gp.b - n).abs() < 1e-14);
    let wc: f64 = p.w.iter().enumerate().map(|(i, w)| i as f64 * w).sum();
    assert!((gp.inner.c - wc).abs() < 1e-14);
}

/// The length of a struct's array field as a value.
#[differentiable]
fn mean_weight(p: &Params) -> f64 {
    let n = p.w.len();
    let mut s = 0.0;
    for i in 0..n {
        s += p.w[i];
    }
    s / n as f64 + p.b
}

#[test]
fn field_length_as_a_value() {
    let p = Params {
        w: vec![1.0, 2.0, 3.0, 4.0],
        b: 0.5,
        inner: Inner { c: 1.0 },
        label: 0,
    };
    let g = mean_weight_grad(&p);
    assert_eq!(g.w, vec![0.25; 4]);
    assert_eq!(g.b, 1.0);
}
