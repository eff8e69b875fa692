//! The primitives the macro differentiates, one table.
//!
//! Each primitive is a float method (`x.sin()`, `a.max(b)`) whose derivative is a function of
//! the same name in `oxidiff_core::rules`; the table says how many float operands it takes, which
//! operands are integers (`powi`'s exponent), and which values its rule reads, so that reverse
//! mode saves only those. Forward mode multiplies the rule's partials by tangents, reverse mode by
//! the output's cotangent: one table serves both. Piecewise-constant methods (`floor`, `ceil`,
//! `round`, `trunc`, `signum`) are not here: their derivative is zero, so the parser treats their
//! results as constants.

/// A float operation with a derivative rule.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Prim {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Exp,
    Exp2,
    ExpM1,
    Ln,
    Log2,
    Log10,
    Ln1p,
    Sqrt,
    Cbrt,
    Abs,
    Fract,
    Recip,
    ToDegrees,
    ToRadians,
    Atan2,
    Powf,
    Hypot,
    Log,
    Max,
    Min,
    Powi,
    MulAdd,
    Clamp,
}

/// How a primitive is called and what its rule reads.
pub struct Rule {
    /// The method name in user code and the rule's name in `oxidiff_core::rules`.
    pub name: &'static str,
    /// Number of operands, receiver included.
    pub arity: usize,
    /// Operand index that is an integer (no derivative, always passed through), if any.
    pub int_arg: Option<usize>,
    /// Which of the rule's inputs (the operands in order, then the primal result) it reads.
    pub reads: &'static [bool],
}

const X: &[bool] = &[true, false];
const Y: &[bool] = &[false, true];
const NONE1: &[bool] = &[false, false];

pub fn rule(p: Prim) -> Rule {
    use Prim::*;
    let r = |name, arity, int_arg, reads| Rule {
        name,
        arity,
        int_arg,
        reads,
    };
    match p {
        Sin => r("sin", 1, None, X),
        Cos => r("cos", 1, None, X),
        Tan => r("tan", 1, None, Y),
        Asin => r("asin", 1, None, X),
        Acos => r("acos", 1, None, X),
        Atan => r("atan", 1, None, X),
        Sinh => r("sinh", 1, None, X),
        Cosh => r("cosh", 1, None, X),
        Tanh => r("tanh", 1, None, Y),
        Asinh => r("asinh", 1, None, X),
        Acosh => r("acosh", 1, None, X),
        Atanh => r("atanh", 1, None, X),
        Exp => r("exp", 1, None, Y),
        Exp2 => r("exp2", 1, None, Y),
        ExpM1 => r("exp_m1", 1, None, Y),
        Ln => r("ln", 1, None, X),
        Log2 => r("log2", 1, None, X),
        Log10 => r("log10", 1, None, X),
        Ln1p => r("ln_1p", 1, None, X),
        Sqrt => r("sqrt", 1, None, Y),
        Cbrt => r("cbrt", 1, None, Y),
        Abs => r("abs", 1, None, X),
        Fract => r("fract", 1, None, NONE1),
        Recip => r("recip", 1, None, Y),
        ToDegrees => r("to_degrees", 1, None, NONE1),
        ToRadians => r("to_radians", 1, None, NONE1),
        Atan2 => r("atan2", 2, None, &[true, true, false]),
        Powf => r("powf", 2, None, &[true, true, true]),
        Hypot => r("hypot", 2, None, &[true, true, true]),
        Log => r("log", 2, None, &[true, true, true]),
        Max => r("max", 2, None, &[true, true, false]),
        Min => r("min", 2, None, &[true, true, false]),
        Powi => r("powi", 2, Some(1), &[true, true, false]),
        MulAdd => r("mul_add", 3, None, &[true, true, false, false]),
        Clamp => r("clamp", 3, None, &[true, true, true, false]),
    }
}

/// The primitive a float method name denotes.
pub fn by_name(name: &str) -> Option<Prim> {
    use Prim::*;
    Some(match name {
        "sin" => Sin,
        "cos" => Cos,
        "tan" => Tan,
        "asin" => Asin,
        "acos" => Acos,
        "atan" => Atan,
        "sinh" => Sinh,
        "cosh" => Cosh,
        "tanh" => Tanh,
        "asinh" => Asinh,
        "acosh" => Acosh,
        "atanh" => Atanh,
        "exp" => Exp,
        "exp2" => Exp2,
        "exp_m1" => ExpM1,
        "ln" => Ln,
        "log2" => Log2,
        "log10" => Log10,
        "ln_1p" => Ln1p,
        "sqrt" => Sqrt,
        "cbrt" => Cbrt,
        "abs" => Abs,
        "fract" => Fract,
        "recip" => Recip,
        "to_degrees" => ToDegrees,
        "to_radians" => ToRadians,
        "atan2" => Atan2,
        "powf" => Powf,
        "hypot" => Hypot,
        "log" => Log,
        "max" => Max,
        "min" => Min,
        "powi" => Powi,
        "mul_add" => MulAdd,
        "clamp" => Clamp,
        _ => return None,
    })
}

/// Float methods whose derivative is zero everywhere it exists: their results are constants.
pub fn is_piecewise_constant(name: &str) -> bool {
    matches!(
        name,
        "floor" | "ceil" | "round" | "trunc" | "signum" | "round_ties_even"
    )
}

/// Float methods returning something that is not a float (`is_nan`, `to_bits`, ...): inactive.
pub fn is_non_float_query(name: &str) -> bool {
    matches!(
        name,
        "is_nan"
            | "is_infinite"
            | "is_finite"
            | "is_normal"
            | "is_subnormal"
            | "is_sign_positive"
            | "is_sign_negative"
            | "classify"
            | "to_bits"
            | "total_cmp"
            | "partial_cmp"
            | "eq"
            | "ne"
            | "lt"
            | "le"
            | "gt"
            | "ge"
            | "to_string"
            | "value_f64"
    )
}
