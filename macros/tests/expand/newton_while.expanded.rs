pub fn newton_sqrt(a: f64) -> f64 {
    let mut y = a;
    while (y * y - a).abs() > 1e-12 * a {
        y = 0.5 * (y + a / y);
    }
    y
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
pub fn __oxidiff_jvp_newton_sqrt(
    a: f64,
    mut __da: <f64 as ::oxidiff::__private::Tangent>::Tangent,
) -> (f64, f64) {
    let _ = newton_sqrt;
    let __ret0: f64;
    let __dret0: f64;
    let mut y = a;
    let mut __dy = __da;
    while (y * y - a).abs() > 1e-12 * a {
        let __t1 = a / y;
        let __dt1 = (__da - __t1 * __dy) / y;
        let __t2 = y + __t1;
        let __dt2 = __dy + __dt1;
        let __t3 = (0.5) * __t2;
        let __dt3 = (0.5) * __dt2;
        y = __t3;
        __dy = __dt3;
    }
    __ret0 = y;
    __dret0 = __dy;
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
pub fn __oxidiff_vjp_newton_sqrt(
    a: f64,
) -> (
    f64,
    impl ::core::ops::FnOnce(f64) -> (<f64 as ::oxidiff::__private::Tangent>::Tangent,),
) {
    let _ = newton_sqrt;
    let __ret0: f64;
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape1 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut y = a;
    __ctrl.push(0u32);
    let mut __trips19: usize = 0;
    while (y * y - a).abs() > 1e-12 * a {
        let __t20 = y;
        let __t21 = a / __t20;
        let __t22 = __t20 + __t21;
        let __t23 = (0.5) * __t22;
        y = __t23;
        __tape1.push((__t20, __t21));
        __trips19 += 1;
    }
    __tape2.push((__trips19,));
    __ctrl.push(2u32);
    let __t29 = y;
    __ret0 = __t29;
    __ctrl.push(3u32);
    (
        __ret0,
        move |__ybar: f64| {
            let mut __ba: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bret0: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __by: f64 = ::oxidiff::__private::zero::<f64>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        let __g18 = __by;
                        __by = ::oxidiff::__private::acc_zero::<f64>();
                        __ba += __g18;
                    }
                    2u32 => {
                        let (__n28,) = __tape2.pop();
                        for _ in 0..__n28 {
                            let (__t20, __t21) = __tape1.pop();
                            let __g24 = __by;
                            __by = ::oxidiff::__private::acc_zero::<f64>();
                            let __g25 = __g24 * (0.5);
                            __by += __g25;
                            let __g26 = __g25 / __t20;
                            __ba += __g26;
                            let __g27 = -(__g26 * __t21);
                            __by += __g27;
                        }
                    }
                    3u32 => {
                        let __g30 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __by += __g30;
                    }
                    _ => {}
                }
            }
            let __cot17 = ::oxidiff::__private::pos_zero(__ba);
            (__cot17,)
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
pub fn __oxidiff_dvjp_newton_sqrt(
    __arg_a: impl ::oxidiff::__private::IntoReal<::oxidiff::__private::Dual<f64>>,
) -> (
    ::oxidiff::__private::Dual<f64>,
    impl ::core::ops::FnOnce(
        ::oxidiff::__private::Dual<f64>,
    ) -> (<::oxidiff::__private::Dual<f64> as ::oxidiff::__private::Tangent>::Tangent,),
) {
    let _ = newton_sqrt;
    let a: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::lift(__arg_a);
    let __ret0: ::oxidiff::__private::Dual<f64>;
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape1 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut y = a;
    __ctrl.push(0u32);
    let mut __trips16: usize = 0;
    while {
        let y = ::oxidiff::__private::primal(y);
        let a = ::oxidiff::__private::primal(a);
        (y * y - a).abs() > 1e-12 * a
    } {
        let __t17 = y;
        let __t18 = a / __t17;
        let __t19 = __t17 + __t18;
        let __t20 = ::oxidiff::__private::lift::<
            ::oxidiff::__private::Dual<f64>,
            _,
        >((0.5)) * __t19;
        y = __t20;
        __tape1.push((__t17, __t18));
        __trips16 += 1;
    }
    __tape2.push((__trips16,));
    __ctrl.push(2u32);
    let __t26 = y;
    __ret0 = __t26;
    __ctrl.push(3u32);
    (
        __ret0,
        move |__ybar: ::oxidiff::__private::Dual<f64>| {
            let mut __ba: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __bret0: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __by: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        let __g15 = __by;
                        __by = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __ba += __g15;
                    }
                    2u32 => {
                        let (__n25,) = __tape2.pop();
                        for _ in 0..__n25 {
                            let (__t17, __t18) = __tape1.pop();
                            let __g21 = __by;
                            __by = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g22 = __g21
                                * ::oxidiff::__private::lift::<
                                    ::oxidiff::__private::Dual<f64>,
                                    _,
                                >((0.5));
                            __by += __g22;
                            let __g23 = __g22 / __t17;
                            __ba += __g23;
                            let __g24 = -(__g23 * __t18);
                            __by += __g24;
                        }
                    }
                    3u32 => {
                        let __g27 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __by += __g27;
                    }
                    _ => {}
                }
            }
            let __cot14 = ::oxidiff::__private::pos_zero(__ba);
            (__cot14,)
        },
    )
}
///Forward mode of [`newton_sqrt`]: its value and its directional derivative along the tangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub fn newton_sqrt_jvp(a: f64, da: f64) -> (f64, f64) {
    __oxidiff_jvp_newton_sqrt(a, da)
}
///Reverse mode of [`newton_sqrt`]: its value and the pullback, which maps a cotangent of the result to the cotangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::type_complexity)]
pub fn newton_sqrt_vjp(a: f64) -> (f64, impl ::core::ops::FnOnce(f64) -> f64) {
    let (__v, __pb) = __oxidiff_vjp_newton_sqrt(a);
    (
        __v,
        move |__g: f64| {
            let __c = __pb(__g);
            __c.0
        },
    )
}
///The gradient of [`newton_sqrt`] with respect to its active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
pub fn newton_sqrt_grad(a: f64) -> f64 {
    let (_, __pb) = newton_sqrt_vjp(a);
    __pb(::oxidiff::__private::one::<f64>())
}
///The value and gradient of [`newton_sqrt`] (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
pub fn newton_sqrt_value_and_grad(a: f64) -> (f64, f64) {
    let (__v, __pb) = newton_sqrt_vjp(a);
    (__v, __pb(::oxidiff::__private::one::<f64>()))
}
///The Jacobian of [`newton_sqrt`]: one row per result component, one column per component of the active arguments flattened in argument order; forward mode when there are fewer inputs than outputs, reverse mode otherwise (generated by `#[differentiable]`).
#[allow(non_snake_case, clippy::needless_range_loop)]
pub fn newton_sqrt_jacobian(a: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_a = 1usize;
    let __total = (0usize + __n_a);
    let __y = newton_sqrt(a);
    let mut __row = ::std::vec::Vec::new();
    ::oxidiff::__private::Flatten::<f64>::flatten_into(&__y, &mut __row);
    let __m = __row.len();
    let mut __jac = ::std::vec![
        ::std::vec![::oxidiff::__private::zero:: < f64 > (); __total]; __m
    ];
    if __total <= __m {
        for __k in 0..__total {
            let (_, __col) = newton_sqrt_jvp(
                a,
                ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize)),
            );
            let mut __row = ::std::vec::Vec::with_capacity(__m);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__col, &mut __row);
            for __i in 0..__m {
                __jac[__i][__k] = __row[__i];
            }
        }
    } else {
        for __j in 0..__m {
            let (_, __pb) = newton_sqrt_vjp(a);
            let __cot = __pb(::oxidiff::__private::unit_scalar::<f64>(__j, 0));
            let mut __row = ::std::vec::Vec::with_capacity(__total);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot, &mut __row);
            __jac[__j] = __row;
        }
    }
    __jac
}
///The Hessian of [`newton_sqrt`] times a vector (forward over reverse mode, no n² work), in the form of `newton_sqrt_grad`'s result (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub fn newton_sqrt_hvp(a: f64, da: f64) -> f64 {
    let (_, __pb) = __oxidiff_dvjp_newton_sqrt(::oxidiff::__private::dual(a, da));
    let __c = __pb(
        ::oxidiff::__private::dual(
            ::oxidiff::__private::one::<f64>(),
            ::oxidiff::__private::zero::<f64>(),
        ),
    );
    ::oxidiff::__private::eps(__c.0)
}
///The Hessian of [`newton_sqrt`] with respect to its active arguments flattened in argument order (generated by `#[differentiable]`).
#[allow(non_snake_case)]
pub fn newton_sqrt_hessian(a: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_a = 1usize;
    let __total = (0usize + __n_a);
    let mut __rows = ::std::vec::Vec::with_capacity(__total);
    for __k in 0..__total {
        let __h = newton_sqrt_hvp(
            a,
            ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize)),
        );
        let mut __row = ::std::vec::Vec::with_capacity(__total);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h, &mut __row);
        __rows.push(__row);
    }
    __rows
}
