//! Compile-fail tests for the errors of `#[differentiable]`, `#[custom_vjp]` and `#[custom_jvp]`
//! (each `.stderr` is the expected output; regenerate with `TRYBUILD=overwrite cargo test --test ui`),
//! and code that must compile warning-free under `#![deny(warnings)]` and run.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/signature/*.rs");
    t.compile_fail("tests/ui/attr/*.rs");
    t.compile_fail("tests/ui/unsupported/*.rs");
    t.compile_fail("tests/ui/calls/*.rs");
    t.pass("tests/ui/pass/*.rs");
}

/// Known bugs of the macro, kept as tests to turn on once fixed (`cargo test --test ui --
/// --ignored`): `accepted/` compiles today with a silently wrong derivative and must become a
/// compile error (add its `.stderr`); `rejected/` is valid code that fails to compile today.
#[test]
#[ignore = "known bugs of #[differentiable]; see tests/ui/known_bugs"]
fn ui_known_bugs() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/known_bugs/accepted/*.rs");
    t.pass("tests/ui/known_bugs/rejected/*.rs");
}
