//! `&mut [f64]` arguments (Enzyme's "duplicated" convention): the JVP updates a tangent buffer
//! beside the value; the pullback takes an adjoint buffer holding the cotangent of the final
//! value and leaves in it the cotangent of the initial value.
#![allow(clippy::needless_range_loop)]
use oxidiff::differentiable;

#[differentiable]
fn relax(u: &mut [f64], c: f64, steps: usize) {
    let n = u.len();
    for _ in 0..steps {
        for i in 1..n - 1 {
            u[i] = u[i] + c * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
    }
}

#[differentiable]
fn scale_and_norm(u: &mut [f64], a: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..u.len() {
        u[i] = a * u[i].sin();
        s += u[i] * u[i];
    }
    s
}

fn loss_relax(u0: &[f64], c: f64, w: &[f64]) -> f64 {
    let mut u = u0.to_vec();
    relax(&mut u, c, 7);
    u.iter().zip(w).map(|(a, b)| a * b).sum()
}

#[test]
fn in_place() {
    let u0 = [0.1, 0.9, -0.4, 0.3, 0.7, -0.2];
    let w = [1.0, -2.0, 0.5, 3.0, 0.25, 1.5];
    let c = 0.2;
    // Reverse: the buffer holds w on entry (d loss / d u_final) and d loss / d u0 on exit.
    let mut u = u0.to_vec();
    let ((), pb) = relax_vjp(&mut u, c, 7);
    let mut buf = w.to_vec();
    let dc = pb((), &mut buf);
    let h = 1e-6;
    for k in 0..u0.len() {
        let (mut a, mut b) = (u0.to_vec(), u0.to_vec());
        a[k] += h;
        b[k] -= h;
        let fd = (loss_relax(&a, c, &w) - loss_relax(&b, c, &w)) / (2.0 * h);
        assert!((fd - buf[k]).abs() < 1e-8, "u0[{k}]: fd {fd} vs {}", buf[k]);
    }
    let fdc = (loss_relax(&u0, c + h, &w) - loss_relax(&u0, c - h, &w)) / (2.0 * h);
    assert!((fdc - dc).abs() < 1e-8, "c: {fdc} vs {dc}");
    // The forward pass updated `u` in place, as the function does.
    let mut expect = u0.to_vec();
    relax(&mut expect, c, 7);
    assert_eq!(u, expect);
    // Forward: value and tangent buffers updated together; dot-product test against reverse.
    let v = [0.3, -0.1, 0.2, 0.5, -0.7, 0.05];
    let mut u = u0.to_vec();
    let mut du = v.to_vec();
    let _ = relax_jvp(&mut u, c, 7, &mut du, 0.4);
    assert_eq!(u, expect);
    let lhs: f64 = du.iter().zip(&w).map(|(a, b)| a * b).sum();
    let rhs: f64 = v.iter().zip(&buf).map(|(a, b)| a * b).sum::<f64>() + 0.4 * dc;
    assert!(
        (lhs - rhs).abs() < 1e-12 * (1.0 + lhs.abs()),
        "{lhs} vs {rhs}"
    );

    // A float result too: the pullback takes its cotangent and the buffer.
    let mut u = u0.to_vec();
    let (s, pb) = scale_and_norm_vjp(&mut u, 1.3);
    let mut buf = vec![0.0; u0.len()];
    let da = pb(1.0, &mut buf);
    let f = |u0: &[f64], a: f64| {
        let mut u = u0.to_vec();
        scale_and_norm(&mut u, a)
    };
    assert_eq!(s, f(&u0, 1.3));
    for k in 0..u0.len() {
        let (mut a, mut b) = (u0.to_vec(), u0.to_vec());
        a[k] += h;
        b[k] -= h;
        let fd = (f(&a, 1.3) - f(&b, 1.3)) / (2.0 * h);
        assert!((fd - buf[k]).abs() < 1e-7, "u0[{k}]: fd {fd} vs {}", buf[k]);
    }
    let fda = (f(&u0, 1.3 + h) - f(&u0, 1.3 - h)) / (2.0 * h);
    assert!((fda - da).abs() < 1e-7);
}

/// A nonlinear update with swapped buffers: the pullback must read old values of the array that
/// was overwritten, through the swaps (the restore analysis keeps those saves).
#[differentiable]
fn nonlinear_swaps(u0: &[f64], steps: usize) -> f64 {
    let n = u0.len();
    let mut u = u0.to_vec();
    let mut next = vec![0.0; n];
    for _ in 0..steps {
        for i in 0..n {
            let l = if i == 0 { n - 1 } else { i - 1 };
            next[i] = 0.5 * u[i] + 0.25 * (u[l] * u[l]).sin();
        }
        std::mem::swap(&mut u, &mut next);
    }
    let mut s = 0.0;
    for i in 0..n {
        s += u[i] * u[i] * (i as f64 + 1.0);
    }
    s
}

#[test]
fn nonlinear_update_through_swaps() {
    let u0 = [0.3, -0.8, 1.1, 0.2, -0.5];
    for steps in [0, 1, 2, 7] {
        let g = nonlinear_swaps_grad(&u0, steps);
        let h = 1e-6;
        for k in 0..u0.len() {
            let (mut a, mut b) = (u0.to_vec(), u0.to_vec());
            a[k] += h;
            b[k] -= h;
            let fd = (nonlinear_swaps(&a, steps) - nonlinear_swaps(&b, steps)) / (2.0 * h);
            assert!(
                (fd - g[k]).abs() < 1e-7 * (1.0 + fd.abs()),
                "steps {steps}, u0[{k}]: fd {fd} vs {}",
                g[k]
            );
        }
    }
}
