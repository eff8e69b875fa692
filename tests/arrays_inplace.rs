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

/// Generic over the float: second order runs the function at `Dual<T>` on a dual copy.
#[differentiable]
fn step_energy<T: oxidiff::Real>(u: &mut [T], dt: T) -> T {
    let n = u.len();
    let old = u.to_vec();
    for i in 1..n - 1 {
        u[i] =
            old[i] + dt * (old[i - 1] - old[i] * T::from_f64(2.0) + old[i + 1]) + dt * old[i].sin();
    }
    let mut e = T::zero();
    for i in 0..n {
        e += u[i] * u[i] * u[i];
    }
    e
}

/// The gradient of `step_energy` at (u, dt) through the pullback (the buffer starts at zero:
/// the final state is not an output here), flattened as (u, dt).
fn step_energy_grad_flat(v: &[f64]) -> Vec<f64> {
    let n = v.len() - 1;
    let mut u = v[..n].to_vec();
    let (_, pb) = step_energy_vjp(&mut u, v[n]);
    let mut b = vec![0.0; n];
    let gdt = pb(1.0, &mut b);
    b.push(gdt);
    b
}

/// Outputs of `scale_and_norm` as its Jacobian orders them: the result, then `u`'s final state.
fn scale_and_norm_outputs(v: &[f64]) -> Vec<f64> {
    let n = v.len() - 1;
    let mut u = v[..n].to_vec();
    let s = scale_and_norm(&mut u, v[n]);
    let mut out = vec![s];
    out.extend(u);
    out
}

#[test]
fn second_order_of_in_place_functions() {
    let u = vec![0.3, -0.5, 0.8, 0.1, 0.9, -0.2];
    let dt = 0.1;
    let n = u.len();
    // Hessian of the result w.r.t. (u on entry, dt): central differences of the gradient
    // (h = 1e-6, 1e-6 relative), symmetric; the arguments are left as they were.
    let h = step_energy_hessian(&u, dt);
    assert_eq!((h.len(), h[0].len()), (n + 1, n + 1));
    let mut at = u.clone();
    at.push(dt);
    for j in 0..=n {
        let (mut p, mut m) = (at.clone(), at.clone());
        p[j] += 1e-6;
        m[j] -= 1e-6;
        let (gp, gm) = (step_energy_grad_flat(&p), step_energy_grad_flat(&m));
        for i in 0..=n {
            let fd = (gp[i] - gm[i]) / 2e-6;
            assert!(
                (fd - h[i][j]).abs() <= 1e-6 * fd.abs().max(1.0),
                "H[{i}][{j}] = {} vs differences {fd}",
                h[i][j]
            );
            assert!((h[i][j] - h[j][i]).abs() <= 1e-12 * h[i][j].abs().max(1.0));
        }
    }
    assert_eq!(u, vec![0.3, -0.5, 0.8, 0.1, 0.9, -0.2]);
    // f_hvp is the Hessian times the direction.
    let (du, ddt) = ([0.2, -0.1, 0.4, 0.0, 0.3, -0.6], 0.5);
    let (hu, hdt) = step_energy_hvp(&u, dt, &du, ddt);
    for i in 0..=n {
        let want: f64 = (0..n).map(|j| h[i][j] * du[j]).sum::<f64>() + h[i][n] * ddt;
        let got = if i < n { hu[i] } else { hdt };
        assert!(
            (got - want).abs() <= 1e-12 * want.abs().max(1.0),
            "hvp[{i}]"
        );
    }
    // At f32 through the same generic code.
    let u32s: Vec<f32> = u.iter().map(|&v| v as f32).collect();
    let h32 = step_energy_hessian(&u32s, 0.1f32);
    for i in 0..=n {
        for j in 0..=n {
            assert!((h32[i][j] as f64 - h[i][j]).abs() <= 1e-4 * h[i][j].abs().max(1.0));
        }
    }

    // Jacobian of (result, final u) w.r.t. (u on entry, a), against differences.
    let (u0, a) = (vec![0.4, -1.1, 0.7], 1.3);
    let jac = scale_and_norm_jacobian(&u0, a);
    assert_eq!((jac.len(), jac[0].len()), (1 + 3, 3 + 1));
    let mut at = u0.clone();
    at.push(a);
    for j in 0..4 {
        let (mut p, mut m) = (at.clone(), at.clone());
        p[j] += 1e-6;
        m[j] -= 1e-6;
        let (op, om) = (scale_and_norm_outputs(&p), scale_and_norm_outputs(&m));
        for i in 0..4 {
            let fd = (op[i] - om[i]) / 2e-6;
            assert!(
                (fd - jac[i][j]).abs() <= 1e-6 * fd.abs().max(1.0),
                "J[{i}][{j}] = {} vs differences {fd}",
                jac[i][j]
            );
        }
    }
    // A function without a result: the Jacobian of the final state (relax is linear in u).
    let u0 = [0.0, 1.0, 0.5, -0.3];
    let jr = relax_jacobian(&u0, 0.2, 3);
    assert_eq!((jr.len(), jr[0].len()), (4, 5));
    for k in 0..4 {
        let mut e = [0.0; 4];
        e[k] = 1.0;
        let mut col = e.to_vec();
        relax(&mut col, 0.2, 3);
        for i in 0..4 {
            assert!((jr[i][k] - col[i]).abs() <= 1e-15, "relax J[{i}][{k}]");
        }
    }
}

/// Slice methods simulation codes use in place: `copy_from_slice` back into the state, `fill`
/// of a scratch buffer, `swap` of two elements.
#[differentiable(check(len = 5))]
fn slice_methods(u: &mut [f64], c: f64) {
    let n = u.len();
    let mut tmp = vec![0.0; n];
    tmp.fill(c);
    for i in 1..n - 1 {
        tmp[i] += u[i] + c * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
    }
    u.copy_from_slice(&tmp);
    u.swap(0, n - 1);
}

#[test]
fn slice_methods_values_and_derivative() {
    let u0 = [0.5, 1.0, -0.25, 2.0, 0.75];
    let c = 0.3;
    let mut u = u0;
    slice_methods(&mut u, c);
    let mut want = [c; 5];
    for i in 1..4 {
        want[i] += u0[i] + c * (u0[i - 1] - 2.0 * u0[i] + u0[i + 1]);
    }
    want.swap(0, 4);
    assert_eq!(u, want);
    // d/dc: the fill contributes 1 everywhere, the stencil its Laplacian in the interior.
    let (mut v, mut dv) = (u0, [0.0; 5]);
    slice_methods_jvp(&mut v, c, &mut dv, 1.0);
    let mut dwant = [1.0; 5];
    for i in 1..4 {
        dwant[i] += u0[i - 1] - 2.0 * u0[i] + u0[i + 1];
    }
    dwant.swap(0, 4);
    for i in 0..5 {
        assert!(
            (dv[i] - dwant[i]).abs() < 1e-14,
            "d u[{i}]/dc: {} vs {}",
            dv[i],
            dwant[i]
        );
    }
}

/// A boundary test written with `u.len()` (the loop is not split; the pullback can't recompute
/// `jp` from `u`, so it saves it), and an early `return` before a loop with a boundary test.
#[differentiable(check(len = 5))]
fn gauss_seidel_len(u: &mut [f64], c: f64) {
    for j in 0..u.len() {
        let jp = if j == u.len() - 1 { 0 } else { j + 1 };
        u[j] += c * u[jp];
    }
}

#[differentiable(check(len = 5))]
fn early_return_then_split(u: &mut [f64], c: f64) {
    let n = u.len();
    if n < 2 {
        return;
    }
    let old = u.to_vec();
    for j in 1..n - 1 {
        let bq = if j == n - 2 { 7.0 } else { 1.0 };
        u[j] = old[j] * bq * c + old[j + 1];
    }
}

#[test]
fn boundary_tests_with_len_and_early_return() {
    // u = [1, 2, 3], c = 0.5: u0 = 2, u1 = 3.5, u2 = 3 + 0.5·u0 = 4.
    let mut u = [1.0, 2.0, 3.0];
    let (_, pb) = gauss_seidel_len_vjp(&mut u, 0.5);
    assert_eq!(u, [2.0, 3.5, 4.0]);
    let mut ub = [1.0, 0.0, 0.0];
    let dc = pb((), &mut ub);
    assert_eq!((ub, dc), ([1.0, 0.5, 0.0], 2.0));
    let mut v = [1.0, 2.0, 3.0, 4.0];
    early_return_then_split(&mut v, 0.5);
    assert_eq!(v, [1.0, 2.0 * 0.5 + 3.0, 3.0 * 7.0 * 0.5 + 4.0, 4.0]);
}
