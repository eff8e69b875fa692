pub fn f(x: f64, y: f64) -> f64 {
    let a = x * y;
    a.sin() + x / y
}
#[doc(hidden)]
#[inline]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
pub fn __oxidiff_jvp_f(
    x: f64,
    y: f64,
    mut __dx: <f64 as ::oxidiff::__private::Tangent>::Tangent,
    mut __dy: <f64 as ::oxidiff::__private::Tangent>::Tangent,
) -> (f64, f64) {
    let _ = f;
    let __ret0: f64;
    let __dret0: f64;
    let __t1 = x * y;
    let __dt1 = __dx * y + x * __dy;
    let a = __t1;
    let __da = __dt1;
    let __t2 = <f64>::sin(a);
    let __p3 = ::oxidiff::__private::rules::sin(a, ::oxidiff::__private::zero::<f64>());
    let __d4 = __p3 * __da;
    let __t5 = x / y;
    let __dt5 = (__dx - __t5 * __dy) / y;
    let __t6 = __t2 + __t5;
    let __dt6 = __d4 + __dt5;
    __ret0 = __t6;
    __dret0 = __dt6;
    (__ret0, __dret0)
}
#[doc(hidden)]
#[inline]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
pub fn __oxidiff_vjp_f(
    x: f64,
    y: f64,
) -> (
    f64,
    impl ::core::ops::FnOnce(
        f64,
    ) -> (
            <f64 as ::oxidiff::__private::Tangent>::Tangent,
            <f64 as ::oxidiff::__private::Tangent>::Tangent,
        ),
) {
    let _ = f;
    let __ret0: f64;
    let __t21 = x * y;
    let a = __t21;
    let __t25 = <f64>::sin(a);
    let __t26 = x / y;
    let __t27 = __t25 + __t26;
    __ret0 = __t27;
    (
        __ret0,
        move |__ybar: f64| {
            let mut __bx: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __by: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bret0: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __ba: f64 = ::oxidiff::__private::zero::<f64>();
            __bret0 = __ybar;
            let __g28 = __bret0;
            __bret0 = ::oxidiff::__private::acc_zero::<f64>();
            let __p29 = ::oxidiff::__private::rules::sin(
                a,
                ::oxidiff::__private::zero::<f64>(),
            );
            let __g30 = __g28 * __p29;
            __ba += __g30;
            let __g31 = __g28 / y;
            __bx += __g31;
            let __g32 = -(__g31 * __t26);
            __by += __g32;
            let __g22 = __ba;
            __ba = ::oxidiff::__private::acc_zero::<f64>();
            let __g23 = __g22 * y;
            __bx += __g23;
            let __g24 = __g22 * x;
            __by += __g24;
            let __cot19 = ::oxidiff::__private::pos_zero(__bx);
            let __cot20 = ::oxidiff::__private::pos_zero(__by);
            (__cot19, __cot20)
        },
    )
}
#[doc(hidden)]
#[inline]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
pub fn __oxidiff_dvjp_f(
    __arg_x: impl ::oxidiff::__private::IntoReal<::oxidiff::__private::Dual<f64>>,
    __arg_y: impl ::oxidiff::__private::IntoReal<::oxidiff::__private::Dual<f64>>,
) -> (
    ::oxidiff::__private::Dual<f64>,
    impl ::core::ops::FnOnce(
        ::oxidiff::__private::Dual<f64>,
    ) -> (
            <::oxidiff::__private::Dual<f64> as ::oxidiff::__private::Tangent>::Tangent,
            <::oxidiff::__private::Dual<f64> as ::oxidiff::__private::Tangent>::Tangent,
        ),
) {
    let _ = f;
    let x: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::lift(__arg_x);
    let y: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::lift(__arg_y);
    let __ret0: ::oxidiff::__private::Dual<f64>;
    let __t15 = x * y;
    let a = __t15;
    let __t19 = <::oxidiff::__private::Dual<f64> as ::oxidiff::__private::Float>::sin(a);
    let __t20 = x / y;
    let __t21 = __t19 + __t20;
    __ret0 = __t21;
    (
        __ret0,
        move |__ybar: ::oxidiff::__private::Dual<f64>| {
            let mut __bx: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __by: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __bret0: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __ba: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            __bret0 = __ybar;
            let __g22 = __bret0;
            __bret0 = ::oxidiff::__private::acc_zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let __p23 = ::oxidiff::__private::rules::sin(
                a,
                ::oxidiff::__private::zero::<::oxidiff::__private::Dual<f64>>(),
            );
            let __g24 = __g22 * __p23;
            __ba += __g24;
            let __g25 = __g22 / y;
            __bx += __g25;
            let __g26 = -(__g25 * __t20);
            __by += __g26;
            let __g16 = __ba;
            __ba = ::oxidiff::__private::acc_zero::<::oxidiff::__private::Dual<f64>>();
            let __g17 = __g16 * y;
            __bx += __g17;
            let __g18 = __g16 * x;
            __by += __g18;
            let __cot13 = ::oxidiff::__private::pos_zero(__bx);
            let __cot14 = ::oxidiff::__private::pos_zero(__by);
            (__cot13, __cot14)
        },
    )
}
///Forward mode of [`f`]: its value and its directional derivative along the tangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub fn f_jvp(x: f64, y: f64, dx: f64, dy: f64) -> (f64, f64) {
    __oxidiff_jvp_f(x, y, dx, dy)
}
///Reverse mode of [`f`]: its value and the pullback, which maps a cotangent of the result to the cotangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::type_complexity)]
pub fn f_vjp(x: f64, y: f64) -> (f64, impl ::core::ops::FnOnce(f64) -> (f64, f64)) {
    let (__v, __pb) = __oxidiff_vjp_f(x, y);
    (
        __v,
        move |__g: f64| {
            let __c = __pb(__g);
            (__c.0, __c.1)
        },
    )
}
///The gradient of [`f`] with respect to its active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
pub fn f_grad(x: f64, y: f64) -> (f64, f64) {
    let (_, __pb) = f_vjp(x, y);
    __pb(::oxidiff::__private::one::<f64>())
}
///The value and gradient of [`f`] (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
pub fn f_value_and_grad(x: f64, y: f64) -> (f64, (f64, f64)) {
    let (__v, __pb) = f_vjp(x, y);
    (__v, __pb(::oxidiff::__private::one::<f64>()))
}
///The Jacobian of [`f`]: one row per result component, one column per component of the active arguments flattened in argument order; forward mode when there are fewer inputs than outputs, reverse mode otherwise (generated by `#[differentiable]`).
#[allow(non_snake_case, clippy::needless_range_loop)]
pub fn f_jacobian(x: f64, y: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_x = 1usize;
    let __n_y = 1usize;
    let __total = (0usize + __n_x + __n_y);
    let __y = f(x, y);
    let mut __row = ::std::vec::Vec::new();
    ::oxidiff::__private::Flatten::<f64>::flatten_into(&__y, &mut __row);
    let __m = __row.len();
    let mut __jac = ::std::vec![
        ::std::vec![::oxidiff::__private::zero:: < f64 > (); __total]; __m
    ];
    if __total <= __m {
        for __k in 0..__total {
            let (_, __col) = f_jvp(
                x,
                y,
                ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize)),
                ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize + __n_x)),
            );
            let mut __row = ::std::vec::Vec::with_capacity(__m);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__col, &mut __row);
            for __i in 0..__m {
                __jac[__i][__k] = __row[__i];
            }
        }
    } else {
        for __j in 0..__m {
            let (_, __pb) = f_vjp(x, y);
            let __cot = __pb(::oxidiff::__private::unit_scalar::<f64>(__j, 0));
            let mut __row = ::std::vec::Vec::with_capacity(__total);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot.0, &mut __row);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot.1, &mut __row);
            __jac[__j] = __row;
        }
    }
    __jac
}
///The Hessian of [`f`] times a vector (forward over reverse mode, no n² work), in the form of `f_grad`'s result (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub fn f_hvp(x: f64, y: f64, dx: f64, dy: f64) -> (f64, f64) {
    let (_, __pb) = __oxidiff_dvjp_f(
        ::oxidiff::__private::dual(x, dx),
        ::oxidiff::__private::dual(y, dy),
    );
    let __c = __pb(
        ::oxidiff::__private::dual(
            ::oxidiff::__private::one::<f64>(),
            ::oxidiff::__private::zero::<f64>(),
        ),
    );
    (::oxidiff::__private::eps(__c.0), ::oxidiff::__private::eps(__c.1))
}
///The Hessian of [`f`] with respect to its active arguments flattened in argument order (generated by `#[differentiable]`).
#[allow(non_snake_case)]
pub fn f_hessian(x: f64, y: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_x = 1usize;
    let __n_y = 1usize;
    let __total = (0usize + __n_x + __n_y);
    let mut __rows = ::std::vec::Vec::with_capacity(__total);
    for __k in 0..__total {
        let __h = f_hvp(
            x,
            y,
            ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize)),
            ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize + __n_x)),
        );
        let mut __row = ::std::vec::Vec::with_capacity(__total);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h.0, &mut __row);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h.1, &mut __row);
        __rows.push(__row);
    }
    __rows
}
