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
    t.compile_fail("tests/ui/arrays/*.rs");
    t.compile_fail("tests/ui/jit/*.rs");
    t.compile_fail("tests/ui/vmap/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
