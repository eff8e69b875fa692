fn smooth_energy(u: &[f64], c: f64) -> f64 {
    let n = u.len();
    let mut e = 0.0;
    for j in 0..n {
        let jm = if j == 0 { n - 1 } else { j - 1 };
        let jp = if j == n - 1 { 0 } else { j + 1 };
        let lap = u[jm] - 2.0 * u[j] + u[jp];
        e += c * lap * lap;
    }
    e
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
fn __oxidiff_vg_smooth_energy(
    u: &[f64],
    c: f64,
    __ybar: f64,
) -> (f64, (::std::vec::Vec<f64>, <f64 as ::oxidiff::__private::Tangent>::Tangent)) {
    let _ = smooth_energy;
    let __len_u = u.len();
    let __ret0: f64;
    let __u_copy: &[_] = &u[..];
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape1 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape3 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape5 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = (0.0);
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start190 = (0);
            let mut __trips158: usize = 0;
            for j in (0)..(0) + 1 {
                let mut __v1;
                if j == 0 {
                    __v1 = (n - (1));
                } else {
                    {
                        __v1 = (j - (1));
                    }
                }
                let jm = __v1;
                let mut __v2;
                if j == n - 1 {
                    __v2 = (0);
                } else {
                    {
                        __v2 = (j + (1));
                    }
                }
                let jp = __v2;
                let __i159 = jm;
                let __t160 = u[__i159];
                let __s161 = jm;
                let __i162 = j;
                let __t163 = u[__i162];
                let __s164 = j;
                let __t167 = (2.0) * __t163;
                let __t168 = __t160 - __t167;
                let __i169 = jp;
                let __t170 = u[__i169];
                let __s171 = jp;
                let __t172 = __t168 + __t170;
                let lap = __t172;
                let __t179 = e;
                let __t180 = lap;
                let __t181 = c * __t180;
                let __t182 = __t181 * __t180;
                let __t183 = __t179 + __t182;
                e = __t183;
                __tape1.push((__t180, __t181));
                __trips158 += 1;
            }
            __tape2.push((__trips158, __start190));
            __ctrl.push(2u32);
            let __start229 = (0) + 1;
            let mut __trips193: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i194 = jm;
                let __t195 = u[__i194];
                let __s196 = jm;
                let __i199 = j;
                let __t200 = u[__i199];
                let __s201 = j;
                let __t204 = (2.0) * __t200;
                let __t205 = __t195 - __t204;
                let __i206 = jp;
                let __t207 = u[__i206];
                let __s208 = jp;
                let __t211 = __t205 + __t207;
                let lap = __t211;
                let __t218 = e;
                let __t219 = lap;
                let __t220 = c * __t219;
                let __t221 = __t220 * __t219;
                let __t222 = __t218 + __t221;
                e = __t222;
                __tape3.push((__t219, __t220));
                __trips193 += 1;
            }
            __tape4.push((__trips193, __start229));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start272 = (n) - 1;
                let mut __trips240: usize = 0;
                for j in (n) - 1..(n) {
                    let mut __v3;
                    if j == 0 {
                        __v3 = (n - (1));
                    } else {
                        {
                            __v3 = (j - (1));
                        }
                    }
                    let jm = __v3;
                    let mut __v4;
                    if j == n - 1 {
                        __v4 = (0);
                    } else {
                        {
                            __v4 = (j + (1));
                        }
                    }
                    let jp = __v4;
                    let __i241 = jm;
                    let __t242 = u[__i241];
                    let __s243 = jm;
                    let __i244 = j;
                    let __t245 = u[__i244];
                    let __s246 = j;
                    let __t249 = (2.0) * __t245;
                    let __t250 = __t242 - __t249;
                    let __i251 = jp;
                    let __t252 = u[__i251];
                    let __s253 = jp;
                    let __t254 = __t250 + __t252;
                    let lap = __t254;
                    let __t261 = e;
                    let __t262 = lap;
                    let __t263 = c * __t262;
                    let __t264 = __t263 * __t262;
                    let __t265 = __t261 + __t264;
                    e = __t265;
                    __tape5.push((__t262, __t263));
                    __trips240 += 1;
                }
                __tape6.push((__trips240, __start272));
                __ctrl.push(6u32);
            }
        }
    }
    let __t275 = e;
    __ret0 = __t275;
    __ctrl.push(7u32);
    let __value = __ret0;
    (
        __value,
        {
            let mut __bu = ::oxidiff::__private::AdjVec::<f64>::new();
            let mut __bc: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bret0: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __be: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap_1: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap_2: f64 = ::oxidiff::__private::zero::<f64>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __be = ::oxidiff::__private::acc_zero::<f64>();
                    }
                    2u32 => {
                        let (__n189, __start190) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n189 > 0 {
                            let (__base192,) = {
                                let j = __start190;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s164 = j;
                                let __s161 = jm;
                                let __s171 = jp;
                                (
                                    {
                                        let j = __s164;
                                        j
                                    },
                                )
                            };
                            let __w165 = &__u_copy[__base192..][..__n189];
                            for __k191 in (0..__n189).rev() {
                                let j = __start190 + __k191;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s164 = j;
                                let __s161 = jm;
                                let __s171 = jp;
                                let (__t180, __t181) = __tape1.pop();
                                let __kw166 = __k191;
                                debug_assert_eq!({ let j = __s164; j }, __base192 + __k191);
                                let mut __acc174 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc177 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc178 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g184 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g184;
                                let __g185 = __g184 * __t180;
                                let __g186 = __g185 * __t180;
                                __bc += __g186;
                                let __g187 = __g185 * c;
                                __blap += __g187;
                                let __g188 = __g184 * __t181;
                                __blap += __g188;
                                let __g173 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<f64>();
                                __acc174 += __g173;
                                let __g175 = -__g173;
                                let __g176 = __g175 * (2.0);
                                __acc177 += __g176;
                                __acc178 += __g173;
                                __bu.add(
                                    {
                                        let jm = __s161;
                                        jm
                                    },
                                    __acc174,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s164;
                                        j
                                    },
                                    __acc177,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s171;
                                        jp
                                    },
                                    __acc178,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n228, __start229) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win231 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win232 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win233 = ::oxidiff::__private::acc_zero::<f64>();
                        if __n228 > 0 {
                            let (__base235, __base237, __base238, __base239) = {
                                let j = __start229;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s201 = j;
                                let __s196 = jm;
                                let __s208 = jp;
                                (
                                    {
                                        let jp = __s208;
                                        jp
                                    },
                                    {
                                        let jm = __s196;
                                        jm
                                    },
                                    {
                                        let j = __s201;
                                        j
                                    },
                                    {
                                        let jp = __s208;
                                        jp
                                    },
                                )
                            };
                            let __bw236 = __bu.window(__base235, __n228);
                            let __w197 = &__u_copy[__base237..][..__n228];
                            let __w202 = &__u_copy[__base238..][..__n228];
                            let __w209 = &__u_copy[__base239..][..__n228];
                            for __k230 in (0..__n228).rev() {
                                let j = __start229 + __k230;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s201 = j;
                                let __s196 = jm;
                                let __s208 = jp;
                                let (__t219, __t220) = __tape3.pop();
                                let __kw198 = __k230;
                                debug_assert_eq!(
                                    { let jm = __s196; jm }, __base237 + __k230
                                );
                                let __kw203 = __k230;
                                debug_assert_eq!({ let j = __s201; j }, __base238 + __k230);
                                let __kw210 = __k230;
                                debug_assert_eq!(
                                    { let jp = __s208; jp }, __base239 + __k230
                                );
                                let mut __acc213 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc216 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc217 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g223 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g223;
                                let __g224 = __g223 * __t219;
                                let __g225 = __g224 * __t219;
                                __bc += __g225;
                                let __g226 = __g224 * c;
                                __blap_1 += __g226;
                                let __g227 = __g223 * __t220;
                                __blap_1 += __g227;
                                let __g212 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc213 += __g212;
                                let __g214 = -__g212;
                                let __g215 = __g214 * (2.0);
                                __acc216 += __g215;
                                __acc217 += __g212;
                                __win231 += __acc213;
                                __win232 += __acc216;
                                __win233 += __acc217;
                                debug_assert_eq!(
                                    { let jp = __s208; jp }, __base235 + __k230
                                );
                                __bw236[__k230] += __win233;
                                __win233 = __win232;
                                __win232 = __win231;
                                __win231 = ::oxidiff::__private::acc_zero::<f64>();
                            }
                            __bu.add(__base235 - 2usize, __win232);
                            __bu.add(__base235 - 1usize, __win233);
                        }
                    }
                    6u32 => {
                        let (__n271, __start272) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n271 > 0 {
                            let (__base274,) = {
                                let j = __start272;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s246 = j;
                                let __s243 = jm;
                                let __s253 = jp;
                                (
                                    {
                                        let j = __s246;
                                        j
                                    },
                                )
                            };
                            let __w247 = &__u_copy[__base274..][..__n271];
                            for __k273 in (0..__n271).rev() {
                                let j = __start272 + __k273;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s246 = j;
                                let __s243 = jm;
                                let __s253 = jp;
                                let (__t262, __t263) = __tape5.pop();
                                let __kw248 = __k273;
                                debug_assert_eq!({ let j = __s246; j }, __base274 + __k273);
                                let mut __acc256 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc259 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc260 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g266 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g266;
                                let __g267 = __g266 * __t262;
                                let __g268 = __g267 * __t262;
                                __bc += __g268;
                                let __g269 = __g267 * c;
                                __blap_2 += __g269;
                                let __g270 = __g266 * __t263;
                                __blap_2 += __g270;
                                let __g255 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc256 += __g255;
                                let __g257 = -__g255;
                                let __g258 = __g257 * (2.0);
                                __acc259 += __g258;
                                __acc260 += __g255;
                                __bu.add(
                                    {
                                        let jm = __s243;
                                        jm
                                    },
                                    __acc256,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s246;
                                        j
                                    },
                                    __acc259,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s253;
                                        jp
                                    },
                                    __acc260,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g276 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g276;
                    }
                    _ => {}
                }
            }
            let __cot156 = __bu.into_vec(__u_copy.len());
            let __cot157 = ::oxidiff::__private::pos_zero(__bc);
            (__cot156, __cot157)
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
fn __oxidiff_jvp_smooth_energy(
    u: &[f64],
    c: f64,
    mut __du: &[f64],
    mut __dc: <f64 as ::oxidiff::__private::Tangent>::Tangent,
) -> (f64, f64) {
    let _ = smooth_energy;
    let __ret0: f64;
    let __dret0: f64;
    let n = (u.len());
    let mut e = (0.0);
    let mut __de = ::oxidiff::__private::zero::<f64>();
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            for j in (0)..(0) + 1 {
                let mut __v1;
                if j == 0 {
                    __v1 = (n - (1));
                } else {
                    {
                        __v1 = (j - (1));
                    }
                }
                let jm = __v1;
                let mut __v2;
                if j == n - 1 {
                    __v2 = (0);
                } else {
                    {
                        __v2 = (j + (1));
                    }
                }
                let jp = __v2;
                let __i1 = jm;
                let __t2 = u[__i1];
                let __i3 = j;
                let __t4 = u[__i3];
                let __t5 = (2.0) * __t4;
                let __dt5 = (2.0) * __du[__i3];
                let __t6 = __t2 - __t5;
                let __dt6 = __du[__i1] - __dt5;
                let __i7 = jp;
                let __t8 = u[__i7];
                let __t9 = __t6 + __t8;
                let __dt9 = __dt6 + __du[__i7];
                let lap = __t9;
                let __dlap = __dt9;
                let __t10 = c * lap;
                let __dt10 = __dc * lap + c * __dlap;
                let __t11 = __t10 * lap;
                let __dt11 = __dt10 * lap + __t10 * __dlap;
                let __t12 = e + __t11;
                let __dt12 = __de + __dt11;
                e = __t12;
                __de = __dt12;
            }
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i13 = jm;
                let __t14 = u[__i13];
                let __i15 = j;
                let __t16 = u[__i15];
                let __t17 = (2.0) * __t16;
                let __dt17 = (2.0) * __du[__i15];
                let __t18 = __t14 - __t17;
                let __dt18 = __du[__i13] - __dt17;
                let __i19 = jp;
                let __t20 = u[__i19];
                let __t21 = __t18 + __t20;
                let __dt21 = __dt18 + __du[__i19];
                let lap = __t21;
                let __dlap_1 = __dt21;
                let __t22 = c * lap;
                let __dt22 = __dc * lap + c * __dlap_1;
                let __t23 = __t22 * lap;
                let __dt23 = __dt22 * lap + __t22 * __dlap_1;
                let __t24 = e + __t23;
                let __dt24 = __de + __dt23;
                e = __t24;
                __de = __dt24;
            }
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                for j in (n) - 1..(n) {
                    let mut __v3;
                    if j == 0 {
                        __v3 = (n - (1));
                    } else {
                        {
                            __v3 = (j - (1));
                        }
                    }
                    let jm = __v3;
                    let mut __v4;
                    if j == n - 1 {
                        __v4 = (0);
                    } else {
                        {
                            __v4 = (j + (1));
                        }
                    }
                    let jp = __v4;
                    let __i25 = jm;
                    let __t26 = u[__i25];
                    let __i27 = j;
                    let __t28 = u[__i27];
                    let __t29 = (2.0) * __t28;
                    let __dt29 = (2.0) * __du[__i27];
                    let __t30 = __t26 - __t29;
                    let __dt30 = __du[__i25] - __dt29;
                    let __i31 = jp;
                    let __t32 = u[__i31];
                    let __t33 = __t30 + __t32;
                    let __dt33 = __dt30 + __du[__i31];
                    let lap = __t33;
                    let __dlap_2 = __dt33;
                    let __t34 = c * lap;
                    let __dt34 = __dc * lap + c * __dlap_2;
                    let __t35 = __t34 * lap;
                    let __dt35 = __dt34 * lap + __t34 * __dlap_2;
                    let __t36 = e + __t35;
                    let __dt36 = __de + __dt35;
                    e = __t36;
                    __de = __dt36;
                }
            }
        }
    }
    __ret0 = e;
    __dret0 = __de;
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
fn __oxidiff_vjp_smooth_energy(
    u: &[f64],
    c: f64,
) -> (
    f64,
    impl ::core::ops::FnOnce(
        f64,
    ) -> (::std::vec::Vec<f64>, <f64 as ::oxidiff::__private::Tangent>::Tangent),
) {
    let _ = smooth_energy;
    let __len_u = u.len();
    let __ret0: f64;
    let __u_copy = u.to_vec();
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape1 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape3 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape5 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = (0.0);
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start190 = (0);
            let mut __trips158: usize = 0;
            for j in (0)..(0) + 1 {
                let mut __v1;
                if j == 0 {
                    __v1 = (n - (1));
                } else {
                    {
                        __v1 = (j - (1));
                    }
                }
                let jm = __v1;
                let mut __v2;
                if j == n - 1 {
                    __v2 = (0);
                } else {
                    {
                        __v2 = (j + (1));
                    }
                }
                let jp = __v2;
                let __i159 = jm;
                let __t160 = u[__i159];
                let __s161 = jm;
                let __i162 = j;
                let __t163 = u[__i162];
                let __s164 = j;
                let __t167 = (2.0) * __t163;
                let __t168 = __t160 - __t167;
                let __i169 = jp;
                let __t170 = u[__i169];
                let __s171 = jp;
                let __t172 = __t168 + __t170;
                let lap = __t172;
                let __t179 = e;
                let __t180 = lap;
                let __t181 = c * __t180;
                let __t182 = __t181 * __t180;
                let __t183 = __t179 + __t182;
                e = __t183;
                __tape1.push((__t180, __t181));
                __trips158 += 1;
            }
            __tape2.push((__trips158, __start190));
            __ctrl.push(2u32);
            let __start229 = (0) + 1;
            let mut __trips193: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i194 = jm;
                let __t195 = u[__i194];
                let __s196 = jm;
                let __i199 = j;
                let __t200 = u[__i199];
                let __s201 = j;
                let __t204 = (2.0) * __t200;
                let __t205 = __t195 - __t204;
                let __i206 = jp;
                let __t207 = u[__i206];
                let __s208 = jp;
                let __t211 = __t205 + __t207;
                let lap = __t211;
                let __t218 = e;
                let __t219 = lap;
                let __t220 = c * __t219;
                let __t221 = __t220 * __t219;
                let __t222 = __t218 + __t221;
                e = __t222;
                __tape3.push((__t219, __t220));
                __trips193 += 1;
            }
            __tape4.push((__trips193, __start229));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start272 = (n) - 1;
                let mut __trips240: usize = 0;
                for j in (n) - 1..(n) {
                    let mut __v3;
                    if j == 0 {
                        __v3 = (n - (1));
                    } else {
                        {
                            __v3 = (j - (1));
                        }
                    }
                    let jm = __v3;
                    let mut __v4;
                    if j == n - 1 {
                        __v4 = (0);
                    } else {
                        {
                            __v4 = (j + (1));
                        }
                    }
                    let jp = __v4;
                    let __i241 = jm;
                    let __t242 = u[__i241];
                    let __s243 = jm;
                    let __i244 = j;
                    let __t245 = u[__i244];
                    let __s246 = j;
                    let __t249 = (2.0) * __t245;
                    let __t250 = __t242 - __t249;
                    let __i251 = jp;
                    let __t252 = u[__i251];
                    let __s253 = jp;
                    let __t254 = __t250 + __t252;
                    let lap = __t254;
                    let __t261 = e;
                    let __t262 = lap;
                    let __t263 = c * __t262;
                    let __t264 = __t263 * __t262;
                    let __t265 = __t261 + __t264;
                    e = __t265;
                    __tape5.push((__t262, __t263));
                    __trips240 += 1;
                }
                __tape6.push((__trips240, __start272));
                __ctrl.push(6u32);
            }
        }
    }
    let __t275 = e;
    __ret0 = __t275;
    __ctrl.push(7u32);
    (
        __ret0,
        move |__ybar: f64| {
            let mut __bu = ::oxidiff::__private::AdjVec::<f64>::new();
            let mut __bc: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bret0: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __be: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap_1: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap_2: f64 = ::oxidiff::__private::zero::<f64>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __be = ::oxidiff::__private::acc_zero::<f64>();
                    }
                    2u32 => {
                        let (__n189, __start190) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n189 > 0 {
                            let (__base192,) = {
                                let j = __start190;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s164 = j;
                                let __s161 = jm;
                                let __s171 = jp;
                                (
                                    {
                                        let j = __s164;
                                        j
                                    },
                                )
                            };
                            let __w165 = &__u_copy[__base192..][..__n189];
                            for __k191 in (0..__n189).rev() {
                                let j = __start190 + __k191;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s164 = j;
                                let __s161 = jm;
                                let __s171 = jp;
                                let (__t180, __t181) = __tape1.pop();
                                let __kw166 = __k191;
                                debug_assert_eq!({ let j = __s164; j }, __base192 + __k191);
                                let mut __acc174 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc177 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc178 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g184 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g184;
                                let __g185 = __g184 * __t180;
                                let __g186 = __g185 * __t180;
                                __bc += __g186;
                                let __g187 = __g185 * c;
                                __blap += __g187;
                                let __g188 = __g184 * __t181;
                                __blap += __g188;
                                let __g173 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<f64>();
                                __acc174 += __g173;
                                let __g175 = -__g173;
                                let __g176 = __g175 * (2.0);
                                __acc177 += __g176;
                                __acc178 += __g173;
                                __bu.add(
                                    {
                                        let jm = __s161;
                                        jm
                                    },
                                    __acc174,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s164;
                                        j
                                    },
                                    __acc177,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s171;
                                        jp
                                    },
                                    __acc178,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n228, __start229) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win231 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win232 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win233 = ::oxidiff::__private::acc_zero::<f64>();
                        if __n228 > 0 {
                            let (__base235, __base237, __base238, __base239) = {
                                let j = __start229;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s201 = j;
                                let __s196 = jm;
                                let __s208 = jp;
                                (
                                    {
                                        let jp = __s208;
                                        jp
                                    },
                                    {
                                        let jm = __s196;
                                        jm
                                    },
                                    {
                                        let j = __s201;
                                        j
                                    },
                                    {
                                        let jp = __s208;
                                        jp
                                    },
                                )
                            };
                            let __bw236 = __bu.window(__base235, __n228);
                            let __w197 = &__u_copy[__base237..][..__n228];
                            let __w202 = &__u_copy[__base238..][..__n228];
                            let __w209 = &__u_copy[__base239..][..__n228];
                            for __k230 in (0..__n228).rev() {
                                let j = __start229 + __k230;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s201 = j;
                                let __s196 = jm;
                                let __s208 = jp;
                                let (__t219, __t220) = __tape3.pop();
                                let __kw198 = __k230;
                                debug_assert_eq!(
                                    { let jm = __s196; jm }, __base237 + __k230
                                );
                                let __kw203 = __k230;
                                debug_assert_eq!({ let j = __s201; j }, __base238 + __k230);
                                let __kw210 = __k230;
                                debug_assert_eq!(
                                    { let jp = __s208; jp }, __base239 + __k230
                                );
                                let mut __acc213 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc216 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc217 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g223 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g223;
                                let __g224 = __g223 * __t219;
                                let __g225 = __g224 * __t219;
                                __bc += __g225;
                                let __g226 = __g224 * c;
                                __blap_1 += __g226;
                                let __g227 = __g223 * __t220;
                                __blap_1 += __g227;
                                let __g212 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc213 += __g212;
                                let __g214 = -__g212;
                                let __g215 = __g214 * (2.0);
                                __acc216 += __g215;
                                __acc217 += __g212;
                                __win231 += __acc213;
                                __win232 += __acc216;
                                __win233 += __acc217;
                                debug_assert_eq!(
                                    { let jp = __s208; jp }, __base235 + __k230
                                );
                                __bw236[__k230] += __win233;
                                __win233 = __win232;
                                __win232 = __win231;
                                __win231 = ::oxidiff::__private::acc_zero::<f64>();
                            }
                            __bu.add(__base235 - 2usize, __win232);
                            __bu.add(__base235 - 1usize, __win233);
                        }
                    }
                    6u32 => {
                        let (__n271, __start272) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n271 > 0 {
                            let (__base274,) = {
                                let j = __start272;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s246 = j;
                                let __s243 = jm;
                                let __s253 = jp;
                                (
                                    {
                                        let j = __s246;
                                        j
                                    },
                                )
                            };
                            let __w247 = &__u_copy[__base274..][..__n271];
                            for __k273 in (0..__n271).rev() {
                                let j = __start272 + __k273;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s246 = j;
                                let __s243 = jm;
                                let __s253 = jp;
                                let (__t262, __t263) = __tape5.pop();
                                let __kw248 = __k273;
                                debug_assert_eq!({ let j = __s246; j }, __base274 + __k273);
                                let mut __acc256 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc259 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc260 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g266 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g266;
                                let __g267 = __g266 * __t262;
                                let __g268 = __g267 * __t262;
                                __bc += __g268;
                                let __g269 = __g267 * c;
                                __blap_2 += __g269;
                                let __g270 = __g266 * __t263;
                                __blap_2 += __g270;
                                let __g255 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc256 += __g255;
                                let __g257 = -__g255;
                                let __g258 = __g257 * (2.0);
                                __acc259 += __g258;
                                __acc260 += __g255;
                                __bu.add(
                                    {
                                        let jm = __s243;
                                        jm
                                    },
                                    __acc256,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s246;
                                        j
                                    },
                                    __acc259,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s253;
                                        jp
                                    },
                                    __acc260,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g276 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g276;
                    }
                    _ => {}
                }
            }
            let __cot156 = __bu.into_vec(__u_copy.len());
            let __cot157 = ::oxidiff::__private::pos_zero(__bc);
            (__cot156, __cot157)
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
fn __oxidiff_dvjp_smooth_energy(
    u: &[::oxidiff::__private::Dual<f64>],
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
    let _ = smooth_energy;
    let c: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::lift(__arg_c);
    let __len_u = u.len();
    let __ret0: ::oxidiff::__private::Dual<f64>;
    let __u_copy = u.to_vec();
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape1 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape3 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape5 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = ::oxidiff::__private::lift::<::oxidiff::__private::Dual<f64>, _>((0.0));
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start154 = (0);
            let mut __trips122: usize = 0;
            for j in (0)..(0) + 1 {
                let mut __v1;
                if j == 0 {
                    __v1 = (n - (1));
                } else {
                    {
                        __v1 = (j - (1));
                    }
                }
                let jm = __v1;
                let mut __v2;
                if j == n - 1 {
                    __v2 = (0);
                } else {
                    {
                        __v2 = (j + (1));
                    }
                }
                let jp = __v2;
                let __i123 = jm;
                let __t124 = u[__i123];
                let __s125 = jm;
                let __i126 = j;
                let __t127 = u[__i126];
                let __s128 = j;
                let __t131 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t127;
                let __t132 = __t124 - __t131;
                let __i133 = jp;
                let __t134 = u[__i133];
                let __s135 = jp;
                let __t136 = __t132 + __t134;
                let lap = __t136;
                let __t143 = e;
                let __t144 = lap;
                let __t145 = c * __t144;
                let __t146 = __t145 * __t144;
                let __t147 = __t143 + __t146;
                e = __t147;
                __tape1.push((__t144, __t145));
                __trips122 += 1;
            }
            __tape2.push((__trips122, __start154));
            __ctrl.push(2u32);
            let __start193 = (0) + 1;
            let mut __trips157: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i158 = jm;
                let __t159 = u[__i158];
                let __s160 = jm;
                let __i163 = j;
                let __t164 = u[__i163];
                let __s165 = j;
                let __t168 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t164;
                let __t169 = __t159 - __t168;
                let __i170 = jp;
                let __t171 = u[__i170];
                let __s172 = jp;
                let __t175 = __t169 + __t171;
                let lap = __t175;
                let __t182 = e;
                let __t183 = lap;
                let __t184 = c * __t183;
                let __t185 = __t184 * __t183;
                let __t186 = __t182 + __t185;
                e = __t186;
                __tape3.push((__t183, __t184));
                __trips157 += 1;
            }
            __tape4.push((__trips157, __start193));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start236 = (n) - 1;
                let mut __trips204: usize = 0;
                for j in (n) - 1..(n) {
                    let mut __v3;
                    if j == 0 {
                        __v3 = (n - (1));
                    } else {
                        {
                            __v3 = (j - (1));
                        }
                    }
                    let jm = __v3;
                    let mut __v4;
                    if j == n - 1 {
                        __v4 = (0);
                    } else {
                        {
                            __v4 = (j + (1));
                        }
                    }
                    let jp = __v4;
                    let __i205 = jm;
                    let __t206 = u[__i205];
                    let __s207 = jm;
                    let __i208 = j;
                    let __t209 = u[__i208];
                    let __s210 = j;
                    let __t213 = ::oxidiff::__private::lift::<
                        ::oxidiff::__private::Dual<f64>,
                        _,
                    >((2.0)) * __t209;
                    let __t214 = __t206 - __t213;
                    let __i215 = jp;
                    let __t216 = u[__i215];
                    let __s217 = jp;
                    let __t218 = __t214 + __t216;
                    let lap = __t218;
                    let __t225 = e;
                    let __t226 = lap;
                    let __t227 = c * __t226;
                    let __t228 = __t227 * __t226;
                    let __t229 = __t225 + __t228;
                    e = __t229;
                    __tape5.push((__t226, __t227));
                    __trips204 += 1;
                }
                __tape6.push((__trips204, __start236));
                __ctrl.push(6u32);
            }
        }
    }
    let __t239 = e;
    __ret0 = __t239;
    __ctrl.push(7u32);
    (
        __ret0,
        move |__ybar: ::oxidiff::__private::Dual<f64>| {
            let mut __bu = ::oxidiff::__private::AdjVec::<
                ::oxidiff::__private::Dual<f64>,
            >::new();
            let mut __bc: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __bret0: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __be: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __blap: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __blap_1: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __blap_2: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __be = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                    }
                    2u32 => {
                        let (__n153, __start154) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n153 > 0 {
                            let (__base156,) = {
                                let j = __start154;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s128 = j;
                                let __s125 = jm;
                                let __s135 = jp;
                                (
                                    {
                                        let j = __s128;
                                        j
                                    },
                                )
                            };
                            let __w129 = &__u_copy[__base156..][..__n153];
                            for __k155 in (0..__n153).rev() {
                                let j = __start154 + __k155;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s128 = j;
                                let __s125 = jm;
                                let __s135 = jp;
                                let (__t144, __t145) = __tape1.pop();
                                let __kw130 = __k155;
                                debug_assert_eq!({ let j = __s128; j }, __base156 + __k155);
                                let mut __acc138 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc141 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc142 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g148 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g148;
                                let __g149 = __g148 * __t144;
                                let __g150 = __g149 * __t144;
                                __bc += __g150;
                                let __g151 = __g149 * c;
                                __blap += __g151;
                                let __g152 = __g148 * __t145;
                                __blap += __g152;
                                let __g137 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc138 += __g137;
                                let __g139 = -__g137;
                                let __g140 = __g139
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc141 += __g140;
                                __acc142 += __g137;
                                __bu.add(
                                    {
                                        let jm = __s125;
                                        jm
                                    },
                                    __acc138,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s128;
                                        j
                                    },
                                    __acc141,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s135;
                                        jp
                                    },
                                    __acc142,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n192, __start193) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win195 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win196 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win197 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        if __n192 > 0 {
                            let (__base199, __base201, __base202, __base203) = {
                                let j = __start193;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s165 = j;
                                let __s160 = jm;
                                let __s172 = jp;
                                (
                                    {
                                        let jp = __s172;
                                        jp
                                    },
                                    {
                                        let jm = __s160;
                                        jm
                                    },
                                    {
                                        let j = __s165;
                                        j
                                    },
                                    {
                                        let jp = __s172;
                                        jp
                                    },
                                )
                            };
                            let __bw200 = __bu.window(__base199, __n192);
                            let __w161 = &__u_copy[__base201..][..__n192];
                            let __w166 = &__u_copy[__base202..][..__n192];
                            let __w173 = &__u_copy[__base203..][..__n192];
                            for __k194 in (0..__n192).rev() {
                                let j = __start193 + __k194;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s165 = j;
                                let __s160 = jm;
                                let __s172 = jp;
                                let (__t183, __t184) = __tape3.pop();
                                let __kw162 = __k194;
                                debug_assert_eq!(
                                    { let jm = __s160; jm }, __base201 + __k194
                                );
                                let __kw167 = __k194;
                                debug_assert_eq!({ let j = __s165; j }, __base202 + __k194);
                                let __kw174 = __k194;
                                debug_assert_eq!(
                                    { let jp = __s172; jp }, __base203 + __k194
                                );
                                let mut __acc177 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc180 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc181 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g187 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g187;
                                let __g188 = __g187 * __t183;
                                let __g189 = __g188 * __t183;
                                __bc += __g189;
                                let __g190 = __g188 * c;
                                __blap_1 += __g190;
                                let __g191 = __g187 * __t184;
                                __blap_1 += __g191;
                                let __g176 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc177 += __g176;
                                let __g178 = -__g176;
                                let __g179 = __g178
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc180 += __g179;
                                __acc181 += __g176;
                                __win195 += __acc177;
                                __win196 += __acc180;
                                __win197 += __acc181;
                                debug_assert_eq!(
                                    { let jp = __s172; jp }, __base199 + __k194
                                );
                                __bw200[__k194] += __win197;
                                __win197 = __win196;
                                __win196 = __win195;
                                __win195 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                            }
                            __bu.add(__base199 - 2usize, __win196);
                            __bu.add(__base199 - 1usize, __win197);
                        }
                    }
                    6u32 => {
                        let (__n235, __start236) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n235 > 0 {
                            let (__base238,) = {
                                let j = __start236;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s210 = j;
                                let __s207 = jm;
                                let __s217 = jp;
                                (
                                    {
                                        let j = __s210;
                                        j
                                    },
                                )
                            };
                            let __w211 = &__u_copy[__base238..][..__n235];
                            for __k237 in (0..__n235).rev() {
                                let j = __start236 + __k237;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s210 = j;
                                let __s207 = jm;
                                let __s217 = jp;
                                let (__t226, __t227) = __tape5.pop();
                                let __kw212 = __k237;
                                debug_assert_eq!({ let j = __s210; j }, __base238 + __k237);
                                let mut __acc220 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc223 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc224 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g230 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g230;
                                let __g231 = __g230 * __t226;
                                let __g232 = __g231 * __t226;
                                __bc += __g232;
                                let __g233 = __g231 * c;
                                __blap_2 += __g233;
                                let __g234 = __g230 * __t227;
                                __blap_2 += __g234;
                                let __g219 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc220 += __g219;
                                let __g221 = -__g219;
                                let __g222 = __g221
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc223 += __g222;
                                __acc224 += __g219;
                                __bu.add(
                                    {
                                        let jm = __s207;
                                        jm
                                    },
                                    __acc220,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s210;
                                        j
                                    },
                                    __acc223,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s217;
                                        jp
                                    },
                                    __acc224,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g240 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __be += __g240;
                    }
                    _ => {}
                }
            }
            let __cot120 = __bu.into_vec(__u_copy.len());
            let __cot121 = ::oxidiff::__private::pos_zero(__bc);
            (__cot120, __cot121)
        },
    )
}
///Forward mode of [`smooth_energy`]: its value and its directional derivative along the tangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
fn smooth_energy_jvp(u: &[f64], c: f64, du: &[f64], dc: f64) -> (f64, f64) {
    __oxidiff_jvp_smooth_energy(u, c, du, dc)
}
///Reverse mode of [`smooth_energy`]: its value and the pullback, which maps a cotangent of the result to the cotangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::type_complexity)]
fn smooth_energy_vjp(
    u: &[f64],
    c: f64,
) -> (f64, impl ::core::ops::FnOnce(f64) -> (::std::vec::Vec<f64>, f64)) {
    let (__v, __pb) = __oxidiff_vjp_smooth_energy(u, c);
    (
        __v,
        move |__g: f64| {
            let __c = __pb(__g);
            (__c.0, __c.1)
        },
    )
}
///The gradient of [`smooth_energy`] with respect to its active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn smooth_energy_grad(u: &[f64], c: f64) -> (::std::vec::Vec<f64>, f64) {
    let (_, __c) = __oxidiff_vg_smooth_energy(u, c, ::oxidiff::__private::one::<f64>());
    (__c.0, __c.1)
}
///The value and gradient of [`smooth_energy`] (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn smooth_energy_value_and_grad(
    u: &[f64],
    c: f64,
) -> (f64, (::std::vec::Vec<f64>, f64)) {
    let (__v, __c) = __oxidiff_vg_smooth_energy(
        u,
        c,
        ::oxidiff::__private::one::<f64>(),
    );
    (__v, (__c.0, __c.1))
}
///The Jacobian of [`smooth_energy`]: one row per result component, one column per component of the active arguments flattened in argument order; forward mode when there are fewer inputs than outputs, reverse mode otherwise (generated by `#[differentiable]`).
#[allow(non_snake_case, clippy::needless_range_loop)]
fn smooth_energy_jacobian(u: &[f64], c: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_u = u.len();
    let __n_c = 1usize;
    let __total = (0usize + __n_u + __n_c);
    let __y = smooth_energy(u, c);
    let mut __row = ::std::vec::Vec::new();
    ::oxidiff::__private::Flatten::<f64>::flatten_into(&__y, &mut __row);
    let __m = __row.len();
    let mut __jac = ::std::vec![
        ::std::vec![::oxidiff::__private::zero:: < f64 > (); __total]; __m
    ];
    if __total <= __m {
        for __k in 0..__total {
            let (_, __col) = smooth_energy_jvp(
                u,
                c,
                &::oxidiff::__private::unit_part::<f64>(__k, (0usize), __n_u),
                ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize + __n_u)),
            );
            let mut __row = ::std::vec::Vec::with_capacity(__m);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__col, &mut __row);
            for __i in 0..__m {
                __jac[__i][__k] = __row[__i];
            }
        }
    } else {
        for __j in 0..__m {
            let (_, __pb) = smooth_energy_vjp(u, c);
            let __cot = __pb(::oxidiff::__private::unit_scalar::<f64>(__j, 0));
            let mut __row = ::std::vec::Vec::with_capacity(__total);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot.0, &mut __row);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot.1, &mut __row);
            __jac[__j] = __row;
        }
    }
    __jac
}
///The Hessian of [`smooth_energy`] times a vector (forward over reverse mode, no n² work), in the form of `smooth_energy_grad`'s result (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
fn smooth_energy_hvp(
    u: &[f64],
    c: f64,
    du: &[f64],
    dc: f64,
) -> (::std::vec::Vec<f64>, f64) {
    let (_, __pb) = __oxidiff_dvjp_smooth_energy(
        &::oxidiff::__private::dual_vec(u, du),
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
///The Hessian of [`smooth_energy`] with respect to its active arguments flattened in argument order (generated by `#[differentiable]`).
#[allow(non_snake_case)]
fn smooth_energy_hessian(u: &[f64], c: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_u = u.len();
    let __n_c = 1usize;
    let __total = (0usize + __n_u + __n_c);
    let mut __rows = ::std::vec::Vec::with_capacity(__total);
    for __k in 0..__total {
        let __h = smooth_energy_hvp(
            u,
            c,
            &::oxidiff::__private::unit_part::<f64>(__k, (0usize), __n_u),
            ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize + __n_u)),
        );
        let mut __row = ::std::vec::Vec::with_capacity(__total);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h.0, &mut __row);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h.1, &mut __row);
        __rows.push(__row);
    }
    __rows
}
