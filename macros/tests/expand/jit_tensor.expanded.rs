#[doc(hidden)]
#[allow(dead_code, non_snake_case)]
fn __oxidiff_uses_damped() {
    #[allow(unused_imports)]
    use differentiable as _;
}
#[doc(hidden)]
#[allow(clippy::all, unused_mut, unused_variables, unused_assignments, non_snake_case)]
fn __oxidiff_body_damped(x: &Tensor, k: &Tensor, steps: usize) -> Result<Tensor> {
    let mut y = x.clone();
    {
        #[allow(unused_variables)]
        let __oxidiff_o = ::oxidiff::__private::xla::jit::fori(
            0,
            steps,
            (::core::clone::Clone::clone(&y),),
            |
                #[allow(unused_variables)]
                _: ::oxidiff::__private::xla::tensor::Tensor,
                #[allow(unused_mut)]
                (mut y,),
            | -> ::oxidiff::__private::xla::Result<_> {
                {
                    y = &y.sin()? * k;
                }
                ::core::result::Result::Ok((y,))
            },
        )?;
        y = __oxidiff_o.0;
    }
    let zero = Tensor::scalar(0.0f32)?;
    {
        let __oxidiff_o = ::oxidiff::__private::xla::jit::cond(
            y.sum(&[0])?.greater(&zero)?,
            || -> ::oxidiff::__private::xla::Result<_> {
                #[allow(unused_mut)]
                let mut y = ::core::clone::Clone::clone(&y);
                let __oxidiff_r = {
                    y = &y * 2.0;
                };
                ::core::result::Result::Ok((y, __oxidiff_r))
            },
            || -> ::oxidiff::__private::xla::Result<_> {
                #[allow(unused_mut)]
                let mut y = ::core::clone::Clone::clone(&y);
                let __oxidiff_r = {};
                ::core::result::Result::Ok((y, __oxidiff_r))
            },
        )?;
        y = __oxidiff_o.0;
        __oxidiff_o.1
    }
    y.sum(&[0])
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
static __OXIDIFF_CACHE_damped: ::oxidiff::__private::xla::jit::JitCache = ::oxidiff::__private::xla::jit::JitCache::new(
    "damped",
);
#[doc(hidden)]
#[allow(clippy::too_many_arguments)]
fn __oxidiff_args_damped(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
) -> ::oxidiff::__private::xla::jit::Args {
    let mut __a = ::oxidiff::__private::xla::jit::Args::new(
        ::core::option::Option::None,
    );
    __a.tree(x, true);
    __a.tree(k, false);
    __a.static_arg(&steps);
    __a
}
#[doc(hidden)]
#[allow(clippy::too_many_arguments)]
fn __oxidiff_trace_damped(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
    __ts: &[::oxidiff::__private::xla::tensor::Tensor],
) -> ::core::result::Result<Tensor, ::oxidiff::__private::xla::Error> {
    let mut __it = __ts.iter().cloned();
    let __t_x = ::oxidiff::__private::xla::jit::TensorTree::rebuild(x, &mut __it)?;
    let __t_k = ::oxidiff::__private::xla::jit::TensorTree::rebuild(k, &mut __it)?;
    __oxidiff_body_damped(&__t_x, &__t_k, ::core::clone::Clone::clone(&steps))
}
///The IR of `damped` for these arguments (what `jax.make_jaxpr` shows).
#[allow(clippy::too_many_arguments)]
fn damped_ir(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
) -> ::core::result::Result<::std::string::String, ::oxidiff::__private::xla::Error> {
    __OXIDIFF_CACHE_damped
        .ir_of(
            &__oxidiff_args_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
            ),
            false,
            ::core::option::Option::None,
            &|__ts: &[::oxidiff::__private::xla::tensor::Tensor]| __oxidiff_trace_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
                __ts,
            ),
        )
}
///The StableHLO text `damped` compiles to for these arguments.
#[allow(clippy::too_many_arguments)]
fn damped_mlir(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
) -> ::core::result::Result<::std::string::String, ::oxidiff::__private::xla::Error> {
    __OXIDIFF_CACHE_damped
        .mlir_of(
            &__oxidiff_args_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
            ),
            &|__ts: &[::oxidiff::__private::xla::tensor::Tensor]| __oxidiff_trace_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
                __ts,
            ),
        )
}
///Compile-cache hits and misses of `damped` and its derivatives.
fn damped_cache_stats() -> ::oxidiff::__private::xla::jit::CacheStats {
    __OXIDIFF_CACHE_damped.stats()
}
#[allow(clippy::too_many_arguments)]
fn damped(x: &Tensor, k: &Tensor, steps: usize) -> Result<Tensor> {
    if ::oxidiff::__private::xla::jit::tracing() {
        return __oxidiff_body_damped(x, k, steps);
    }
    __OXIDIFF_CACHE_damped
        .primal(
            &__oxidiff_args_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
            ),
            &|__ts: &[::oxidiff::__private::xla::tensor::Tensor]| __oxidiff_trace_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
                __ts,
            ),
        )
}
///`damped` and its gradient with respect to its differentiated arguments (one compiled executable; the result's first leaf is the loss, further leaves are auxiliary outputs).
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn damped_value_and_grad(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
) -> ::core::result::Result<(Tensor, Tensor), ::oxidiff::__private::xla::Error> {
    let (__v, mut __g) = __OXIDIFF_CACHE_damped
        .value_and_grad(
            &__oxidiff_args_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
            ),
            ::core::option::Option::None,
            &|__ts: &[::oxidiff::__private::xla::tensor::Tensor]| __oxidiff_trace_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
                __ts,
            ),
        )?;
    ::core::result::Result::Ok((__v, __g.next_like(x)?))
}
///The gradient of `damped` (its first result leaf) with respect to its differentiated arguments.
#[allow(clippy::too_many_arguments)]
fn damped_grad(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
) -> ::core::result::Result<Tensor, ::oxidiff::__private::xla::Error> {
    ::core::result::Result::Ok(damped_value_and_grad(x, k, steps)?.1)
}
///The IR of `damped_value_and_grad` for these arguments (`jax.make_jaxpr(jax.value_and_grad(f))`).
#[allow(clippy::too_many_arguments)]
fn damped_grad_ir(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
) -> ::core::result::Result<::std::string::String, ::oxidiff::__private::xla::Error> {
    __OXIDIFF_CACHE_damped
        .ir_of(
            &__oxidiff_args_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
            ),
            true,
            ::core::option::Option::None,
            &|__ts: &[::oxidiff::__private::xla::tensor::Tensor]| __oxidiff_trace_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
                __ts,
            ),
        )
}
///`damped`'s value and its directional derivative along the tangents (one per differentiated argument, after the arguments).
#[allow(clippy::too_many_arguments)]
fn damped_jvp(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
    dx: &Tensor,
) -> ::core::result::Result<(Tensor, Tensor), ::oxidiff::__private::xla::Error> {
    __OXIDIFF_CACHE_damped
        .jvp(
            &__oxidiff_args_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
            ),
            &[::oxidiff::__private::xla::jit::TensorTree::leaves(dx)],
            &|__ts: &[::oxidiff::__private::xla::tensor::Tensor]| __oxidiff_trace_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
                __ts,
            ),
        )
}
///Hessian-vector product of `damped` (forward over reverse): the tangent of the gradient along the given tangents.
#[allow(clippy::too_many_arguments)]
fn damped_hvp(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
    dx: &Tensor,
) -> ::core::result::Result<Tensor, ::oxidiff::__private::xla::Error> {
    let mut __g = __OXIDIFF_CACHE_damped
        .hvp::<
            Tensor,
        >(
            &__oxidiff_args_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
            ),
            ::core::option::Option::None,
            &[::oxidiff::__private::xla::jit::TensorTree::leaves(dx)],
            &|__ts: &[::oxidiff::__private::xla::tensor::Tensor]| __oxidiff_trace_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
                __ts,
            ),
        )?;
    ::core::result::Result::Ok(__g.next_like(x)?)
}
///`damped`'s value and its pullback: cotangent of the result → cotangents of the differentiated arguments.
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn damped_vjp(
    x: &Tensor,
    k: &Tensor,
    steps: usize,
) -> ::core::result::Result<
    (
        Tensor,
        impl ::core::ops::FnOnce(
            Tensor,
        ) -> ::core::result::Result<Tensor, ::oxidiff::__private::xla::Error>,
    ),
    ::oxidiff::__private::xla::Error,
> {
    let (__v, __pb) = __OXIDIFF_CACHE_damped
        .vjp(
            __oxidiff_args_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
            ),
            ::core::option::Option::None,
            &|__ts: &[::oxidiff::__private::xla::tensor::Tensor]| __oxidiff_trace_damped(
                ::core::clone::Clone::clone(&x),
                ::core::clone::Clone::clone(&k),
                ::core::clone::Clone::clone(&steps),
                __ts,
            ),
        )?;
    let __tmpl0 = ::core::clone::Clone::clone(x);
    ::core::result::Result::Ok((
        __v,
        move |
            __ct: Tensor,
        | -> ::core::result::Result<Tensor, ::oxidiff::__private::xla::Error> {
            let mut __g = __pb.call(&__ct)?;
            ::core::result::Result::Ok(__g.next_like(&__tmpl0)?)
        },
    ))
}
