//! Shared helpers for the scalar test suite: central finite differences, the dot-product test
//! linking forward and reverse mode, and assertions whose messages say which function, point
//! and component failed.
//!
//! A differentiated function is wrapped in an [`Ad`]: three closures over slices (primal,
//! forward, reverse) so that every check works for any number of active inputs and outputs.
//! The [`ad!`] macro builds one for a function whose parameters are all active floats; functions
//! with inactive parameters build theirs with [`Ad::new`].

#![allow(dead_code, unused_macros)]

/// Default finite-difference step (central differences in f64: truncation error ~h²·f''' ≈ 1e-12,
/// rounding error ~ε·|f|/h ≈ 1e-10).
pub const H: f64 = 1e-6;
/// Default tolerance of reverse mode against finite differences (relative, see [`close`]).
pub const FD_TOL: f64 = 1e-6;
/// Default tolerance of the dot-product test (relative to the sum of the terms' magnitudes).
pub const DOT_TOL: f64 = 1e-12;

/// `|got - want| <= tol * max(1, |want|)`; equal infinities and two NaNs also count as close.
pub fn close(got: f64, want: f64, tol: f64) -> bool {
    if got.is_nan() || want.is_nan() {
        return got.is_nan() && want.is_nan();
    }
    if got.is_infinite() || want.is_infinite() {
        return got == want;
    }
    (got - want).abs() <= tol * want.abs().max(1.0)
}

/// Asserts [`close`], naming what was compared.
#[track_caller]
pub fn assert_close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        close(got, want, tol),
        "{what}: got {got:e}, expected {want:e} (difference {:e}, tolerance {tol:e} relative)",
        (got - want).abs()
    );
}

/// Asserts two slices are elementwise [`close`].
#[track_caller]
pub fn assert_all_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(
        got.len(),
        want.len(),
        "{what}: length {} vs {}",
        got.len(),
        want.len()
    );
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            close(g, w, tol),
            "{what}[{i}]: got {g:e}, expected {w:e} (difference {:e}, tolerance {tol:e} relative)\n  got  {got:?}\n  want {want:?}",
            (g - w).abs()
        );
    }
}

/// Exact equality (bitwise for NaN-free values; NaN equals NaN), for conventions and primal values.
#[track_caller]
pub fn assert_exact(what: &str, got: f64, want: f64) {
    let same = (got.is_nan() && want.is_nan()) || got == want;
    assert!(same, "{what}: got {got:?}, expected exactly {want:?}");
}

/// Central difference of a scalar function.
pub fn fd1(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}

/// Central-difference gradient of a scalar function of a slice, with step [`H`].
pub fn fd_grad(f: &dyn Fn(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    (0..x.len())
        .map(|i| {
            let (mut p, mut m) = (x.to_vec(), x.to_vec());
            p[i] += H;
            m[i] -= H;
            (f(&p) - f(&m)) / (2.0 * H)
        })
        .collect()
}

/// Central-difference Jacobian: `jac[j][i] = d out_j / d x_i`.
pub fn fd_jacobian(f: &dyn Fn(&[f64]) -> Vec<f64>, x: &[f64], h: f64) -> Vec<Vec<f64>> {
    let n_out = f(x).len();
    let mut jac = vec![vec![0.0; x.len()]; n_out];
    for i in 0..x.len() {
        let mut xp = x.to_vec();
        let mut xm = x.to_vec();
        xp[i] += h;
        xm[i] -= h;
        let (fp, fm) = (f(&xp), f(&xm));
        for j in 0..n_out {
            jac[j][i] = (fp[j] - fm[j]) / (2.0 * h);
        }
    }
    jac
}

/// A small deterministic generator (SplitMix64) for the dot-product test's random directions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }
    pub fn vec(&mut self, n: usize) -> Vec<f64> {
        (0..n).map(|_| self.uniform()).collect()
    }
}

/// A scalar value or tuple of scalars, flattened to a vector (results, tangents, cotangents).
pub trait Flat {
    fn flat(self) -> Vec<f64>;
}
/// The inverse of [`Flat`]: builds a value or tuple from a slice (cotangents fed to pullbacks).
pub trait Unflat {
    fn unflat(v: &[f64]) -> Self;
}

impl Flat for f64 {
    fn flat(self) -> Vec<f64> {
        vec![self]
    }
}
impl Unflat for f64 {
    fn unflat(v: &[f64]) -> f64 {
        assert_eq!(v.len(), 1);
        v[0]
    }
}
impl Flat for (f64, f64) {
    fn flat(self) -> Vec<f64> {
        vec![self.0, self.1]
    }
}
impl Unflat for (f64, f64) {
    fn unflat(v: &[f64]) -> Self {
        assert_eq!(v.len(), 2);
        (v[0], v[1])
    }
}
impl Flat for (f64, f64, f64) {
    fn flat(self) -> Vec<f64> {
        vec![self.0, self.1, self.2]
    }
}
impl Unflat for (f64, f64, f64) {
    fn unflat(v: &[f64]) -> Self {
        assert_eq!(v.len(), 3);
        (v[0], v[1], v[2])
    }
}
impl Flat for (f64, f64, f64, f64) {
    fn flat(self) -> Vec<f64> {
        vec![self.0, self.1, self.2, self.3]
    }
}

type Primal<'a> = Box<dyn Fn(&[f64]) -> Vec<f64> + 'a>;
/// `(point, tangent or cotangent) -> (primal value, output tangent or input cotangent)`.
type Mode<'a> = Box<dyn Fn(&[f64], &[f64]) -> (Vec<f64>, Vec<f64>) + 'a>;

/// A differentiated function seen through slices: `f(x)`, `jvp(x, v)`, `vjp(x, w)` over its
/// active inputs `x`.
pub struct Ad<'a> {
    pub name: &'static str,
    pub f: Primal<'a>,
    pub jvp: Mode<'a>,
    pub vjp: Mode<'a>,
}

impl<'a> Ad<'a> {
    pub fn new(
        name: &'static str,
        f: impl Fn(&[f64]) -> Vec<f64> + 'a,
        jvp: impl Fn(&[f64], &[f64]) -> (Vec<f64>, Vec<f64>) + 'a,
        vjp: impl Fn(&[f64], &[f64]) -> (Vec<f64>, Vec<f64>) + 'a,
    ) -> Ad<'a> {
        Ad {
            name,
            f: Box::new(f),
            jvp: Box::new(jvp),
            vjp: Box::new(vjp),
        }
    }

    /// The gradient (pullback of 1) of a scalar function.
    pub fn grad(&self, x: &[f64]) -> Vec<f64> {
        (self.vjp)(x, &[1.0]).1
    }

    /// The directional derivative of a scalar function along `v`.
    pub fn jvp1(&self, x: &[f64], v: &[f64]) -> f64 {
        let t = (self.jvp)(x, v).1;
        assert_eq!(t.len(), 1, "{}: not a scalar function", self.name);
        t[0]
    }

    /// The primal values returned by forward and reverse mode equal the function's own value
    /// exactly (same operations in the same order).
    #[track_caller]
    pub fn check_values(&self, points: &[&[f64]]) {
        for x in points {
            let y = (self.f)(x);
            let zeros = vec![0.0; x.len()];
            let (yf, _) = (self.jvp)(x, &zeros);
            let (yr, _) = (self.vjp)(x, &vec![1.0; y.len()]);
            for j in 0..y.len() {
                assert_exact(
                    &format!("{} at {x:?}: jvp value[{j}]", self.name),
                    yf[j],
                    y[j],
                );
                assert_exact(
                    &format!("{} at {x:?}: vjp value[{j}]", self.name),
                    yr[j],
                    y[j],
                );
            }
        }
    }

    /// Reverse mode against central finite differences: every row of the Jacobian (the pullback
    /// of each unit cotangent) at every point, with step `h` and tolerance `tol` (see [`close`]).
    #[track_caller]
    pub fn check_fd(&self, points: &[&[f64]], h: f64, tol: f64) {
        for x in points {
            let jac = fd_jacobian(&*self.f, x, h);
            let n_out = jac.len();
            for (j, row) in jac.iter().enumerate() {
                let mut w = vec![0.0; n_out];
                w[j] = 1.0;
                let (_, g) = (self.vjp)(x, &w);
                assert_all_close(
                    &format!(
                        "{}: reverse d(out {j})/dx vs finite differences (h={h:e}) at {x:?}",
                        self.name
                    ),
                    &g,
                    row,
                    tol,
                );
            }
        }
    }

    /// The dot-product test `<jvp(v), w> == <v, vjp(w)>` with random `v`, `w` (seeded), three
    /// draws per point; tolerance relative to the sum of the magnitudes of the terms (plus an
    /// absolute floor of 16 ulps of `|v|₁·|w|₁`).
    #[track_caller]
    pub fn check_dot(&self, points: &[&[f64]], tol: f64) {
        let mut rng = Rng::new(0x5EED ^ self.name.len() as u64);
        for x in points {
            let n_out = (self.f)(x).len();
            for _ in 0..3 {
                let v = rng.vec(x.len());
                let w = rng.vec(n_out);
                let (_, jv) = (self.jvp)(x, &v);
                let (_, vw) = (self.vjp)(x, &w);
                let lhs_terms: Vec<f64> = jv.iter().zip(&w).map(|(a, b)| a * b).collect();
                let rhs_terms: Vec<f64> = v.iter().zip(&vw).map(|(a, b)| a * b).collect();
                let lhs: f64 = lhs_terms.iter().sum();
                let rhs: f64 = rhs_terms.iter().sum();
                // Relative to the terms' magnitudes, with a floor of a few ulps of |v|·|w| for
                // derivatives that cancel to (nearly) zero.
                let norm1 = |u: &[f64]| u.iter().map(|t| t.abs()).sum::<f64>();
                let scale: f64 = lhs_terms
                    .iter()
                    .chain(&rhs_terms)
                    .map(|t| t.abs())
                    .sum::<f64>()
                    + 16.0 * f64::EPSILON / tol * norm1(&v) * norm1(&w);
                assert!(
                    lhs.is_finite() && rhs.is_finite(),
                    "{} at {x:?}: non-finite dot-product test terms <jvp(v), w> = {lhs:e}, <v, vjp(w)> = {rhs:e}",
                    self.name
                );
                assert!(
                    (lhs - rhs).abs() <= tol * scale.max(f64::MIN_POSITIVE),
                    "{} at {x:?}: dot-product test failed: <jvp(v), w> = {lhs:e} but <v, vjp(w)> = {rhs:e} \
                     (difference {:e}, tolerance {tol:e} of {scale:e})\n  v = {v:?}\n  w = {w:?}\n  jvp(v) = {jv:?}\n  vjp(w) = {vw:?}",
                    self.name,
                    (lhs - rhs).abs()
                );
            }
        }
    }

    /// Values, finite differences and the dot-product test with the default tolerances.
    #[track_caller]
    pub fn check(&self, points: &[&[f64]]) {
        self.check_values(points);
        self.check_fd(points, H, FD_TOL);
        self.check_dot(points, DOT_TOL);
    }
}

/// `ad!(f, f_jvp, f_vjp, [x, y])`: an [`Ad`] for a function whose parameters (named only for
/// the macro) are all active `f64`s, with a scalar or tuple result.
macro_rules! ad {
    ($f:path, $jvp:path, $vjp:path, [$($x:ident),+ $(,)?]) => {
        $crate::common::Ad::new(
            stringify!($f),
            |p: &[f64]| {
                let mut it = p.iter().copied();
                $(let $x = it.next().expect("too few inputs");)+
                $crate::common::Flat::flat($f($($x),+))
            },
            |p: &[f64], t: &[f64]| {
                let mut it = p.iter().copied();
                $(let $x = it.next().expect("too few inputs");)+
                let mut dt = t.iter().copied();
                let (y, dy) = $jvp($($x),+, $({ let _ = stringify!($x); dt.next().expect("too few tangents") }),+);
                ($crate::common::Flat::flat(y), $crate::common::Flat::flat(dy))
            },
            |p: &[f64], w: &[f64]| {
                let mut it = p.iter().copied();
                $(let $x = it.next().expect("too few inputs");)+
                let (y, pb) = $vjp($($x),+);
                let c = pb($crate::common::Unflat::unflat(w));
                ($crate::common::Flat::flat(y), $crate::common::Flat::flat(c))
            },
        )
    };
}
