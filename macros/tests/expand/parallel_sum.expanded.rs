fn scaled_rosen(x: &[f64], c: f64) -> f64 {
    (0..x.len() - 1)
        .into_par_iter()
        .map(|i| 100.0 * (x[i + 1] - x[i] * x[i]).powi(2) + c * (1.0 - x[i]))
        .sum::<f64>()
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
fn __oxidiff_vg_scaled_rosen(
    x: &[f64],
    c: f64,
    __ybar: f64,
) -> (f64, (::std::vec::Vec<f64>, <f64 as ::oxidiff::__private::Tangent>::Tangent)) {
    let _ = scaled_rosen;
    let __len_x = x.len();
    let __ret0: f64;
    let __x_copy: &[_] = &x[..];
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __v1;
    {
        let mut __acc: f64 = (0.0);
        __ctrl.push(0u32);
        let __start239 = 0;
        let mut __trips197: usize = 0;
        for __i in 0..x.len() - 1 {
            let i = __i;
            let __i198 = i + 1;
            let __t199 = x[__i198];
            let __s200 = i;
            let __i203 = i;
            let __t204 = x[__i203];
            let __i207 = i;
            let __t208 = x[__i207];
            let __t209 = __t204 * __t208;
            let __t210 = __t199 - __t209;
            let __t211 = <f64>::powi(__t210, (2));
            let __t212 = (100.0) * __t211;
            let __i213 = i;
            let __t214 = x[__i213];
            let __t215 = (1.0) - __t214;
            let __t216 = c * __t215;
            let __t217 = __t212 + __t216;
            let __v = __t217;
            let __t235 = __acc;
            let __t236 = __t235 + __v;
            __acc = __t236;
            __trips197 += 1;
        }
        __tape2.push((__trips197, __start239));
        __ctrl.push(2u32);
        let __t251 = __acc;
        __v1 = __t251;
        __ctrl.push(3u32);
    }
    let __t253 = __v1;
    __ret0 = __t253;
    __ctrl.push(4u32);
    let __value = __ret0;
    (
        __value,
        {
            let mut __bx = ::oxidiff::__private::AdjVec::<f64>::new();
            let mut __bc: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bret0: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bv1: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bacc: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bv: f64 = ::oxidiff::__private::zero::<f64>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                    }
                    2u32 => {
                        let (__n238, __start239) = __tape2.pop();
                        if __n238 > 0 {
                            let (__base241, __base242) = {
                                let __i = __start239;
                                let i = __i;
                                let __s200 = i;
                                (
                                    {
                                        let i = __s200;
                                        i + 1
                                    },
                                    {
                                        let i = __s200;
                                        i
                                    },
                                )
                            };
                            let __w201 = &__x_copy[__base241..][..__n238];
                            let __w205 = &__x_copy[__base242..][..__n238];
                            let __parts249 = ::oxidiff::__private::par_replay_fresh::<
                                f64,
                                _,
                                1usize,
                            >(
                                __n238,
                                [__bx.par_window(__len_x, __base241, __n238)],
                                || (
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                ),
                                |__st248, __lo246, __hi247, [__w224]| {
                                    let (mut __win243, mut __win244, mut __bc) = *__st248;
                                    let mut __bacc = __bacc;
                                    let __w201 = &__w201[__lo246..__hi247];
                                    let __w205 = &__w205[__lo246..__hi247];
                                    for __k240 in (0..__hi247 - __lo246).rev() {
                                        let __i = __start239 + __lo246 + __k240;
                                        let i = __i;
                                        let __s200 = i;
                                        let __kw202 = __k240;
                                        debug_assert_eq!(
                                            { let i = __s200; i + 1 }, __base241 + __lo246 + __k240
                                        );
                                        let __kw206 = __k240;
                                        debug_assert_eq!(
                                            { let i = __s200; i }, __base242 + __lo246 + __k240
                                        );
                                        let __kw225 = __k240;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc222 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc228 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g237 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g237;
                                        __bv += __g237;
                                        let __g218 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g219 = __g218 * (100.0);
                                        let __p220 = ::oxidiff::__private::rules::powi(
                                            (__w201[__kw202] - (__w205[__kw206] * __w205[__kw206])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g221 = __g219 * __p220;
                                        __acc222 += __g221;
                                        let __g226 = -__g221;
                                        let __g227 = __g226 * __w205[__kw206];
                                        __acc228 += __g227;
                                        let __g231 = __g226 * __w205[__kw206];
                                        __acc228 += __g231;
                                        let __g232 = __g218 * ((1.0) - __w205[__kw206]);
                                        __bc += __g232;
                                        let __g233 = __g218 * c;
                                        let __g234 = -__g233;
                                        __acc228 += __g234;
                                        __win244 += __acc222;
                                        __win243 += __acc228;
                                        __w224[__kw225].set(__w224[__kw225].get() + __win244);
                                        __win244 = __win243;
                                        __win243 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st248 = (__win243, __win244, __bc);
                                },
                                |__st248, __lo246, __hi247, [__w224]| {
                                    let (mut __win243, mut __win244, mut __bc) = *__st248;
                                    let mut __bacc = __bacc;
                                    let __w201 = &__w201[__lo246..__hi247];
                                    let __w205 = &__w205[__lo246..__hi247];
                                    for __k240 in (0..__hi247 - __lo246).rev() {
                                        let __i = __start239 + __lo246 + __k240;
                                        let i = __i;
                                        let __s200 = i;
                                        let __kw202 = __k240;
                                        debug_assert_eq!(
                                            { let i = __s200; i + 1 }, __base241 + __lo246 + __k240
                                        );
                                        let __kw206 = __k240;
                                        debug_assert_eq!(
                                            { let i = __s200; i }, __base242 + __lo246 + __k240
                                        );
                                        let __kw225 = __k240;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc222 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc228 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g237 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g237;
                                        __bv += __g237;
                                        let __g218 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g219 = __g218 * (100.0);
                                        let __p220 = ::oxidiff::__private::rules::powi(
                                            (__w201[__kw202] - (__w205[__kw206] * __w205[__kw206])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g221 = __g219 * __p220;
                                        __acc222 += __g221;
                                        let __g226 = -__g221;
                                        let __g227 = __g226 * __w205[__kw206];
                                        __acc228 += __g227;
                                        let __g231 = __g226 * __w205[__kw206];
                                        __acc228 += __g231;
                                        let __g232 = __g218 * ((1.0) - __w205[__kw206]);
                                        __bc += __g232;
                                        let __g233 = __g218 * c;
                                        let __g234 = -__g233;
                                        __acc228 += __g234;
                                        __win244 += __acc222;
                                        __win243 += __acc228;
                                        __w224[__kw225]
                                            .set(::oxidiff::__private::pos_zero(__win244));
                                        __win244 = __win243;
                                        __win243 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st248 = (__win243, __win244, __bc);
                                },
                            );
                            for (__lo246, (__win243, __win244, __part250)) in __parts249 {
                                let __base241 = __base241 + __lo246;
                                __bx.add(__base241 - 1usize, __win244);
                                __bc += __part250;
                            }
                        }
                    }
                    3u32 => {
                        let __g252 = __bv1;
                        __bv1 = ::oxidiff::__private::acc_zero::<f64>();
                        __bacc += __g252;
                    }
                    4u32 => {
                        let __g254 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __bv1 += __g254;
                    }
                    _ => {}
                }
            }
            let __cot195 = __bx.into_vec(__x_copy.len());
            let __cot196 = ::oxidiff::__private::pos_zero(__bc);
            (__cot195, __cot196)
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
fn __oxidiff_jvp_scaled_rosen(
    x: &[f64],
    c: f64,
    mut __dx: &[f64],
    mut __dc: <f64 as ::oxidiff::__private::Tangent>::Tangent,
) -> (f64, f64) {
    let _ = scaled_rosen;
    let __ret0: f64;
    let __dret0: f64;
    let mut __v1;
    let mut __dv1;
    {
        let mut __acc: f64 = (0.0);
        let mut __dacc: f64 = ::oxidiff::__private::zero::<f64>();
        for __i in 0..x.len() - 1 {
            let i = __i;
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
            let __t9 = <f64>::powi(__t8, (2));
            let __p10 = ::oxidiff::__private::rules::powi(
                __t8,
                (2),
                ::oxidiff::__private::zero::<f64>(),
            );
            let __d11 = __p10 * __dt8;
            let __t12 = (100.0) * __t9;
            let __dt12 = (100.0) * __d11;
            let __i13 = i;
            let __t14 = x[__i13];
            let __t15 = (1.0) - __t14;
            let __dt15 = -__dx[__i13];
            let __t16 = c * __t15;
            let __dt16 = __dc * __t15 + c * __dt15;
            let __t17 = __t12 + __t16;
            let __dt17 = __dt12 + __dt16;
            let __v = __t17;
            let __dv = __dt17;
            let __t18 = __acc + __v;
            let __dt18 = __dacc + __dv;
            __acc = __t18;
            __dacc = __dt18;
        }
        __v1 = __acc;
        __dv1 = __dacc;
    }
    __ret0 = __v1;
    __dret0 = __dv1;
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
fn __oxidiff_vjp_scaled_rosen(
    x: &[f64],
    c: f64,
) -> (
    f64,
    impl ::core::ops::FnOnce(
        f64,
    ) -> (::std::vec::Vec<f64>, <f64 as ::oxidiff::__private::Tangent>::Tangent),
) {
    let _ = scaled_rosen;
    let __len_x = x.len();
    let __ret0: f64;
    let __x_copy = x.to_vec();
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __v1;
    {
        let mut __acc: f64 = (0.0);
        __ctrl.push(0u32);
        let __start121 = 0;
        let mut __trips79: usize = 0;
        for __i in 0..x.len() - 1 {
            let i = __i;
            let __i80 = i + 1;
            let __t81 = x[__i80];
            let __s82 = i;
            let __i85 = i;
            let __t86 = x[__i85];
            let __i89 = i;
            let __t90 = x[__i89];
            let __t91 = __t86 * __t90;
            let __t92 = __t81 - __t91;
            let __t93 = <f64>::powi(__t92, (2));
            let __t94 = (100.0) * __t93;
            let __i95 = i;
            let __t96 = x[__i95];
            let __t97 = (1.0) - __t96;
            let __t98 = c * __t97;
            let __t99 = __t94 + __t98;
            let __v = __t99;
            let __t117 = __acc;
            let __t118 = __t117 + __v;
            __acc = __t118;
            __trips79 += 1;
        }
        __tape2.push((__trips79, __start121));
        __ctrl.push(2u32);
        let __t133 = __acc;
        __v1 = __t133;
        __ctrl.push(3u32);
    }
    let __t135 = __v1;
    __ret0 = __t135;
    __ctrl.push(4u32);
    (
        __ret0,
        move |__ybar: f64| {
            let mut __bx = ::oxidiff::__private::AdjVec::<f64>::new();
            let mut __bc: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bret0: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bv1: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bacc: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bv: f64 = ::oxidiff::__private::zero::<f64>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                    }
                    2u32 => {
                        let (__n120, __start121) = __tape2.pop();
                        if __n120 > 0 {
                            let (__base123, __base124) = {
                                let __i = __start121;
                                let i = __i;
                                let __s82 = i;
                                (
                                    {
                                        let i = __s82;
                                        i + 1
                                    },
                                    {
                                        let i = __s82;
                                        i
                                    },
                                )
                            };
                            let __w83 = &__x_copy[__base123..][..__n120];
                            let __w87 = &__x_copy[__base124..][..__n120];
                            let __parts131 = ::oxidiff::__private::par_replay_fresh::<
                                f64,
                                _,
                                1usize,
                            >(
                                __n120,
                                [__bx.par_window(__len_x, __base123, __n120)],
                                || (
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                ),
                                |__st130, __lo128, __hi129, [__w106]| {
                                    let (mut __win125, mut __win126, mut __bc) = *__st130;
                                    let mut __bacc = __bacc;
                                    let __w83 = &__w83[__lo128..__hi129];
                                    let __w87 = &__w87[__lo128..__hi129];
                                    for __k122 in (0..__hi129 - __lo128).rev() {
                                        let __i = __start121 + __lo128 + __k122;
                                        let i = __i;
                                        let __s82 = i;
                                        let __kw84 = __k122;
                                        debug_assert_eq!(
                                            { let i = __s82; i + 1 }, __base123 + __lo128 + __k122
                                        );
                                        let __kw88 = __k122;
                                        debug_assert_eq!(
                                            { let i = __s82; i }, __base124 + __lo128 + __k122
                                        );
                                        let __kw107 = __k122;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc104 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc110 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g119 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g119;
                                        __bv += __g119;
                                        let __g100 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g101 = __g100 * (100.0);
                                        let __p102 = ::oxidiff::__private::rules::powi(
                                            (__w83[__kw84] - (__w87[__kw88] * __w87[__kw88])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g103 = __g101 * __p102;
                                        __acc104 += __g103;
                                        let __g108 = -__g103;
                                        let __g109 = __g108 * __w87[__kw88];
                                        __acc110 += __g109;
                                        let __g113 = __g108 * __w87[__kw88];
                                        __acc110 += __g113;
                                        let __g114 = __g100 * ((1.0) - __w87[__kw88]);
                                        __bc += __g114;
                                        let __g115 = __g100 * c;
                                        let __g116 = -__g115;
                                        __acc110 += __g116;
                                        __win126 += __acc104;
                                        __win125 += __acc110;
                                        __w106[__kw107].set(__w106[__kw107].get() + __win126);
                                        __win126 = __win125;
                                        __win125 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st130 = (__win125, __win126, __bc);
                                },
                                |__st130, __lo128, __hi129, [__w106]| {
                                    let (mut __win125, mut __win126, mut __bc) = *__st130;
                                    let mut __bacc = __bacc;
                                    let __w83 = &__w83[__lo128..__hi129];
                                    let __w87 = &__w87[__lo128..__hi129];
                                    for __k122 in (0..__hi129 - __lo128).rev() {
                                        let __i = __start121 + __lo128 + __k122;
                                        let i = __i;
                                        let __s82 = i;
                                        let __kw84 = __k122;
                                        debug_assert_eq!(
                                            { let i = __s82; i + 1 }, __base123 + __lo128 + __k122
                                        );
                                        let __kw88 = __k122;
                                        debug_assert_eq!(
                                            { let i = __s82; i }, __base124 + __lo128 + __k122
                                        );
                                        let __kw107 = __k122;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc104 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc110 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g119 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g119;
                                        __bv += __g119;
                                        let __g100 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g101 = __g100 * (100.0);
                                        let __p102 = ::oxidiff::__private::rules::powi(
                                            (__w83[__kw84] - (__w87[__kw88] * __w87[__kw88])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g103 = __g101 * __p102;
                                        __acc104 += __g103;
                                        let __g108 = -__g103;
                                        let __g109 = __g108 * __w87[__kw88];
                                        __acc110 += __g109;
                                        let __g113 = __g108 * __w87[__kw88];
                                        __acc110 += __g113;
                                        let __g114 = __g100 * ((1.0) - __w87[__kw88]);
                                        __bc += __g114;
                                        let __g115 = __g100 * c;
                                        let __g116 = -__g115;
                                        __acc110 += __g116;
                                        __win126 += __acc104;
                                        __win125 += __acc110;
                                        __w106[__kw107]
                                            .set(::oxidiff::__private::pos_zero(__win126));
                                        __win126 = __win125;
                                        __win125 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st130 = (__win125, __win126, __bc);
                                },
                            );
                            for (__lo128, (__win125, __win126, __part132)) in __parts131 {
                                let __base123 = __base123 + __lo128;
                                __bx.add(__base123 - 1usize, __win126);
                                __bc += __part132;
                            }
                        }
                    }
                    3u32 => {
                        let __g134 = __bv1;
                        __bv1 = ::oxidiff::__private::acc_zero::<f64>();
                        __bacc += __g134;
                    }
                    4u32 => {
                        let __g136 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __bv1 += __g136;
                    }
                    _ => {}
                }
            }
            let __cot77 = __bx.into_vec(__x_copy.len());
            let __cot78 = ::oxidiff::__private::pos_zero(__bc);
            (__cot77, __cot78)
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
fn __oxidiff_dvjp_scaled_rosen(
    x: &[::oxidiff::__private::Dual<f64>],
    __arg_c: impl ::oxidiff::__private::IntoReal<::oxidiff::__private::Dual<f64>>,
) -> (
    ::oxidiff::__private::Dual<f64>,
    impl ::core::ops::FnOnce(
        ::oxidiff::__private::Dual<f64>,
    ) -> (
            ::std::vec::Vec<::oxidiff::__private::Dual<f64>>,
            <::oxidiff::__private::Dual<f64> as ::oxidiff::__private::Tangent>::Tangent,
        ),
) {
    let _ = scaled_rosen;
    let c: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::lift(__arg_c);
    let __len_x = x.len();
    let __ret0: ::oxidiff::__private::Dual<f64>;
    let __x_copy = x.to_vec();
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __v1;
    {
        let mut __acc: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::lift::<
            ::oxidiff::__private::Dual<f64>,
            _,
        >((0.0));
        __ctrl.push(0u32);
        let __start100 = 0;
        let mut __trips57: usize = 0;
        for __i in 0..x.len() - 1 {
            let i = __i;
            let __i58 = i + 1;
            let __t59 = x[__i58];
            let __s60 = i;
            let __i63 = i;
            let __t64 = x[__i63];
            let __i67 = i;
            let __t68 = x[__i67];
            let __t69 = __t64 * __t68;
            let __t70 = __t59 - __t69;
            let __t71 = <::oxidiff::__private::Dual<
                f64,
            > as ::oxidiff::__private::Float>::powi(__t70, (2));
            let __t72 = ::oxidiff::__private::lift::<
                ::oxidiff::__private::Dual<f64>,
                _,
            >((100.0)) * __t71;
            let __i73 = i;
            let __t74 = x[__i73];
            let __t75 = ::oxidiff::__private::lift::<
                ::oxidiff::__private::Dual<f64>,
                _,
            >((1.0)) - __t74;
            let __t76 = c * __t75;
            let __t77 = __t72 + __t76;
            let __v = __t77;
            let __t95 = __acc;
            let __t96 = __v;
            let __t97 = __t95 + __t96;
            __acc = __t97;
            __trips57 += 1;
        }
        __tape2.push((__trips57, __start100));
        __ctrl.push(2u32);
        let __t107 = __acc;
        __v1 = __t107;
        __ctrl.push(3u32);
    }
    let __t109 = __v1;
    __ret0 = __t109;
    __ctrl.push(4u32);
    (
        __ret0,
        move |__ybar: ::oxidiff::__private::Dual<f64>| {
            let mut __bx = ::oxidiff::__private::AdjVec::<
                ::oxidiff::__private::Dual<f64>,
            >::new();
            let mut __bc: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __bret0: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __bv1: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __bacc: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __bv: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __bacc = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                    }
                    2u32 => {
                        let (__n99, __start100) = __tape2.pop();
                        let mut __bx = __bx.view(__len_x);
                        let mut __win104 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win105 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let __cells83 = __bx.cells(__len_x);
                        if __n99 > 0 {
                            let (__base102, __base103) = {
                                let __i = __start100;
                                let i = __i;
                                let __s60 = i;
                                (
                                    {
                                        let i = __s60;
                                        i + 1
                                    },
                                    {
                                        let i = __s60;
                                        i
                                    },
                                )
                            };
                            let __w61 = &__x_copy[__base102..][..__n99];
                            let __w65 = &__x_copy[__base103..][..__n99];
                            let __w84 = &__cells83[__base102..][..__n99];
                            for __k101 in (0..__n99).rev() {
                                let __i = __start100 + __k101;
                                let i = __i;
                                let __s60 = i;
                                let __kw62 = __k101;
                                debug_assert_eq!(
                                    { let i = __s60; i + 1 }, __base102 + __k101
                                );
                                let __kw66 = __k101;
                                debug_assert_eq!({ let i = __s60; i }, __base103 + __k101);
                                let __kw85 = __k101;
                                let mut __bv: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc82 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc88 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g98 = __bacc;
                                __bacc = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __bacc += __g98;
                                __bv += __g98;
                                let __g78 = __bv;
                                __bv = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g79 = __g78
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((100.0));
                                let __p80 = ::oxidiff::__private::rules::powi(
                                    (__w61[__kw62] - (__w65[__kw66] * __w65[__kw66])),
                                    (2),
                                    ::oxidiff::__private::zero::<
                                        ::oxidiff::__private::Dual<f64>,
                                    >(),
                                );
                                let __g81 = __g79 * __p80;
                                __acc82 += __g81;
                                let __g86 = -__g81;
                                let __g87 = __g86 * __w65[__kw66];
                                __acc88 += __g87;
                                let __g91 = __g86 * __w65[__kw66];
                                __acc88 += __g91;
                                let __g92 = __g78
                                    * (::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((1.0)) - __w65[__kw66]);
                                __bc += __g92;
                                let __g93 = __g78 * c;
                                let __g94 = -__g93;
                                __acc88 += __g94;
                                __win105 += __acc82;
                                __win104 += __acc88;
                                __w84[__kw85].set(__w84[__kw85].get() + __win105);
                                __win105 = __win104;
                                __win104 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                            }
                            __bx.add(__base102 - 1usize, __win105);
                        }
                    }
                    3u32 => {
                        let __g108 = __bv1;
                        __bv1 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __bacc += __g108;
                    }
                    4u32 => {
                        let __g110 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __bv1 += __g110;
                    }
                    _ => {}
                }
            }
            let __cot55 = __bx.into_vec(__x_copy.len());
            let __cot56 = ::oxidiff::__private::pos_zero(__bc);
            (__cot55, __cot56)
        },
    )
}
///Forward mode of [`scaled_rosen`]: its value and its directional derivative along the tangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
fn scaled_rosen_jvp(x: &[f64], c: f64, dx: &[f64], dc: f64) -> (f64, f64) {
    __oxidiff_jvp_scaled_rosen(x, c, dx, dc)
}
///Reverse mode of [`scaled_rosen`]: its value and the pullback, which maps a cotangent of the result to the cotangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::type_complexity)]
fn scaled_rosen_vjp(
    x: &[f64],
    c: f64,
) -> (f64, impl ::core::ops::FnOnce(f64) -> (::std::vec::Vec<f64>, f64)) {
    let (__v, __pb) = __oxidiff_vjp_scaled_rosen(x, c);
    (
        __v,
        move |__g: f64| {
            let __c = __pb(__g);
            (__c.0, __c.1)
        },
    )
}
///The gradient of [`scaled_rosen`] with respect to its active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn scaled_rosen_grad(x: &[f64], c: f64) -> (::std::vec::Vec<f64>, f64) {
    let (_, __c) = __oxidiff_vg_scaled_rosen(x, c, ::oxidiff::__private::one::<f64>());
    (__c.0, __c.1)
}
///The value and gradient of [`scaled_rosen`] (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn scaled_rosen_value_and_grad(x: &[f64], c: f64) -> (f64, (::std::vec::Vec<f64>, f64)) {
    let (__v, __c) = __oxidiff_vg_scaled_rosen(x, c, ::oxidiff::__private::one::<f64>());
    (__v, (__c.0, __c.1))
}
///The Jacobian of [`scaled_rosen`]: one row per result component, one column per component of the active arguments flattened in argument order; forward mode when there are fewer inputs than outputs, reverse mode otherwise (generated by `#[differentiable]`).
#[allow(non_snake_case, clippy::needless_range_loop)]
fn scaled_rosen_jacobian(x: &[f64], c: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_x = x.len();
    let __n_c = 1usize;
    let __total = (0usize + __n_x + __n_c);
    let __y = scaled_rosen(x, c);
    let mut __row = ::std::vec::Vec::new();
    ::oxidiff::__private::Flatten::<f64>::flatten_into(&__y, &mut __row);
    let __m = __row.len();
    let mut __jac = ::std::vec![
        ::std::vec![::oxidiff::__private::zero:: < f64 > (); __total]; __m
    ];
    if __total <= __m {
        for __k in 0..__total {
            let (_, __col) = scaled_rosen_jvp(
                x,
                c,
                &::oxidiff::__private::unit_part::<f64>(__k, (0usize), __n_x),
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
            let (_, __pb) = scaled_rosen_vjp(x, c);
            let __cot = __pb(::oxidiff::__private::unit_scalar::<f64>(__j, 0));
            let mut __row = ::std::vec::Vec::with_capacity(__total);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot.0, &mut __row);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot.1, &mut __row);
            __jac[__j] = __row;
        }
    }
    __jac
}
///The Hessian of [`scaled_rosen`] times a vector (forward over reverse mode, no n² work), in the form of `scaled_rosen_grad`'s result (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
fn scaled_rosen_hvp(
    x: &[f64],
    c: f64,
    dx: &[f64],
    dc: f64,
) -> (::std::vec::Vec<f64>, f64) {
    let (_, __pb) = __oxidiff_dvjp_scaled_rosen(
        &::oxidiff::__private::dual_vec(x, dx),
        ::oxidiff::__private::dual(c, dc),
    );
    let __c = __pb(
        ::oxidiff::__private::dual(
            ::oxidiff::__private::one::<f64>(),
            ::oxidiff::__private::zero::<f64>(),
        ),
    );
    (::oxidiff::__private::eps(__c.0), ::oxidiff::__private::eps(__c.1))
}
///The Hessian of [`scaled_rosen`] with respect to its active arguments flattened in argument order (generated by `#[differentiable]`).
#[allow(non_snake_case)]
fn scaled_rosen_hessian(x: &[f64], c: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_x = x.len();
    let __n_c = 1usize;
    let __total = (0usize + __n_x + __n_c);
    let mut __rows = ::std::vec::Vec::with_capacity(__total);
    for __k in 0..__total {
        let __h = scaled_rosen_hvp(
            x,
            c,
            &::oxidiff::__private::unit_part::<f64>(__k, (0usize), __n_x),
            ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize + __n_x)),
        );
        let mut __row = ::std::vec::Vec::with_capacity(__total);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h.0, &mut __row);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h.1, &mut __row);
        __rows.push(__row);
    }
    __rows
}
