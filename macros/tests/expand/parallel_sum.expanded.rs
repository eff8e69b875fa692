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
        let __start243 = 0;
        let mut __trips200: usize = 0;
        for __i in 0..x.len() - 1 {
            let i = __i;
            let __i201 = i + 1;
            let __t202 = x[__i201];
            let __s203 = i;
            let __i206 = i;
            let __t207 = x[__i206];
            let __i210 = i;
            let __t211 = x[__i210];
            let __t212 = __t207 * __t211;
            let __t213 = __t202 - __t212;
            let __t214 = <f64>::powi(__t213, (2));
            let __t215 = (100.0) * __t214;
            let __i216 = i;
            let __t217 = x[__i216];
            let __t218 = (1.0) - __t217;
            let __t219 = c * __t218;
            let __t220 = __t215 + __t219;
            let __v = __t220;
            let __t238 = __acc;
            let __t239 = __v;
            let __t240 = __t238 + __t239;
            __acc = __t240;
            __trips200 += 1;
        }
        __tape2.push((__trips200, __start243));
        __ctrl.push(2u32);
        let __t255 = __acc;
        __v1 = __t255;
        __ctrl.push(3u32);
    }
    let __t257 = __v1;
    __ret0 = __t257;
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
                        let (__n242, __start243) = __tape2.pop();
                        if __n242 > 0 {
                            let (__base245, __base246) = {
                                let __i = __start243;
                                let i = __i;
                                let __s203 = i;
                                (
                                    {
                                        let i = __s203;
                                        i + 1
                                    },
                                    {
                                        let i = __s203;
                                        i
                                    },
                                )
                            };
                            let __w204 = &__x_copy[__base245..][..__n242];
                            let __w208 = &__x_copy[__base246..][..__n242];
                            let __parts253 = ::oxidiff::__private::par_replay_fresh::<
                                f64,
                                _,
                                1usize,
                            >(
                                __n242,
                                [__bx.par_window(__len_x, __base245, __n242)],
                                || (
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                ),
                                |__st252, __lo250, __hi251, [__w227]| {
                                    let (mut __win247, mut __win248, mut __bc) = *__st252;
                                    let mut __bacc = __bacc;
                                    let __w204 = &__w204[__lo250..__hi251];
                                    let __w208 = &__w208[__lo250..__hi251];
                                    for __k244 in (0..__hi251 - __lo250).rev() {
                                        let __i = __start243 + __lo250 + __k244;
                                        let i = __i;
                                        let __s203 = i;
                                        let __kw205 = __k244;
                                        debug_assert_eq!(
                                            { let i = __s203; i + 1 }, __base245 + __lo250 + __k244
                                        );
                                        let __kw209 = __k244;
                                        debug_assert_eq!(
                                            { let i = __s203; i }, __base246 + __lo250 + __k244
                                        );
                                        let __kw228 = __k244;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc225 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc231 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g241 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g241;
                                        __bv += __g241;
                                        let __g221 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g222 = __g221 * (100.0);
                                        let __p223 = ::oxidiff::__private::rules::powi(
                                            (__w204[__kw205] - (__w208[__kw209] * __w208[__kw209])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g224 = __g222 * __p223;
                                        __acc225 += __g224;
                                        let __g229 = -__g224;
                                        let __g230 = __g229 * __w208[__kw209];
                                        __acc231 += __g230;
                                        let __g234 = __g229 * __w208[__kw209];
                                        __acc231 += __g234;
                                        let __g235 = __g221 * ((1.0) - __w208[__kw209]);
                                        __bc += __g235;
                                        let __g236 = __g221 * c;
                                        let __g237 = -__g236;
                                        __acc231 += __g237;
                                        __win248 += __acc225;
                                        __win247 += __acc231;
                                        __w227[__kw228].set(__w227[__kw228].get() + __win248);
                                        __win248 = __win247;
                                        __win247 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st252 = (__win247, __win248, __bc);
                                },
                                |__st252, __lo250, __hi251, [__w227]| {
                                    let (mut __win247, mut __win248, mut __bc) = *__st252;
                                    let mut __bacc = __bacc;
                                    let __w204 = &__w204[__lo250..__hi251];
                                    let __w208 = &__w208[__lo250..__hi251];
                                    for __k244 in (0..__hi251 - __lo250).rev() {
                                        let __i = __start243 + __lo250 + __k244;
                                        let i = __i;
                                        let __s203 = i;
                                        let __kw205 = __k244;
                                        debug_assert_eq!(
                                            { let i = __s203; i + 1 }, __base245 + __lo250 + __k244
                                        );
                                        let __kw209 = __k244;
                                        debug_assert_eq!(
                                            { let i = __s203; i }, __base246 + __lo250 + __k244
                                        );
                                        let __kw228 = __k244;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc225 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc231 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g241 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g241;
                                        __bv += __g241;
                                        let __g221 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g222 = __g221 * (100.0);
                                        let __p223 = ::oxidiff::__private::rules::powi(
                                            (__w204[__kw205] - (__w208[__kw209] * __w208[__kw209])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g224 = __g222 * __p223;
                                        __acc225 += __g224;
                                        let __g229 = -__g224;
                                        let __g230 = __g229 * __w208[__kw209];
                                        __acc231 += __g230;
                                        let __g234 = __g229 * __w208[__kw209];
                                        __acc231 += __g234;
                                        let __g235 = __g221 * ((1.0) - __w208[__kw209]);
                                        __bc += __g235;
                                        let __g236 = __g221 * c;
                                        let __g237 = -__g236;
                                        __acc231 += __g237;
                                        __win248 += __acc225;
                                        __win247 += __acc231;
                                        __w227[__kw228]
                                            .set(::oxidiff::__private::pos_zero(__win248));
                                        __win248 = __win247;
                                        __win247 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st252 = (__win247, __win248, __bc);
                                },
                            );
                            for (__lo250, (__win247, __win248, __part254)) in __parts253 {
                                let __base245 = __base245 + __lo250;
                                __bx.add(__base245 - 1usize, __win248);
                                __bc += __part254;
                            }
                        }
                    }
                    3u32 => {
                        let __g256 = __bv1;
                        __bv1 = ::oxidiff::__private::acc_zero::<f64>();
                        __bacc += __g256;
                    }
                    4u32 => {
                        let __g258 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __bv1 += __g258;
                    }
                    _ => {}
                }
            }
            let __cot198 = __bx.into_vec(__x_copy.len());
            let __cot199 = ::oxidiff::__private::pos_zero(__bc);
            (__cot198, __cot199)
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
        let __start123 = 0;
        let mut __trips80: usize = 0;
        for __i in 0..x.len() - 1 {
            let i = __i;
            let __i81 = i + 1;
            let __t82 = x[__i81];
            let __s83 = i;
            let __i86 = i;
            let __t87 = x[__i86];
            let __i90 = i;
            let __t91 = x[__i90];
            let __t92 = __t87 * __t91;
            let __t93 = __t82 - __t92;
            let __t94 = <f64>::powi(__t93, (2));
            let __t95 = (100.0) * __t94;
            let __i96 = i;
            let __t97 = x[__i96];
            let __t98 = (1.0) - __t97;
            let __t99 = c * __t98;
            let __t100 = __t95 + __t99;
            let __v = __t100;
            let __t118 = __acc;
            let __t119 = __v;
            let __t120 = __t118 + __t119;
            __acc = __t120;
            __trips80 += 1;
        }
        __tape2.push((__trips80, __start123));
        __ctrl.push(2u32);
        let __t135 = __acc;
        __v1 = __t135;
        __ctrl.push(3u32);
    }
    let __t137 = __v1;
    __ret0 = __t137;
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
                        let (__n122, __start123) = __tape2.pop();
                        if __n122 > 0 {
                            let (__base125, __base126) = {
                                let __i = __start123;
                                let i = __i;
                                let __s83 = i;
                                (
                                    {
                                        let i = __s83;
                                        i + 1
                                    },
                                    {
                                        let i = __s83;
                                        i
                                    },
                                )
                            };
                            let __w84 = &__x_copy[__base125..][..__n122];
                            let __w88 = &__x_copy[__base126..][..__n122];
                            let __parts133 = ::oxidiff::__private::par_replay_fresh::<
                                f64,
                                _,
                                1usize,
                            >(
                                __n122,
                                [__bx.par_window(__len_x, __base125, __n122)],
                                || (
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                ),
                                |__st132, __lo130, __hi131, [__w107]| {
                                    let (mut __win127, mut __win128, mut __bc) = *__st132;
                                    let mut __bacc = __bacc;
                                    let __w84 = &__w84[__lo130..__hi131];
                                    let __w88 = &__w88[__lo130..__hi131];
                                    for __k124 in (0..__hi131 - __lo130).rev() {
                                        let __i = __start123 + __lo130 + __k124;
                                        let i = __i;
                                        let __s83 = i;
                                        let __kw85 = __k124;
                                        debug_assert_eq!(
                                            { let i = __s83; i + 1 }, __base125 + __lo130 + __k124
                                        );
                                        let __kw89 = __k124;
                                        debug_assert_eq!(
                                            { let i = __s83; i }, __base126 + __lo130 + __k124
                                        );
                                        let __kw108 = __k124;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc105 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc111 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g121 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g121;
                                        __bv += __g121;
                                        let __g101 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g102 = __g101 * (100.0);
                                        let __p103 = ::oxidiff::__private::rules::powi(
                                            (__w84[__kw85] - (__w88[__kw89] * __w88[__kw89])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g104 = __g102 * __p103;
                                        __acc105 += __g104;
                                        let __g109 = -__g104;
                                        let __g110 = __g109 * __w88[__kw89];
                                        __acc111 += __g110;
                                        let __g114 = __g109 * __w88[__kw89];
                                        __acc111 += __g114;
                                        let __g115 = __g101 * ((1.0) - __w88[__kw89]);
                                        __bc += __g115;
                                        let __g116 = __g101 * c;
                                        let __g117 = -__g116;
                                        __acc111 += __g117;
                                        __win128 += __acc105;
                                        __win127 += __acc111;
                                        __w107[__kw108].set(__w107[__kw108].get() + __win128);
                                        __win128 = __win127;
                                        __win127 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st132 = (__win127, __win128, __bc);
                                },
                                |__st132, __lo130, __hi131, [__w107]| {
                                    let (mut __win127, mut __win128, mut __bc) = *__st132;
                                    let mut __bacc = __bacc;
                                    let __w84 = &__w84[__lo130..__hi131];
                                    let __w88 = &__w88[__lo130..__hi131];
                                    for __k124 in (0..__hi131 - __lo130).rev() {
                                        let __i = __start123 + __lo130 + __k124;
                                        let i = __i;
                                        let __s83 = i;
                                        let __kw85 = __k124;
                                        debug_assert_eq!(
                                            { let i = __s83; i + 1 }, __base125 + __lo130 + __k124
                                        );
                                        let __kw89 = __k124;
                                        debug_assert_eq!(
                                            { let i = __s83; i }, __base126 + __lo130 + __k124
                                        );
                                        let __kw108 = __k124;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc105 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc111 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g121 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g121;
                                        __bv += __g121;
                                        let __g101 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g102 = __g101 * (100.0);
                                        let __p103 = ::oxidiff::__private::rules::powi(
                                            (__w84[__kw85] - (__w88[__kw89] * __w88[__kw89])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g104 = __g102 * __p103;
                                        __acc105 += __g104;
                                        let __g109 = -__g104;
                                        let __g110 = __g109 * __w88[__kw89];
                                        __acc111 += __g110;
                                        let __g114 = __g109 * __w88[__kw89];
                                        __acc111 += __g114;
                                        let __g115 = __g101 * ((1.0) - __w88[__kw89]);
                                        __bc += __g115;
                                        let __g116 = __g101 * c;
                                        let __g117 = -__g116;
                                        __acc111 += __g117;
                                        __win128 += __acc105;
                                        __win127 += __acc111;
                                        __w107[__kw108]
                                            .set(::oxidiff::__private::pos_zero(__win128));
                                        __win128 = __win127;
                                        __win127 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st132 = (__win127, __win128, __bc);
                                },
                            );
                            for (__lo130, (__win127, __win128, __part134)) in __parts133 {
                                let __base125 = __base125 + __lo130;
                                __bx.add(__base125 - 1usize, __win128);
                                __bc += __part134;
                            }
                        }
                    }
                    3u32 => {
                        let __g136 = __bv1;
                        __bv1 = ::oxidiff::__private::acc_zero::<f64>();
                        __bacc += __g136;
                    }
                    4u32 => {
                        let __g138 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __bv1 += __g138;
                    }
                    _ => {}
                }
            }
            let __cot78 = __bx.into_vec(__x_copy.len());
            let __cot79 = ::oxidiff::__private::pos_zero(__bc);
            (__cot78, __cot79)
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
