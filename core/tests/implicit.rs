//! Implicit differentiation of fixed points, with hand-written pullbacks (the macro-generated
//! ones are tested in the facade's `tests/implicit.rs`).

use num_traits::Float;
use oxidiff_core::implicit::{fixed_point, fixed_point_vjp, ImplicitError};
use oxidiff_core::Dual;

/// A linear fixed point x = A x + B θ, where everything is known in closed form:
/// x* = (I − A)⁻¹ B θ and d(wᵀx*)/dθ = Bᵀ (I − A)⁻ᵀ w.
#[test]
fn linear_fixed_point_matches_closed_form() {
    let a = [[0.2, -0.1], [0.3, 0.1]];
    let b = [[1.0, 0.5, 0.0], [0.0, -1.0, 2.0]];
    let g = |x: &[f64], th: &[f64]| -> Vec<f64> {
        (0..2)
            .map(|i| {
                (0..2).map(|j| a[i][j] * x[j]).sum::<f64>()
                    + (0..3).map(|j| b[i][j] * th[j]).sum::<f64>()
            })
            .collect()
    };
    let vjp_g = |_: &[f64], _: &[f64], u: &[f64]| -> (Vec<f64>, Vec<f64>) {
        let ux = (0..2)
            .map(|j| (0..2).map(|i| a[i][j] * u[i]).sum())
            .collect();
        let ut = (0..3)
            .map(|j| (0..2).map(|i| b[i][j] * u[i]).sum())
            .collect();
        (ux, ut)
    };
    let theta = [0.4, -0.7, 1.1];
    let x = fixed_point(g, &[0.0, 0.0], &theta, 1e-15, 500).unwrap();
    // (I − A) x = B θ
    let bt: Vec<f64> = (0..2)
        .map(|i| (0..3).map(|j| b[i][j] * theta[j]).sum())
        .collect();
    for i in 0..2 {
        let lhs = x[i] - (0..2).map(|j| a[i][j] * x[j]).sum::<f64>();
        assert!((lhs - bt[i]).abs() < 1e-13);
    }
    let w = [1.0, -2.0];
    let gt = fixed_point_vjp(&x, &theta, &w, vjp_g, 1e-15, 500).unwrap();
    // u = (I − A)⁻ᵀ w by a 2×2 solve; dθ = Bᵀ u.
    let m = [[1.0 - a[0][0], -a[1][0]], [-a[0][1], 1.0 - a[1][1]]]; // (I − A)ᵀ
    let det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    let u = [
        (m[1][1] * w[0] - m[0][1] * w[1]) / det,
        (m[0][0] * w[1] - m[1][0] * w[0]) / det,
    ];
    for j in 0..3 {
        let exact: f64 = (0..2).map(|i| b[i][j] * u[i]).sum();
        assert!((gt[j] - exact).abs() < 1e-13, "{gt:?}");
    }
}

/// x_i = 0.5 tanh(x_{i+1}) + θ_i x_i / 4 + θ_{i+1}²/2 (cyclic): a nonlinear fixed point; the
/// implicit gradient of Σ x_i matches finite differences of the solve.
#[test]
fn nonlinear_fixed_point_matches_finite_differences() {
    let n = 5;
    let g = move |x: &[f64], th: &[f64]| -> Vec<f64> {
        (0..n)
            .map(|i| {
                let j = (i + 1) % n;
                0.5 * x[j].tanh() + th[i] * x[i] / 4.0 + th[j] * th[j] / 2.0
            })
            .collect()
    };
    let vjp_g = move |x: &[f64], th: &[f64], u: &[f64]| -> (Vec<f64>, Vec<f64>) {
        let (mut ux, mut ut) = (vec![0.0; n], vec![0.0; n]);
        for i in 0..n {
            let j = (i + 1) % n;
            ux[j] += 0.5 * (1.0 - x[j].tanh().powi(2)) * u[i];
            ux[i] += th[i] / 4.0 * u[i];
            ut[i] += x[i] / 4.0 * u[i];
            ut[j] += th[j] * u[i];
        }
        (ux, ut)
    };
    let theta = [0.3, -0.5, 0.9, 0.1, -0.2];
    let solve = |th: &[f64]| fixed_point(g, &vec![0.0; n], th, 1e-15, 1000).unwrap();
    let x = solve(&theta);
    let w = vec![1.0; n];
    let gt = fixed_point_vjp(&x, &theta, &w, vjp_g, 1e-15, 1000).unwrap();
    for k in 0..n {
        let (mut p, mut m) = (theta, theta);
        p[k] += 1e-6;
        m[k] -= 1e-6;
        let fd = (solve(&p).iter().sum::<f64>() - solve(&m).iter().sum::<f64>()) / 2e-6;
        assert!(
            (gt[k] - fd).abs() < 1e-8,
            "θ[{k}]: implicit {} vs fd {fd}",
            gt[k]
        );
    }
}

/// Generic over `Real`: the forward solve over dual numbers gives the tangent of x*, which
/// must agree with the implicit reverse gradient (dot-product test).
#[test]
fn generic_over_dual_numbers() {
    let g = |x: &[Dual<f64>], th: &[Dual<f64>]| -> Vec<Dual<f64>> {
        vec![
            Float::cos(x[1] + th[0]) * Dual::constant(0.4),
            Float::sin(x[0] * th[1]) * Dual::constant(0.3) + th[0],
        ]
    };
    let theta = [Dual::new(0.7, 1.0), Dual::new(-0.4, 0.0)];
    let x = fixed_point(
        g,
        &[Dual::constant(0.0); 2],
        &theta,
        Dual::constant(1e-15),
        500,
    )
    .unwrap();
    // dx*/dθ_0 from forward mode; d(x*_0 + x*_1)/dθ_0 from the implicit VJP.
    let forward = x[0].eps + x[1].eps;
    let xv: Vec<f64> = x.iter().map(|d| d.re).collect();
    let tv = [0.7, -0.4];
    let vjp_g = |x: &[f64], th: &[f64], u: &[f64]| -> (Vec<f64>, Vec<f64>) {
        let s0 = -0.4 * (x[1] + th[0]).sin();
        let c1 = 0.3 * (x[0] * th[1]).cos();
        (
            vec![c1 * th[1] * u[1], s0 * u[0]],
            vec![s0 * u[0] + u[1], c1 * x[0] * u[1]],
        )
    };
    let gt = fixed_point_vjp(&xv, &tv, &[1.0, 1.0], vjp_g, 1e-15, 500).unwrap();
    assert!((gt[0] - forward).abs() < 1e-12, "{} vs {forward}", gt[0]);
}

#[test]
fn non_convergence_is_an_error() {
    // x = 2x + θ diverges.
    let err = fixed_point(
        |x: &[f64], th: &[f64]| vec![2.0 * x[0] + th[0]],
        &[1.0],
        &[1.0],
        1e-12,
        20,
    )
    .unwrap_err();
    assert_eq!(err.iterations, 20);
    assert_eq!(err.what, "fixed-point");
    let text = err.to_string();
    assert!(
        text.starts_with("fixed-point iteration did not converge in 20 iterations (residual "),
        "{text}"
    );

    // The adjoint of a map whose Jacobian has spectral radius > 1.
    let err: ImplicitError = fixed_point_vjp(
        &[0.0],
        &[0.0],
        &[1.0],
        |_: &[f64], _: &[f64], u: &[f64]| (vec![1.5 * u[0]], vec![u[0]]),
        1e-12,
        30,
    )
    .unwrap_err();
    assert_eq!(err.iterations, 30);
    assert!(err.residual > 1.0);
    assert!(err
        .to_string()
        .starts_with("adjoint fixed-point iteration did not converge in 30 iterations"));

    // NaN stops at once.
    let err = fixed_point(
        |_: &[f64], _: &[f64]| vec![f64::NAN],
        &[0.0],
        &[],
        1e-12,
        100,
    )
    .unwrap_err();
    assert_eq!(err.iterations, 1);
    assert!(err.residual.is_nan());
    assert!(err.to_string().contains("(residual NaN)"));
}

/// A diverging iteration is an error, not `Ok` with infinities (`inf <= tol * inf`).
#[test]
fn diverging_iterations_are_errors() {
    use oxidiff_core::implicit::{fixed_point, fixed_point_vjp};
    let r = fixed_point(
        |x: &[f64], _: &[f64]| x.iter().map(|v| 2.0 * v + 1.0).collect(),
        &[0.0; 2],
        &[],
        1e-15,
        5000,
    );
    assert!(r.is_err(), "{r:?}");
    let r = fixed_point_vjp(
        &[0.0; 2],
        &[1.0],
        &[1.0, 1.0],
        |_: &[f64], _: &[f64], u: &[f64]| (u.iter().map(|v| 2.0 * v).collect(), vec![u[0]]),
        1e-15,
        5000,
    );
    assert!(r.is_err(), "{r:?}");
}
