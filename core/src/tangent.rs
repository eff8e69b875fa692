/// The tangent (and cotangent) space of a value: what a JVP carries beside it and what a
/// pullback returns for it. Floats are their own tangent space; integers, booleans and other
/// discrete values have the trivial space `()`.
pub trait Tangent {
    /// The type of tangents and cotangents of `Self`.
    type Tangent;
    /// The zero tangent at this value.
    fn zero_tangent(&self) -> Self::Tangent;
    /// `acc += c` in the tangent space.
    fn add_assign_tangent(acc: &mut Self::Tangent, c: Self::Tangent);
}

macro_rules! float_tangent {
    ($($t:ty),*) => {$(
        impl Tangent for $t {
            type Tangent = $t;
            #[inline(always)]
            fn zero_tangent(&self) -> $t { 0.0 }
            #[inline(always)]
            fn add_assign_tangent(acc: &mut $t, c: $t) { *acc += c }
        }
    )*};
}
float_tangent!(f32, f64);

macro_rules! discrete_tangent {
    ($($t:ty),*) => {$(
        impl Tangent for $t {
            type Tangent = ();
            #[inline(always)]
            fn zero_tangent(&self) {}
            #[inline(always)]
            fn add_assign_tangent(_: &mut (), _: ()) {}
        }
    )*};
}
discrete_tangent!(
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    bool,
    char,
    ()
);
