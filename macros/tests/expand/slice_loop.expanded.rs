fn rosen<T: Real>(x: &[T]) -> T {
    let hundred = T::from_f64(100.0);
    let mut s = T::zero();
    for i in 0..x.len() - 1 {
        s += hundred * (x[i + 1] - x[i] * x[i]).powi(2) + (T::one() - x[i]).powi(2);
    }
    s
}
#[doc(hidden)]
#[inline(always)]
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
fn __oxidiff_vg_rosen<T: Real>(
    x: &[T],
    __ybar: T,
    __want_value: bool,
) -> (T, (::std::vec::Vec<T>,)) {
    let _ = rosen::<T>;
    let __len_x = x.len();
    let __ret0: T;
    let __x_copy: &[_] = &x[..];
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let hundred = (T::from_f64(100.0));
    let mut s = (T::zero());
    __ctrl.push(0u32);
    let __start214 = 0;
    let mut __trips173: usize = 0;
    for i in 0..x.len() - 1 {
        let __t174 = s;
        let __i175 = i + 1;
        let __t176 = x[__i175];
        let __s177 = i;
        let __i180 = i;
        let __t181 = x[__i180];
        let __i184 = i;
        let __t185 = x[__i184];
        let __t186 = __t181 * __t185;
        let __t187 = __t176 - __t186;
        let __t188 = <T>::powi(__t187, (2));
        let __t189 = hundred * __t188;
        let __i190 = i;
        let __t191 = x[__i190];
        let __t192 = (T::one()) - __t191;
        let __t193 = <T>::powi(__t192, (2));
        let __t194 = __t189 + __t193;
        let __t195 = __t174 + __t194;
        s = __t195;
        __trips173 += 1;
    }
    __tape2.push((__trips173, __start214));
    __ctrl.push(2u32);
    let __t221 = s;
    __ret0 = __t221;
    __ctrl.push(3u32);
    let __value = __ret0;
    (
        __value,
        {
            let mut __bx = ::oxidiff::__private::AdjVec::<T>::new();
            let mut __bret0: T = ::oxidiff::__private::zero::<T>();
            let mut __bs: T = ::oxidiff::__private::zero::<T>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __bs = ::oxidiff::__private::acc_zero::<T>();
                    }
                    2u32 => {
                        let (__n213, __start214) = __tape2.pop();
                        let mut __bx = __bx.view(__len_x);
                        let mut __win218 = ::oxidiff::__private::acc_zero::<T>();
                        let mut __win219 = ::oxidiff::__private::acc_zero::<T>();
                        let __cells201 = __bx.cells(__len_x);
                        if __n213 > 0 {
                            let (__base216, __base217) = {
                                let i = __start214;
                                let __s177 = i;
                                (
                                    {
                                        let i = __s177;
                                        i + 1
                                    },
                                    {
                                        let i = __s177;
                                        i
                                    },
                                )
                            };
                            let __w178 = &__x_copy[__base216..][..__n213];
                            let __w182 = &__x_copy[__base217..][..__n213];
                            let __w202 = &__cells201[__base216..][..__n213];
                            for __k215 in (0..__n213).rev() {
                                let i = __start214 + __k215;
                                let __s177 = i;
                                let __kw179 = __k215;
                                debug_assert_eq!(
                                    { let i = __s177; i + 1 }, __base216 + __k215
                                );
                                let __kw183 = __k215;
                                debug_assert_eq!({ let i = __s177; i }, __base217 + __k215);
                                let __kw203 = __k215;
                                let mut __acc200 = ::oxidiff::__private::acc_zero::<T>();
                                let mut __acc206 = ::oxidiff::__private::acc_zero::<T>();
                                let __g196 = __bs;
                                __bs = ::oxidiff::__private::acc_zero::<T>();
                                __bs += __g196;
                                let __g197 = __g196 * hundred;
                                let __p198 = ::oxidiff::__private::rules::powi(
                                    (__w178[__kw179] - (__w182[__kw183] * __w182[__kw183])),
                                    (2),
                                    ::oxidiff::__private::zero::<T>(),
                                );
                                let __g199 = __g197 * __p198;
                                __acc200 += __g199;
                                let __g204 = -__g199;
                                let __g205 = __g204 * __w182[__kw183];
                                __acc206 += __g205;
                                let __g209 = __g204 * __w182[__kw183];
                                __acc206 += __g209;
                                let __p210 = ::oxidiff::__private::rules::powi(
                                    ((T::one()) - __w182[__kw183]),
                                    (2),
                                    ::oxidiff::__private::zero::<T>(),
                                );
                                let __g211 = __g196 * __p210;
                                let __g212 = -__g211;
                                __acc206 += __g212;
                                __win219 += __acc200;
                                __win218 += __acc206;
                                __w202[__kw203].set(__w202[__kw203].get() + __win219);
                                __win219 = __win218;
                                __win218 = ::oxidiff::__private::acc_zero::<T>();
                            }
                            __bx.add(__base216 - 1usize, __win219);
                        }
                    }
                    3u32 => {
                        let __g222 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<T>();
                        __bs += __g222;
                    }
                    _ => {}
                }
            }
            let __cot172 = __bx.into_vec(__x_copy.len());
            (__cot172,)
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
fn __oxidiff_jvp_rosen<T: Real>(x: &[T], mut __dx: &[T]) -> (T, T) {
    let _ = rosen::<T>;
    let __ret0: T;
    let __dret0: T;
    let hundred = (T::from_f64(100.0));
    let mut s = (T::zero());
    let mut __ds = ::oxidiff::__private::zero::<T>();
    for i in 0..x.len() - 1 {
        let __i1 = i + 1;
        let __t2 = x[__i1];
        let __i3 = i;
        let __t4 = x[__i3];
        let __i5 = i;
        let __t6 = x[__i5];
        let __t7 = __t4 * __t6;
        let __dt7 = __dx[__i3] * __t6 + __t4 * __dx[__i5];
        let __t8 = __t2 - __t7;
        let __dt8 = __dx[__i1] - __dt7;
        let __t9 = <T>::powi(__t8, (2));
        let __p10 = ::oxidiff::__private::rules::powi(
            __t8,
            (2),
            ::oxidiff::__private::zero::<T>(),
        );
        let __d11 = __p10 * __dt8;
        let __t12 = hundred * __t9;
        let __dt12 = hundred * __d11;
        let __i13 = i;
        let __t14 = x[__i13];
        let __t15 = (T::one()) - __t14;
        let __dt15 = -__dx[__i13];
        let __t16 = <T>::powi(__t15, (2));
        let __p17 = ::oxidiff::__private::rules::powi(
            __t15,
            (2),
            ::oxidiff::__private::zero::<T>(),
        );
        let __d18 = __p17 * __dt15;
        let __t19 = __t12 + __t16;
        let __dt19 = __dt12 + __d18;
        let __t20 = s + __t19;
        let __dt20 = __ds + __dt19;
        s = __t20;
        __ds = __dt20;
    }
    __ret0 = s;
    __dret0 = __ds;
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
fn __oxidiff_vjp_rosen<T: Real>(
    x: &[T],
) -> (T, impl ::core::ops::FnOnce(T) -> (::std::vec::Vec<T>,)) {
    let _ = rosen::<T>;
    let __len_x = x.len();
    let __ret0: T;
    let __x_copy = x.to_vec();
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let hundred = (T::from_f64(100.0));
    let mut s = (T::zero());
    __ctrl.push(0u32);
    let __start113 = 0;
    let mut __trips72: usize = 0;
    for i in 0..x.len() - 1 {
        let __t73 = s;
        let __i74 = i + 1;
        let __t75 = x[__i74];
        let __s76 = i;
        let __i79 = i;
        let __t80 = x[__i79];
        let __i83 = i;
        let __t84 = x[__i83];
        let __t85 = __t80 * __t84;
        let __t86 = __t75 - __t85;
        let __t87 = <T>::powi(__t86, (2));
        let __t88 = hundred * __t87;
        let __i89 = i;
        let __t90 = x[__i89];
        let __t91 = (T::one()) - __t90;
        let __t92 = <T>::powi(__t91, (2));
        let __t93 = __t88 + __t92;
        let __t94 = __t73 + __t93;
        s = __t94;
        __trips72 += 1;
    }
    __tape2.push((__trips72, __start113));
    __ctrl.push(2u32);
    let __t120 = s;
    __ret0 = __t120;
    __ctrl.push(3u32);
    (
        __ret0,
        move |__ybar: T| {
            let mut __bx = ::oxidiff::__private::AdjVec::<T>::new();
            let mut __bret0: T = ::oxidiff::__private::zero::<T>();
            let mut __bs: T = ::oxidiff::__private::zero::<T>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __bs = ::oxidiff::__private::acc_zero::<T>();
                    }
                    2u32 => {
                        let (__n112, __start113) = __tape2.pop();
                        let mut __bx = __bx.view(__len_x);
                        let mut __win117 = ::oxidiff::__private::acc_zero::<T>();
                        let mut __win118 = ::oxidiff::__private::acc_zero::<T>();
                        let __cells100 = __bx.cells(__len_x);
                        if __n112 > 0 {
                            let (__base115, __base116) = {
                                let i = __start113;
                                let __s76 = i;
                                (
                                    {
                                        let i = __s76;
                                        i + 1
                                    },
                                    {
                                        let i = __s76;
                                        i
                                    },
                                )
                            };
                            let __w77 = &__x_copy[__base115..][..__n112];
                            let __w81 = &__x_copy[__base116..][..__n112];
                            let __w101 = &__cells100[__base115..][..__n112];
                            for __k114 in (0..__n112).rev() {
                                let i = __start113 + __k114;
                                let __s76 = i;
                                let __kw78 = __k114;
                                debug_assert_eq!(
                                    { let i = __s76; i + 1 }, __base115 + __k114
                                );
                                let __kw82 = __k114;
                                debug_assert_eq!({ let i = __s76; i }, __base116 + __k114);
                                let __kw102 = __k114;
                                let mut __acc99 = ::oxidiff::__private::acc_zero::<T>();
                                let mut __acc105 = ::oxidiff::__private::acc_zero::<T>();
                                let __g95 = __bs;
                                __bs = ::oxidiff::__private::acc_zero::<T>();
                                __bs += __g95;
                                let __g96 = __g95 * hundred;
                                let __p97 = ::oxidiff::__private::rules::powi(
                                    (__w77[__kw78] - (__w81[__kw82] * __w81[__kw82])),
                                    (2),
                                    ::oxidiff::__private::zero::<T>(),
                                );
                                let __g98 = __g96 * __p97;
                                __acc99 += __g98;
                                let __g103 = -__g98;
                                let __g104 = __g103 * __w81[__kw82];
                                __acc105 += __g104;
                                let __g108 = __g103 * __w81[__kw82];
                                __acc105 += __g108;
                                let __p109 = ::oxidiff::__private::rules::powi(
                                    ((T::one()) - __w81[__kw82]),
                                    (2),
                                    ::oxidiff::__private::zero::<T>(),
                                );
                                let __g110 = __g95 * __p109;
                                let __g111 = -__g110;
                                __acc105 += __g111;
                                __win118 += __acc99;
                                __win117 += __acc105;
                                __w101[__kw102].set(__w101[__kw102].get() + __win118);
                                __win118 = __win117;
                                __win117 = ::oxidiff::__private::acc_zero::<T>();
                            }
                            __bx.add(__base115 - 1usize, __win118);
                        }
                    }
                    3u32 => {
                        let __g121 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<T>();
                        __bs += __g121;
                    }
                    _ => {}
                }
            }
            let __cot71 = __bx.into_vec(__x_copy.len());
            (__cot71,)
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
fn __oxidiff_dvjp_rosen<T: Real>(
    x: &[T],
) -> (T, impl ::core::ops::FnOnce(T) -> (::std::vec::Vec<T>,)) {
    __oxidiff_vjp_rosen::<T>(x)
}
///Forward mode of [`rosen`]: its value and its directional derivative along the tangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
fn rosen_jvp<T: Real>(x: &[T], dx: &[T]) -> (T, T) {
    __oxidiff_jvp_rosen::<T>(x, dx)
}
///Reverse mode of [`rosen`]: its value and the pullback, which maps a cotangent of the result to the cotangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::type_complexity)]
fn rosen_vjp<T: Real>(
    x: &[T],
) -> (T, impl ::core::ops::FnOnce(T) -> ::std::vec::Vec<T>) {
    let (__v, __pb) = __oxidiff_vjp_rosen::<T>(x);
    (
        __v,
        move |__g: T| {
            let __c = __pb(__g);
            __c.0
        },
    )
}
///The gradient of [`rosen`] with respect to its active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn rosen_grad<T: Real>(x: &[T]) -> ::std::vec::Vec<T> {
    let (_, __c) = __oxidiff_vg_rosen::<T>(x, ::oxidiff::__private::one::<T>(), false);
    __c.0
}
///The value and gradient of [`rosen`] (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn rosen_value_and_grad<T: Real>(x: &[T]) -> (T, ::std::vec::Vec<T>) {
    let (__v, __c) = __oxidiff_vg_rosen::<T>(x, ::oxidiff::__private::one::<T>(), true);
    (__v, __c.0)
}
///The Jacobian of [`rosen`]: one row per result component, one column per component of the active arguments flattened in argument order; forward mode when there are fewer inputs than outputs, reverse mode otherwise (generated by `#[differentiable]`).
#[allow(non_snake_case, clippy::needless_range_loop)]
fn rosen_jacobian<T: Real>(x: &[T]) -> ::std::vec::Vec<::std::vec::Vec<T>> {
    let __n_x = x.len();
    let __total = (0usize + __n_x);
    let __y = rosen::<T>(x);
    let mut __row = ::std::vec::Vec::new();
    ::oxidiff::__private::Flatten::<T>::flatten_into(&__y, &mut __row);
    let __m = __row.len();
    let mut __jac = ::std::vec![
        ::std::vec![::oxidiff::__private::zero:: < T > (); __total]; __m
    ];
    if __total <= __m {
        for __k in 0..__total {
            let (_, __col) = rosen_jvp::<
                T,
            >(x, &::oxidiff::__private::unit_part::<T>(__k, (0usize), __n_x));
            let mut __row = ::std::vec::Vec::with_capacity(__m);
            ::oxidiff::__private::Flatten::<T>::flatten_into(&__col, &mut __row);
            for __i in 0..__m {
                __jac[__i][__k] = __row[__i];
            }
        }
    } else {
        for __j in 0..__m {
            let (_, __pb) = rosen_vjp::<T>(x);
            let __cot = __pb(::oxidiff::__private::unit_scalar::<T>(__j, 0));
            let mut __row = ::std::vec::Vec::with_capacity(__total);
            ::oxidiff::__private::Flatten::<T>::flatten_into(&__cot, &mut __row);
            __jac[__j] = __row;
        }
    }
    __jac
}
///The Hessian of [`rosen`] times a vector (forward over reverse mode, no n² work), in the form of `rosen_grad`'s result (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
fn rosen_hvp<T: Real>(x: &[T], dx: &[T]) -> ::std::vec::Vec<T> {
    let (_, __pb) = __oxidiff_dvjp_rosen(&::oxidiff::__private::dual_vec(x, dx));
    let __c = __pb(
        ::oxidiff::__private::dual(
            ::oxidiff::__private::one::<T>(),
            ::oxidiff::__private::zero::<T>(),
        ),
    );
    ::oxidiff::__private::eps(__c.0)
}
///The Hessian of [`rosen`] with respect to its active arguments flattened in argument order (generated by `#[differentiable]`).
#[allow(non_snake_case)]
fn rosen_hessian<T: Real>(x: &[T]) -> ::std::vec::Vec<::std::vec::Vec<T>> {
    let __n_x = x.len();
    let __total = (0usize + __n_x);
    let mut __rows = ::std::vec::Vec::with_capacity(__total);
    for __k in 0..__total {
        let __h = rosen_hvp::<
            T,
        >(x, &::oxidiff::__private::unit_part::<T>(__k, (0usize), __n_x));
        let mut __row = ::std::vec::Vec::with_capacity(__total);
        ::oxidiff::__private::Flatten::<T>::flatten_into(&__h, &mut __row);
        __rows.push(__row);
    }
    __rows
}
