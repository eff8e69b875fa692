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
    __want_value: bool,
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
        let __start287 = 0;
        let mut __trips245: usize = 0;
        if __want_value {
            let __parts304 = ::oxidiff::__private::par_lanes(
                0..x.len() - 1,
                |[__lane299, __lane300, __lane301, __lane302], __rest303| {
                    let mut __trips245: usize = 0;
                    let mut __acc306 = ::oxidiff::__private::zero::<f64>();
                    let mut __acc307 = ::oxidiff::__private::zero::<f64>();
                    let mut __acc308 = ::oxidiff::__private::zero::<f64>();
                    let mut __acc309 = ::oxidiff::__private::zero::<f64>();
                    for ((__ix310, __ix311), (__ix312, __ix313)) in __lane299
                        .zip(__lane300)
                        .zip(__lane301.zip(__lane302))
                    {
                        {
                            let __i = __ix310;
                            let mut __acc = __acc306;
                            let i = __i;
                            let __i246 = i + 1;
                            let __t247 = x[__i246];
                            let __s248 = i;
                            let __i251 = i;
                            let __t252 = x[__i251];
                            let __i255 = i;
                            let __t256 = x[__i255];
                            let __t257 = __t252 * __t256;
                            let __t258 = __t247 - __t257;
                            let __t259 = <f64>::powi(__t258, (2));
                            let __t260 = (100.0) * __t259;
                            let __i261 = i;
                            let __t262 = x[__i261];
                            let __t263 = (1.0) - __t262;
                            let __t264 = c * __t263;
                            let __t265 = __t260 + __t264;
                            let __v = __t265;
                            let __t283 = __acc;
                            let __t284 = __t283 + __v;
                            __acc = __t284;
                            __trips245 += 1;
                            __acc306 = __acc;
                        }
                        {
                            let __i = __ix311;
                            let mut __acc = __acc307;
                            let i = __i;
                            let __i246 = i + 1;
                            let __t247 = x[__i246];
                            let __s248 = i;
                            let __i251 = i;
                            let __t252 = x[__i251];
                            let __i255 = i;
                            let __t256 = x[__i255];
                            let __t257 = __t252 * __t256;
                            let __t258 = __t247 - __t257;
                            let __t259 = <f64>::powi(__t258, (2));
                            let __t260 = (100.0) * __t259;
                            let __i261 = i;
                            let __t262 = x[__i261];
                            let __t263 = (1.0) - __t262;
                            let __t264 = c * __t263;
                            let __t265 = __t260 + __t264;
                            let __v = __t265;
                            let __t283 = __acc;
                            let __t284 = __t283 + __v;
                            __acc = __t284;
                            __trips245 += 1;
                            __acc307 = __acc;
                        }
                        {
                            let __i = __ix312;
                            let mut __acc = __acc308;
                            let i = __i;
                            let __i246 = i + 1;
                            let __t247 = x[__i246];
                            let __s248 = i;
                            let __i251 = i;
                            let __t252 = x[__i251];
                            let __i255 = i;
                            let __t256 = x[__i255];
                            let __t257 = __t252 * __t256;
                            let __t258 = __t247 - __t257;
                            let __t259 = <f64>::powi(__t258, (2));
                            let __t260 = (100.0) * __t259;
                            let __i261 = i;
                            let __t262 = x[__i261];
                            let __t263 = (1.0) - __t262;
                            let __t264 = c * __t263;
                            let __t265 = __t260 + __t264;
                            let __v = __t265;
                            let __t283 = __acc;
                            let __t284 = __t283 + __v;
                            __acc = __t284;
                            __trips245 += 1;
                            __acc308 = __acc;
                        }
                        {
                            let __i = __ix313;
                            let mut __acc = __acc309;
                            let i = __i;
                            let __i246 = i + 1;
                            let __t247 = x[__i246];
                            let __s248 = i;
                            let __i251 = i;
                            let __t252 = x[__i251];
                            let __i255 = i;
                            let __t256 = x[__i255];
                            let __t257 = __t252 * __t256;
                            let __t258 = __t247 - __t257;
                            let __t259 = <f64>::powi(__t258, (2));
                            let __t260 = (100.0) * __t259;
                            let __i261 = i;
                            let __t262 = x[__i261];
                            let __t263 = (1.0) - __t262;
                            let __t264 = c * __t263;
                            let __t265 = __t260 + __t264;
                            let __v = __t265;
                            let __t283 = __acc;
                            let __t284 = __t283 + __v;
                            __acc = __t284;
                            __trips245 += 1;
                            __acc309 = __acc;
                        }
                    }
                    for __ix310 in __rest303 {
                        {
                            let __i = __ix310;
                            let mut __acc = __acc306;
                            let i = __i;
                            let __i246 = i + 1;
                            let __t247 = x[__i246];
                            let __s248 = i;
                            let __i251 = i;
                            let __t252 = x[__i251];
                            let __i255 = i;
                            let __t256 = x[__i255];
                            let __t257 = __t252 * __t256;
                            let __t258 = __t247 - __t257;
                            let __t259 = <f64>::powi(__t258, (2));
                            let __t260 = (100.0) * __t259;
                            let __i261 = i;
                            let __t262 = x[__i261];
                            let __t263 = (1.0) - __t262;
                            let __t264 = c * __t263;
                            let __t265 = __t260 + __t264;
                            let __v = __t265;
                            let __t283 = __acc;
                            let __t284 = __t283 + __v;
                            __acc = __t284;
                            __trips245 += 1;
                            __acc306 = __acc;
                        }
                    }
                    (__trips245, (__acc306 + __acc307) + (__acc308 + __acc309))
                },
            );
            for (__t305, __part314) in __parts304 {
                __trips245 += __t305;
                __acc = __acc + __part314;
            }
        } else {
            for __i in 0..x.len() - 1 {
                let i = __i;
                let __i246 = i + 1;
                let __t247 = x[__i246];
                let __s248 = i;
                let __i251 = i;
                let __t252 = x[__i251];
                let __i255 = i;
                let __t256 = x[__i255];
                let __t257 = __t252 * __t256;
                let __t258 = __t247 - __t257;
                let __t259 = <f64>::powi(__t258, (2));
                let __t260 = (100.0) * __t259;
                let __i261 = i;
                let __t262 = x[__i261];
                let __t263 = (1.0) - __t262;
                let __t264 = c * __t263;
                let __t265 = __t260 + __t264;
                let __v = __t265;
                let __t283 = __acc;
                let __t284 = __t283 + __v;
                __acc = __t284;
                __trips245 += 1;
            }
        }
        __tape2.push((__trips245, __start287));
        __ctrl.push(2u32);
        let __t315 = __acc;
        __v1 = __t315;
        __ctrl.push(3u32);
    }
    let __t317 = __v1;
    __ret0 = __t317;
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
                        let (__n286, __start287) = __tape2.pop();
                        if __n286 > 0 {
                            let (__base289, __base290) = {
                                let __i = __start287;
                                let i = __i;
                                let __s248 = i;
                                (
                                    {
                                        let i = __s248;
                                        i + 1
                                    },
                                    {
                                        let i = __s248;
                                        i
                                    },
                                )
                            };
                            let __w249 = &__x_copy[__base289..][..__n286];
                            let __w253 = &__x_copy[__base290..][..__n286];
                            let __parts297 = ::oxidiff::__private::par_replay_fresh::<
                                f64,
                                _,
                                1usize,
                            >(
                                __n286,
                                [__bx.par_window(__len_x, __base289, __n286)],
                                || (
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                ),
                                |__st296, __lo294, __hi295, [__w272]| {
                                    let (mut __win291, mut __win292, mut __bc) = *__st296;
                                    let mut __bacc = __bacc;
                                    let __w249 = &__w249[__lo294..__hi295];
                                    let __w253 = &__w253[__lo294..__hi295];
                                    for __k288 in (0..__hi295 - __lo294).rev() {
                                        let __i = __start287 + __lo294 + __k288;
                                        let i = __i;
                                        let __s248 = i;
                                        let __kw250 = __k288;
                                        debug_assert_eq!(
                                            { let i = __s248; i + 1 }, __base289 + __lo294 + __k288
                                        );
                                        let __kw254 = __k288;
                                        debug_assert_eq!(
                                            { let i = __s248; i }, __base290 + __lo294 + __k288
                                        );
                                        let __kw273 = __k288;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc270 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc276 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g285 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g285;
                                        __bv += __g285;
                                        let __g266 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g267 = __g266 * (100.0);
                                        let __p268 = ::oxidiff::__private::rules::powi(
                                            (__w249[__kw250] - (__w253[__kw254] * __w253[__kw254])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g269 = __g267 * __p268;
                                        __acc270 += __g269;
                                        let __g274 = -__g269;
                                        let __g275 = __g274 * __w253[__kw254];
                                        __acc276 += __g275;
                                        let __g279 = __g274 * __w253[__kw254];
                                        __acc276 += __g279;
                                        let __g280 = __g266 * ((1.0) - __w253[__kw254]);
                                        __bc += __g280;
                                        let __g281 = __g266 * c;
                                        let __g282 = -__g281;
                                        __acc276 += __g282;
                                        __win292 += __acc270;
                                        __win291 += __acc276;
                                        __w272[__kw273].set(__w272[__kw273].get() + __win292);
                                        __win292 = __win291;
                                        __win291 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st296 = (__win291, __win292, __bc);
                                },
                                |__st296, __lo294, __hi295, [__w272]| {
                                    let (mut __win291, mut __win292, mut __bc) = *__st296;
                                    let mut __bacc = __bacc;
                                    let __w249 = &__w249[__lo294..__hi295];
                                    let __w253 = &__w253[__lo294..__hi295];
                                    for __k288 in (0..__hi295 - __lo294).rev() {
                                        let __i = __start287 + __lo294 + __k288;
                                        let i = __i;
                                        let __s248 = i;
                                        let __kw250 = __k288;
                                        debug_assert_eq!(
                                            { let i = __s248; i + 1 }, __base289 + __lo294 + __k288
                                        );
                                        let __kw254 = __k288;
                                        debug_assert_eq!(
                                            { let i = __s248; i }, __base290 + __lo294 + __k288
                                        );
                                        let __kw273 = __k288;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc270 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc276 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g285 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g285;
                                        __bv += __g285;
                                        let __g266 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g267 = __g266 * (100.0);
                                        let __p268 = ::oxidiff::__private::rules::powi(
                                            (__w249[__kw250] - (__w253[__kw254] * __w253[__kw254])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g269 = __g267 * __p268;
                                        __acc270 += __g269;
                                        let __g274 = -__g269;
                                        let __g275 = __g274 * __w253[__kw254];
                                        __acc276 += __g275;
                                        let __g279 = __g274 * __w253[__kw254];
                                        __acc276 += __g279;
                                        let __g280 = __g266 * ((1.0) - __w253[__kw254]);
                                        __bc += __g280;
                                        let __g281 = __g266 * c;
                                        let __g282 = -__g281;
                                        __acc276 += __g282;
                                        __win292 += __acc270;
                                        __win291 += __acc276;
                                        __w272[__kw273]
                                            .set(::oxidiff::__private::pos_zero(__win292));
                                        __win292 = __win291;
                                        __win291 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st296 = (__win291, __win292, __bc);
                                },
                            );
                            for (__lo294, (__win291, __win292, __part298)) in __parts297 {
                                let __base289 = __base289 + __lo294;
                                __bx.add(__base289 - 1usize, __win292);
                                __bc += __part298;
                            }
                        }
                    }
                    3u32 => {
                        let __g316 = __bv1;
                        __bv1 = ::oxidiff::__private::acc_zero::<f64>();
                        __bacc += __g316;
                    }
                    4u32 => {
                        let __g318 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __bv1 += __g318;
                    }
                    _ => {}
                }
            }
            let __cot243 = __bx.into_vec(__x_copy.len());
            let __cot244 = ::oxidiff::__private::pos_zero(__bc);
            (__cot243, __cot244)
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
    let __want_value: bool = true;
    let __len_x = x.len();
    let __ret0: f64;
    let __x_copy = x.to_vec();
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __v1;
    {
        let mut __acc: f64 = (0.0);
        __ctrl.push(0u32);
        let __start137 = 0;
        let mut __trips95: usize = 0;
        if __want_value {
            let __parts154 = ::oxidiff::__private::par_lanes(
                0..x.len() - 1,
                |[__lane149, __lane150, __lane151, __lane152], __rest153| {
                    let mut __trips95: usize = 0;
                    let mut __acc156 = ::oxidiff::__private::zero::<f64>();
                    let mut __acc157 = ::oxidiff::__private::zero::<f64>();
                    let mut __acc158 = ::oxidiff::__private::zero::<f64>();
                    let mut __acc159 = ::oxidiff::__private::zero::<f64>();
                    for ((__ix160, __ix161), (__ix162, __ix163)) in __lane149
                        .zip(__lane150)
                        .zip(__lane151.zip(__lane152))
                    {
                        {
                            let __i = __ix160;
                            let mut __acc = __acc156;
                            let i = __i;
                            let __i96 = i + 1;
                            let __t97 = x[__i96];
                            let __s98 = i;
                            let __i101 = i;
                            let __t102 = x[__i101];
                            let __i105 = i;
                            let __t106 = x[__i105];
                            let __t107 = __t102 * __t106;
                            let __t108 = __t97 - __t107;
                            let __t109 = <f64>::powi(__t108, (2));
                            let __t110 = (100.0) * __t109;
                            let __i111 = i;
                            let __t112 = x[__i111];
                            let __t113 = (1.0) - __t112;
                            let __t114 = c * __t113;
                            let __t115 = __t110 + __t114;
                            let __v = __t115;
                            let __t133 = __acc;
                            let __t134 = __t133 + __v;
                            __acc = __t134;
                            __trips95 += 1;
                            __acc156 = __acc;
                        }
                        {
                            let __i = __ix161;
                            let mut __acc = __acc157;
                            let i = __i;
                            let __i96 = i + 1;
                            let __t97 = x[__i96];
                            let __s98 = i;
                            let __i101 = i;
                            let __t102 = x[__i101];
                            let __i105 = i;
                            let __t106 = x[__i105];
                            let __t107 = __t102 * __t106;
                            let __t108 = __t97 - __t107;
                            let __t109 = <f64>::powi(__t108, (2));
                            let __t110 = (100.0) * __t109;
                            let __i111 = i;
                            let __t112 = x[__i111];
                            let __t113 = (1.0) - __t112;
                            let __t114 = c * __t113;
                            let __t115 = __t110 + __t114;
                            let __v = __t115;
                            let __t133 = __acc;
                            let __t134 = __t133 + __v;
                            __acc = __t134;
                            __trips95 += 1;
                            __acc157 = __acc;
                        }
                        {
                            let __i = __ix162;
                            let mut __acc = __acc158;
                            let i = __i;
                            let __i96 = i + 1;
                            let __t97 = x[__i96];
                            let __s98 = i;
                            let __i101 = i;
                            let __t102 = x[__i101];
                            let __i105 = i;
                            let __t106 = x[__i105];
                            let __t107 = __t102 * __t106;
                            let __t108 = __t97 - __t107;
                            let __t109 = <f64>::powi(__t108, (2));
                            let __t110 = (100.0) * __t109;
                            let __i111 = i;
                            let __t112 = x[__i111];
                            let __t113 = (1.0) - __t112;
                            let __t114 = c * __t113;
                            let __t115 = __t110 + __t114;
                            let __v = __t115;
                            let __t133 = __acc;
                            let __t134 = __t133 + __v;
                            __acc = __t134;
                            __trips95 += 1;
                            __acc158 = __acc;
                        }
                        {
                            let __i = __ix163;
                            let mut __acc = __acc159;
                            let i = __i;
                            let __i96 = i + 1;
                            let __t97 = x[__i96];
                            let __s98 = i;
                            let __i101 = i;
                            let __t102 = x[__i101];
                            let __i105 = i;
                            let __t106 = x[__i105];
                            let __t107 = __t102 * __t106;
                            let __t108 = __t97 - __t107;
                            let __t109 = <f64>::powi(__t108, (2));
                            let __t110 = (100.0) * __t109;
                            let __i111 = i;
                            let __t112 = x[__i111];
                            let __t113 = (1.0) - __t112;
                            let __t114 = c * __t113;
                            let __t115 = __t110 + __t114;
                            let __v = __t115;
                            let __t133 = __acc;
                            let __t134 = __t133 + __v;
                            __acc = __t134;
                            __trips95 += 1;
                            __acc159 = __acc;
                        }
                    }
                    for __ix160 in __rest153 {
                        {
                            let __i = __ix160;
                            let mut __acc = __acc156;
                            let i = __i;
                            let __i96 = i + 1;
                            let __t97 = x[__i96];
                            let __s98 = i;
                            let __i101 = i;
                            let __t102 = x[__i101];
                            let __i105 = i;
                            let __t106 = x[__i105];
                            let __t107 = __t102 * __t106;
                            let __t108 = __t97 - __t107;
                            let __t109 = <f64>::powi(__t108, (2));
                            let __t110 = (100.0) * __t109;
                            let __i111 = i;
                            let __t112 = x[__i111];
                            let __t113 = (1.0) - __t112;
                            let __t114 = c * __t113;
                            let __t115 = __t110 + __t114;
                            let __v = __t115;
                            let __t133 = __acc;
                            let __t134 = __t133 + __v;
                            __acc = __t134;
                            __trips95 += 1;
                            __acc156 = __acc;
                        }
                    }
                    (__trips95, (__acc156 + __acc157) + (__acc158 + __acc159))
                },
            );
            for (__t155, __part164) in __parts154 {
                __trips95 += __t155;
                __acc = __acc + __part164;
            }
        } else {
            for __i in 0..x.len() - 1 {
                let i = __i;
                let __i96 = i + 1;
                let __t97 = x[__i96];
                let __s98 = i;
                let __i101 = i;
                let __t102 = x[__i101];
                let __i105 = i;
                let __t106 = x[__i105];
                let __t107 = __t102 * __t106;
                let __t108 = __t97 - __t107;
                let __t109 = <f64>::powi(__t108, (2));
                let __t110 = (100.0) * __t109;
                let __i111 = i;
                let __t112 = x[__i111];
                let __t113 = (1.0) - __t112;
                let __t114 = c * __t113;
                let __t115 = __t110 + __t114;
                let __v = __t115;
                let __t133 = __acc;
                let __t134 = __t133 + __v;
                __acc = __t134;
                __trips95 += 1;
            }
        }
        __tape2.push((__trips95, __start137));
        __ctrl.push(2u32);
        let __t165 = __acc;
        __v1 = __t165;
        __ctrl.push(3u32);
    }
    let __t167 = __v1;
    __ret0 = __t167;
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
                        let (__n136, __start137) = __tape2.pop();
                        if __n136 > 0 {
                            let (__base139, __base140) = {
                                let __i = __start137;
                                let i = __i;
                                let __s98 = i;
                                (
                                    {
                                        let i = __s98;
                                        i + 1
                                    },
                                    {
                                        let i = __s98;
                                        i
                                    },
                                )
                            };
                            let __w99 = &__x_copy[__base139..][..__n136];
                            let __w103 = &__x_copy[__base140..][..__n136];
                            let __parts147 = ::oxidiff::__private::par_replay_fresh::<
                                f64,
                                _,
                                1usize,
                            >(
                                __n136,
                                [__bx.par_window(__len_x, __base139, __n136)],
                                || (
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                    ::oxidiff::__private::acc_zero::<f64>(),
                                ),
                                |__st146, __lo144, __hi145, [__w122]| {
                                    let (mut __win141, mut __win142, mut __bc) = *__st146;
                                    let mut __bacc = __bacc;
                                    let __w99 = &__w99[__lo144..__hi145];
                                    let __w103 = &__w103[__lo144..__hi145];
                                    for __k138 in (0..__hi145 - __lo144).rev() {
                                        let __i = __start137 + __lo144 + __k138;
                                        let i = __i;
                                        let __s98 = i;
                                        let __kw100 = __k138;
                                        debug_assert_eq!(
                                            { let i = __s98; i + 1 }, __base139 + __lo144 + __k138
                                        );
                                        let __kw104 = __k138;
                                        debug_assert_eq!(
                                            { let i = __s98; i }, __base140 + __lo144 + __k138
                                        );
                                        let __kw123 = __k138;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc120 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc126 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g135 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g135;
                                        __bv += __g135;
                                        let __g116 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g117 = __g116 * (100.0);
                                        let __p118 = ::oxidiff::__private::rules::powi(
                                            (__w99[__kw100] - (__w103[__kw104] * __w103[__kw104])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g119 = __g117 * __p118;
                                        __acc120 += __g119;
                                        let __g124 = -__g119;
                                        let __g125 = __g124 * __w103[__kw104];
                                        __acc126 += __g125;
                                        let __g129 = __g124 * __w103[__kw104];
                                        __acc126 += __g129;
                                        let __g130 = __g116 * ((1.0) - __w103[__kw104]);
                                        __bc += __g130;
                                        let __g131 = __g116 * c;
                                        let __g132 = -__g131;
                                        __acc126 += __g132;
                                        __win142 += __acc120;
                                        __win141 += __acc126;
                                        __w122[__kw123].set(__w122[__kw123].get() + __win142);
                                        __win142 = __win141;
                                        __win141 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st146 = (__win141, __win142, __bc);
                                },
                                |__st146, __lo144, __hi145, [__w122]| {
                                    let (mut __win141, mut __win142, mut __bc) = *__st146;
                                    let mut __bacc = __bacc;
                                    let __w99 = &__w99[__lo144..__hi145];
                                    let __w103 = &__w103[__lo144..__hi145];
                                    for __k138 in (0..__hi145 - __lo144).rev() {
                                        let __i = __start137 + __lo144 + __k138;
                                        let i = __i;
                                        let __s98 = i;
                                        let __kw100 = __k138;
                                        debug_assert_eq!(
                                            { let i = __s98; i + 1 }, __base139 + __lo144 + __k138
                                        );
                                        let __kw104 = __k138;
                                        debug_assert_eq!(
                                            { let i = __s98; i }, __base140 + __lo144 + __k138
                                        );
                                        let __kw123 = __k138;
                                        let mut __bv: f64 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc120 = ::oxidiff::__private::acc_zero::<f64>();
                                        let mut __acc126 = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g135 = __bacc;
                                        __bacc = ::oxidiff::__private::acc_zero::<f64>();
                                        __bacc += __g135;
                                        __bv += __g135;
                                        let __g116 = __bv;
                                        __bv = ::oxidiff::__private::acc_zero::<f64>();
                                        let __g117 = __g116 * (100.0);
                                        let __p118 = ::oxidiff::__private::rules::powi(
                                            (__w99[__kw100] - (__w103[__kw104] * __w103[__kw104])),
                                            (2),
                                            ::oxidiff::__private::zero::<f64>(),
                                        );
                                        let __g119 = __g117 * __p118;
                                        __acc120 += __g119;
                                        let __g124 = -__g119;
                                        let __g125 = __g124 * __w103[__kw104];
                                        __acc126 += __g125;
                                        let __g129 = __g124 * __w103[__kw104];
                                        __acc126 += __g129;
                                        let __g130 = __g116 * ((1.0) - __w103[__kw104]);
                                        __bc += __g130;
                                        let __g131 = __g116 * c;
                                        let __g132 = -__g131;
                                        __acc126 += __g132;
                                        __win142 += __acc120;
                                        __win141 += __acc126;
                                        __w122[__kw123]
                                            .set(::oxidiff::__private::pos_zero(__win142));
                                        __win142 = __win141;
                                        __win141 = ::oxidiff::__private::acc_zero::<f64>();
                                    }
                                    *__st146 = (__win141, __win142, __bc);
                                },
                            );
                            for (__lo144, (__win141, __win142, __part148)) in __parts147 {
                                let __base139 = __base139 + __lo144;
                                __bx.add(__base139 - 1usize, __win142);
                                __bc += __part148;
                            }
                        }
                    }
                    3u32 => {
                        let __g166 = __bv1;
                        __bv1 = ::oxidiff::__private::acc_zero::<f64>();
                        __bacc += __g166;
                    }
                    4u32 => {
                        let __g168 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __bv1 += __g168;
                    }
                    _ => {}
                }
            }
            let __cot93 = __bx.into_vec(__x_copy.len());
            let __cot94 = ::oxidiff::__private::pos_zero(__bc);
            (__cot93, __cot94)
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
    let (_, __c) = __oxidiff_vg_scaled_rosen(
        x,
        c,
        ::oxidiff::__private::one::<f64>(),
        false,
    );
    (__c.0, __c.1)
}
///The value and gradient of [`scaled_rosen`] (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn scaled_rosen_value_and_grad(x: &[f64], c: f64) -> (f64, (::std::vec::Vec<f64>, f64)) {
    let (__v, __c) = __oxidiff_vg_scaled_rosen(
        x,
        c,
        ::oxidiff::__private::one::<f64>(),
        true,
    );
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
