pub fn g<T: Real>(x: T, n: i32) -> T {
    if n < 0 {
        return x.exp();
    }
    let mut acc = x;
    for _ in 0..n {
        acc = acc * x + T::one();
    }
    acc
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
pub fn __oxidiff_jvp_g<T: Real>(
    x: T,
    n: i32,
    mut __dx: <T as ::oxidiff::__private::Tangent>::Tangent,
    _: <i32 as ::oxidiff::__private::Tangent>::Tangent,
) -> (T, T) {
    let _ = g::<T>;
    let __ret0: T;
    let __dret0: T;
    '__body: {
        if n < 0 {
            let __t1 = <T>::exp(x);
            let __p2 = ::oxidiff::__private::rules::exp(
                ::oxidiff::__private::zero::<T>(),
                __t1,
            );
            let __d3 = __p2 * __dx;
            __ret0 = __t1;
            __dret0 = __d3;
            break '__body;
        }
        let mut acc = x;
        let mut __dacc = __dx;
        for _ in 0..n {
            let __t4 = acc * x;
            let __dt4 = __dacc * x + acc * __dx;
            let __t5 = __t4 + (T::one());
            let __dt5 = __dt4;
            acc = __t5;
            __dacc = __dt5;
        }
        __ret0 = acc;
        __dret0 = __dacc;
    }
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
pub fn __oxidiff_vjp_g<T: Real>(
    x: T,
    n: i32,
) -> (
    T,
    impl ::core::ops::FnOnce(
        T,
    ) -> (
            <T as ::oxidiff::__private::Tangent>::Tangent,
            <i32 as ::oxidiff::__private::Tangent>::Tangent,
        ),
) {
    let _ = g::<T>;
    let __zero22 = ::oxidiff::__private::zero_tangent(&n);
    let __ret0: T;
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape0 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape3 = ::oxidiff::__private::Stack::new();
    '__body: {
        if n < 0 {
            let __t23 = <T>::exp(x);
            __ret0 = __t23;
            __tape0.push((__t23,));
            __ctrl.push(0u32);
            break '__body;
        }
        let mut acc = x;
        __ctrl.push(1u32);
        let mut __trips28: usize = 0;
        __tape2.reserve(((n) as usize).saturating_sub((0) as usize));
        for _ in 0..n {
            let __t29 = acc;
            let __t30 = __t29 * x;
            let __t31 = __t30 + (T::one());
            acc = __t31;
            __tape2.push((__t29,));
            __trips28 += 1;
        }
        __tape3.push((__trips28,));
        __ctrl.push(3u32);
        let __t36 = acc;
        __ret0 = __t36;
        __ctrl.push(4u32);
    }
    (
        __ret0,
        move |__ybar: T| {
            let mut __bx: T = ::oxidiff::__private::zero::<T>();
            let mut __bret0: T = ::oxidiff::__private::zero::<T>();
            let mut __bacc: T = ::oxidiff::__private::zero::<T>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        let (__t23,) = __tape0.pop();
                        let __g24 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<T>();
                        let __p25 = ::oxidiff::__private::rules::exp(
                            ::oxidiff::__private::zero::<T>(),
                            __t23,
                        );
                        let __g26 = __g24 * __p25;
                        __bx += __g26;
                    }
                    1u32 => {
                        let __g27 = __bacc;
                        __bacc = ::oxidiff::__private::acc_zero::<T>();
                        __bx += __g27;
                    }
                    3u32 => {
                        let (__n35,) = __tape3.pop();
                        for _ in 0..__n35 {
                            let (__t29,) = __tape2.pop();
                            let __g32 = __bacc;
                            __bacc = ::oxidiff::__private::acc_zero::<T>();
                            let __g33 = __g32 * x;
                            __bacc += __g33;
                            let __g34 = __g32 * __t29;
                            __bx += __g34;
                        }
                    }
                    4u32 => {
                        let __g37 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<T>();
                        __bacc += __g37;
                    }
                    _ => {}
                }
            }
            let __cot21 = ::oxidiff::__private::pos_zero(__bx);
            (__cot21, __zero22)
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
pub fn __oxidiff_dvjp_g<T: Real>(
    __arg_x: impl ::oxidiff::__private::IntoReal<T>,
    n: i32,
) -> (
    T,
    impl ::core::ops::FnOnce(
        T,
    ) -> (
            <T as ::oxidiff::__private::Tangent>::Tangent,
            <i32 as ::oxidiff::__private::Tangent>::Tangent,
        ),
) {
    let x: T = ::oxidiff::__private::lift(__arg_x);
    __oxidiff_vjp_g::<T>(x, n)
}
///Forward mode of [`g`]: its value and its directional derivative along the tangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub fn g_jvp<T: Real>(x: T, n: i32, dx: T) -> (T, T) {
    let __zero_n = ::oxidiff::__private::zero_tangent(&n);
    __oxidiff_jvp_g::<T>(x, n, dx, __zero_n)
}
///Reverse mode of [`g`]: its value and the pullback, which maps a cotangent of the result to the cotangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::type_complexity)]
pub fn g_vjp<T: Real>(x: T, n: i32) -> (T, impl ::core::ops::FnOnce(T) -> T) {
    let (__v, __pb) = __oxidiff_vjp_g::<T>(x, n);
    (
        __v,
        move |__g: T| {
            let __c = __pb(__g);
            __c.0
        },
    )
}
///The gradient of [`g`] with respect to its active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
pub fn g_grad<T: Real>(x: T, n: i32) -> T {
    let (_, __pb) = g_vjp::<T>(x, n);
    __pb(::oxidiff::__private::one::<T>())
}
///The value and gradient of [`g`] (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
pub fn g_value_and_grad<T: Real>(x: T, n: i32) -> (T, T) {
    let (__v, __pb) = g_vjp::<T>(x, n);
    (__v, __pb(::oxidiff::__private::one::<T>()))
}
///The Jacobian of [`g`]: one row per result component, one column per component of the active arguments flattened in argument order; forward mode when there are fewer inputs than outputs, reverse mode otherwise (generated by `#[differentiable]`).
#[allow(non_snake_case, clippy::needless_range_loop)]
pub fn g_jacobian<T: Real>(x: T, n: i32) -> ::std::vec::Vec<::std::vec::Vec<T>> {
    let __n_x = 1usize;
    let __total = (0usize + __n_x);
    let __y = g::<T>(x, n);
    let mut __row = ::std::vec::Vec::new();
    ::oxidiff::__private::Flatten::<T>::flatten_into(&__y, &mut __row);
    let __m = __row.len();
    let mut __jac = ::std::vec![
        ::std::vec![::oxidiff::__private::zero:: < T > (); __total]; __m
    ];
    if __total <= __m {
        for __k in 0..__total {
            let (_, __col) = g_jvp::<
                T,
            >(x, n, ::oxidiff::__private::unit_scalar::<T>(__k, (0usize)));
            let mut __row = ::std::vec::Vec::with_capacity(__m);
            ::oxidiff::__private::Flatten::<T>::flatten_into(&__col, &mut __row);
            for __i in 0..__m {
                __jac[__i][__k] = __row[__i];
            }
        }
    } else {
        for __j in 0..__m {
            let (_, __pb) = g_vjp::<T>(x, n);
            let __cot = __pb(::oxidiff::__private::unit_scalar::<T>(__j, 0));
            let mut __row = ::std::vec::Vec::with_capacity(__total);
            ::oxidiff::__private::Flatten::<T>::flatten_into(&__cot, &mut __row);
            __jac[__j] = __row;
        }
    }
    __jac
}
///The Hessian of [`g`] times a vector (forward over reverse mode, no n² work), in the form of `g_grad`'s result (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub fn g_hvp<T: Real>(x: T, n: i32, dx: T) -> T {
    let (_, __pb) = __oxidiff_dvjp_g(::oxidiff::__private::dual(x, dx), n);
    let __c = __pb(
        ::oxidiff::__private::dual(
            ::oxidiff::__private::one::<T>(),
            ::oxidiff::__private::zero::<T>(),
        ),
    );
    ::oxidiff::__private::eps(__c.0)
}
///The Hessian of [`g`] with respect to its active arguments flattened in argument order (generated by `#[differentiable]`).
#[allow(non_snake_case)]
pub fn g_hessian<T: Real>(x: T, n: i32) -> ::std::vec::Vec<::std::vec::Vec<T>> {
    let __n_x = 1usize;
    let __total = (0usize + __n_x);
    let mut __rows = ::std::vec::Vec::with_capacity(__total);
    for __k in 0..__total {
        let __h = g_hvp::<
            T,
        >(x, n, ::oxidiff::__private::unit_scalar::<T>(__k, (0usize)));
        let mut __row = ::std::vec::Vec::with_capacity(__total);
        ::oxidiff::__private::Flatten::<T>::flatten_into(&__h, &mut __row);
        __rows.push(__row);
    }
    __rows
}
