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
            let __start168 = (0);
            let mut __trips138: usize = 0;
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
                let __i139 = jm;
                let __t140 = u[__i139];
                let __s141 = jm;
                let __i142 = j;
                let __t143 = u[__i142];
                let __s144 = j;
                let __t145 = (2.0) * __t143;
                let __t146 = __t140 - __t145;
                let __i147 = jp;
                let __t148 = u[__i147];
                let __s149 = jp;
                let __t150 = __t146 + __t148;
                let lap = __t150;
                let __t157 = e;
                let __t158 = lap;
                let __t159 = c * __t158;
                let __t160 = __t159 * __t158;
                let __t161 = __t157 + __t160;
                e = __t161;
                __tape1.push((__t158, __t159));
                __trips138 += 1;
            }
            __tape2.push((__trips138, __start168));
            __ctrl.push(2u32);
            let __start203 = (0) + 1;
            let mut __trips169: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i170 = jm;
                let __t171 = u[__i170];
                let __s172 = jm;
                let __i173 = j;
                let __t174 = u[__i173];
                let __s175 = j;
                let __t176 = (2.0) * __t174;
                let __t177 = __t171 - __t176;
                let __i178 = jp;
                let __t179 = u[__i178];
                let __s180 = jp;
                let __t181 = __t177 + __t179;
                let lap = __t181;
                let __t188 = e;
                let __t189 = lap;
                let __t190 = c * __t189;
                let __t191 = __t190 * __t189;
                let __t192 = __t188 + __t191;
                e = __t192;
                __tape3.push((__t189, __t190));
                __trips169 += 1;
            }
            __tape4.push((__trips169, __start203));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start234 = (n) - 1;
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
                    let __t211 = (2.0) * __t209;
                    let __t212 = __t206 - __t211;
                    let __i213 = jp;
                    let __t214 = u[__i213];
                    let __s215 = jp;
                    let __t216 = __t212 + __t214;
                    let lap = __t216;
                    let __t223 = e;
                    let __t224 = lap;
                    let __t225 = c * __t224;
                    let __t226 = __t225 * __t224;
                    let __t227 = __t223 + __t226;
                    e = __t227;
                    __tape5.push((__t224, __t225));
                    __trips204 += 1;
                }
                __tape6.push((__trips204, __start234));
                __ctrl.push(6u32);
            }
        }
    }
    let __t235 = e;
    __ret0 = __t235;
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
                        let (__n167, __start168) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start168..__start168 + __n167).rev() {
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
                            let __s144 = j;
                            let __s141 = jm;
                            let __s149 = jp;
                            let (__t158, __t159) = __tape1.pop();
                            let mut __acc152 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc155 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc156 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g162 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g162;
                            let __g163 = __g162 * __t158;
                            let __g164 = __g163 * __t158;
                            __bc += __g164;
                            let __g165 = __g163 * c;
                            __blap += __g165;
                            let __g166 = __g162 * __t159;
                            __blap += __g166;
                            let __g151 = __blap;
                            __blap = ::oxidiff::__private::acc_zero::<f64>();
                            __acc152 += __g151;
                            let __g153 = -__g151;
                            let __g154 = __g153 * (2.0);
                            __acc155 += __g154;
                            __acc156 += __g151;
                            __bu.add(
                                {
                                    let jm = __s141;
                                    jm
                                },
                                __acc152,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s144;
                                    j
                                },
                                __acc155,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s149;
                                    jp
                                },
                                __acc156,
                            );
                        }
                    }
                    4u32 => {
                        let (__n198, __start203) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win199 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win200 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win201 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __last202: usize = 0;
                        for j in (__start203..__start203 + __n198).rev() {
                            let jm = (j - (1));
                            let jp = (j + (1));
                            let __s175 = j;
                            let __s172 = jm;
                            let __s180 = jp;
                            let (__t189, __t190) = __tape3.pop();
                            let mut __acc183 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc186 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc187 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g193 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g193;
                            let __g194 = __g193 * __t189;
                            let __g195 = __g194 * __t189;
                            __bc += __g195;
                            let __g196 = __g194 * c;
                            __blap_1 += __g196;
                            let __g197 = __g193 * __t190;
                            __blap_1 += __g197;
                            let __g182 = __blap_1;
                            __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                            __acc183 += __g182;
                            let __g184 = -__g182;
                            let __g185 = __g184 * (2.0);
                            __acc186 += __g185;
                            __acc187 += __g182;
                            __win199 += __acc183;
                            __win200 += __acc186;
                            __win201 += __acc187;
                            __last202 = {
                                let jp = __s180;
                                jp
                            };
                            __bu.add(__last202, __win201);
                            __win201 = __win200;
                            __win200 = __win199;
                            __win199 = ::oxidiff::__private::acc_zero::<f64>();
                        }
                        if __n198 > 0 {
                            __bu.add(__last202 - 2usize, __win200);
                            __bu.add(__last202 - 1usize, __win201);
                        }
                    }
                    6u32 => {
                        let (__n233, __start234) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start234..__start234 + __n233).rev() {
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
                            let __s215 = jp;
                            let (__t224, __t225) = __tape5.pop();
                            let mut __acc218 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc221 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc222 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g228 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g228;
                            let __g229 = __g228 * __t224;
                            let __g230 = __g229 * __t224;
                            __bc += __g230;
                            let __g231 = __g229 * c;
                            __blap_2 += __g231;
                            let __g232 = __g228 * __t225;
                            __blap_2 += __g232;
                            let __g217 = __blap_2;
                            __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                            __acc218 += __g217;
                            let __g219 = -__g217;
                            let __g220 = __g219 * (2.0);
                            __acc221 += __g220;
                            __acc222 += __g217;
                            __bu.add(
                                {
                                    let jm = __s207;
                                    jm
                                },
                                __acc218,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s210;
                                    j
                                },
                                __acc221,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s215;
                                    jp
                                },
                                __acc222,
                            );
                        }
                    }
                    7u32 => {
                        let __g236 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g236;
                    }
                    _ => {}
                }
            }
            let __cot136 = __bu.into_vec(__u_copy.len());
            let __cot137 = ::oxidiff::__private::pos_zero(__bc);
            (__cot136, __cot137)
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
            let __start168 = (0);
            let mut __trips138: usize = 0;
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
                let __i139 = jm;
                let __t140 = u[__i139];
                let __s141 = jm;
                let __i142 = j;
                let __t143 = u[__i142];
                let __s144 = j;
                let __t145 = (2.0) * __t143;
                let __t146 = __t140 - __t145;
                let __i147 = jp;
                let __t148 = u[__i147];
                let __s149 = jp;
                let __t150 = __t146 + __t148;
                let lap = __t150;
                let __t157 = e;
                let __t158 = lap;
                let __t159 = c * __t158;
                let __t160 = __t159 * __t158;
                let __t161 = __t157 + __t160;
                e = __t161;
                __tape1.push((__t158, __t159));
                __trips138 += 1;
            }
            __tape2.push((__trips138, __start168));
            __ctrl.push(2u32);
            let __start203 = (0) + 1;
            let mut __trips169: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i170 = jm;
                let __t171 = u[__i170];
                let __s172 = jm;
                let __i173 = j;
                let __t174 = u[__i173];
                let __s175 = j;
                let __t176 = (2.0) * __t174;
                let __t177 = __t171 - __t176;
                let __i178 = jp;
                let __t179 = u[__i178];
                let __s180 = jp;
                let __t181 = __t177 + __t179;
                let lap = __t181;
                let __t188 = e;
                let __t189 = lap;
                let __t190 = c * __t189;
                let __t191 = __t190 * __t189;
                let __t192 = __t188 + __t191;
                e = __t192;
                __tape3.push((__t189, __t190));
                __trips169 += 1;
            }
            __tape4.push((__trips169, __start203));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start234 = (n) - 1;
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
                    let __t211 = (2.0) * __t209;
                    let __t212 = __t206 - __t211;
                    let __i213 = jp;
                    let __t214 = u[__i213];
                    let __s215 = jp;
                    let __t216 = __t212 + __t214;
                    let lap = __t216;
                    let __t223 = e;
                    let __t224 = lap;
                    let __t225 = c * __t224;
                    let __t226 = __t225 * __t224;
                    let __t227 = __t223 + __t226;
                    e = __t227;
                    __tape5.push((__t224, __t225));
                    __trips204 += 1;
                }
                __tape6.push((__trips204, __start234));
                __ctrl.push(6u32);
            }
        }
    }
    let __t235 = e;
    __ret0 = __t235;
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
                        let (__n167, __start168) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start168..__start168 + __n167).rev() {
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
                            let __s144 = j;
                            let __s141 = jm;
                            let __s149 = jp;
                            let (__t158, __t159) = __tape1.pop();
                            let mut __acc152 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc155 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc156 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g162 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g162;
                            let __g163 = __g162 * __t158;
                            let __g164 = __g163 * __t158;
                            __bc += __g164;
                            let __g165 = __g163 * c;
                            __blap += __g165;
                            let __g166 = __g162 * __t159;
                            __blap += __g166;
                            let __g151 = __blap;
                            __blap = ::oxidiff::__private::acc_zero::<f64>();
                            __acc152 += __g151;
                            let __g153 = -__g151;
                            let __g154 = __g153 * (2.0);
                            __acc155 += __g154;
                            __acc156 += __g151;
                            __bu.add(
                                {
                                    let jm = __s141;
                                    jm
                                },
                                __acc152,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s144;
                                    j
                                },
                                __acc155,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s149;
                                    jp
                                },
                                __acc156,
                            );
                        }
                    }
                    4u32 => {
                        let (__n198, __start203) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win199 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win200 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win201 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __last202: usize = 0;
                        for j in (__start203..__start203 + __n198).rev() {
                            let jm = (j - (1));
                            let jp = (j + (1));
                            let __s175 = j;
                            let __s172 = jm;
                            let __s180 = jp;
                            let (__t189, __t190) = __tape3.pop();
                            let mut __acc183 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc186 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc187 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g193 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g193;
                            let __g194 = __g193 * __t189;
                            let __g195 = __g194 * __t189;
                            __bc += __g195;
                            let __g196 = __g194 * c;
                            __blap_1 += __g196;
                            let __g197 = __g193 * __t190;
                            __blap_1 += __g197;
                            let __g182 = __blap_1;
                            __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                            __acc183 += __g182;
                            let __g184 = -__g182;
                            let __g185 = __g184 * (2.0);
                            __acc186 += __g185;
                            __acc187 += __g182;
                            __win199 += __acc183;
                            __win200 += __acc186;
                            __win201 += __acc187;
                            __last202 = {
                                let jp = __s180;
                                jp
                            };
                            __bu.add(__last202, __win201);
                            __win201 = __win200;
                            __win200 = __win199;
                            __win199 = ::oxidiff::__private::acc_zero::<f64>();
                        }
                        if __n198 > 0 {
                            __bu.add(__last202 - 2usize, __win200);
                            __bu.add(__last202 - 1usize, __win201);
                        }
                    }
                    6u32 => {
                        let (__n233, __start234) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start234..__start234 + __n233).rev() {
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
                            let __s215 = jp;
                            let (__t224, __t225) = __tape5.pop();
                            let mut __acc218 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc221 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc222 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g228 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g228;
                            let __g229 = __g228 * __t224;
                            let __g230 = __g229 * __t224;
                            __bc += __g230;
                            let __g231 = __g229 * c;
                            __blap_2 += __g231;
                            let __g232 = __g228 * __t225;
                            __blap_2 += __g232;
                            let __g217 = __blap_2;
                            __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                            __acc218 += __g217;
                            let __g219 = -__g217;
                            let __g220 = __g219 * (2.0);
                            __acc221 += __g220;
                            __acc222 += __g217;
                            __bu.add(
                                {
                                    let jm = __s207;
                                    jm
                                },
                                __acc218,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s210;
                                    j
                                },
                                __acc221,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s215;
                                    jp
                                },
                                __acc222,
                            );
                        }
                    }
                    7u32 => {
                        let __g236 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g236;
                    }
                    _ => {}
                }
            }
            let __cot136 = __bu.into_vec(__u_copy.len());
            let __cot137 = ::oxidiff::__private::pos_zero(__bc);
            (__cot136, __cot137)
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
            let __start132 = (0);
            let mut __trips102: usize = 0;
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
                let __i103 = jm;
                let __t104 = u[__i103];
                let __s105 = jm;
                let __i106 = j;
                let __t107 = u[__i106];
                let __s108 = j;
                let __t109 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t107;
                let __t110 = __t104 - __t109;
                let __i111 = jp;
                let __t112 = u[__i111];
                let __s113 = jp;
                let __t114 = __t110 + __t112;
                let lap = __t114;
                let __t121 = e;
                let __t122 = lap;
                let __t123 = c * __t122;
                let __t124 = __t123 * __t122;
                let __t125 = __t121 + __t124;
                e = __t125;
                __tape1.push((__t122, __t123));
                __trips102 += 1;
            }
            __tape2.push((__trips102, __start132));
            __ctrl.push(2u32);
            let __start167 = (0) + 1;
            let mut __trips133: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i134 = jm;
                let __t135 = u[__i134];
                let __s136 = jm;
                let __i137 = j;
                let __t138 = u[__i137];
                let __s139 = j;
                let __t140 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t138;
                let __t141 = __t135 - __t140;
                let __i142 = jp;
                let __t143 = u[__i142];
                let __s144 = jp;
                let __t145 = __t141 + __t143;
                let lap = __t145;
                let __t152 = e;
                let __t153 = lap;
                let __t154 = c * __t153;
                let __t155 = __t154 * __t153;
                let __t156 = __t152 + __t155;
                e = __t156;
                __tape3.push((__t153, __t154));
                __trips133 += 1;
            }
            __tape4.push((__trips133, __start167));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start198 = (n) - 1;
                let mut __trips168: usize = 0;
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
                    let __i169 = jm;
                    let __t170 = u[__i169];
                    let __s171 = jm;
                    let __i172 = j;
                    let __t173 = u[__i172];
                    let __s174 = j;
                    let __t175 = ::oxidiff::__private::lift::<
                        ::oxidiff::__private::Dual<f64>,
                        _,
                    >((2.0)) * __t173;
                    let __t176 = __t170 - __t175;
                    let __i177 = jp;
                    let __t178 = u[__i177];
                    let __s179 = jp;
                    let __t180 = __t176 + __t178;
                    let lap = __t180;
                    let __t187 = e;
                    let __t188 = lap;
                    let __t189 = c * __t188;
                    let __t190 = __t189 * __t188;
                    let __t191 = __t187 + __t190;
                    e = __t191;
                    __tape5.push((__t188, __t189));
                    __trips168 += 1;
                }
                __tape6.push((__trips168, __start198));
                __ctrl.push(6u32);
            }
        }
    }
    let __t199 = e;
    __ret0 = __t199;
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
                        let (__n131, __start132) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start132..__start132 + __n131).rev() {
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
                            let __s108 = j;
                            let __s105 = jm;
                            let __s113 = jp;
                            let (__t122, __t123) = __tape1.pop();
                            let mut __acc116 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc119 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc120 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g126 = __be;
                            __be = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __be += __g126;
                            let __g127 = __g126 * __t122;
                            let __g128 = __g127 * __t122;
                            __bc += __g128;
                            let __g129 = __g127 * c;
                            __blap += __g129;
                            let __g130 = __g126 * __t123;
                            __blap += __g130;
                            let __g115 = __blap;
                            __blap = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __acc116 += __g115;
                            let __g117 = -__g115;
                            let __g118 = __g117
                                * ::oxidiff::__private::lift::<
                                    ::oxidiff::__private::Dual<f64>,
                                    _,
                                >((2.0));
                            __acc119 += __g118;
                            __acc120 += __g115;
                            __bu.add(
                                {
                                    let jm = __s105;
                                    jm
                                },
                                __acc116,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s108;
                                    j
                                },
                                __acc119,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s113;
                                    jp
                                },
                                __acc120,
                            );
                        }
                    }
                    4u32 => {
                        let (__n162, __start167) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win163 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win164 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win165 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __last166: usize = 0;
                        for j in (__start167..__start167 + __n162).rev() {
                            let jm = (j - (1));
                            let jp = (j + (1));
                            let __s139 = j;
                            let __s136 = jm;
                            let __s144 = jp;
                            let (__t153, __t154) = __tape3.pop();
                            let mut __acc147 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc150 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc151 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g157 = __be;
                            __be = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __be += __g157;
                            let __g158 = __g157 * __t153;
                            let __g159 = __g158 * __t153;
                            __bc += __g159;
                            let __g160 = __g158 * c;
                            __blap_1 += __g160;
                            let __g161 = __g157 * __t154;
                            __blap_1 += __g161;
                            let __g146 = __blap_1;
                            __blap_1 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __acc147 += __g146;
                            let __g148 = -__g146;
                            let __g149 = __g148
                                * ::oxidiff::__private::lift::<
                                    ::oxidiff::__private::Dual<f64>,
                                    _,
                                >((2.0));
                            __acc150 += __g149;
                            __acc151 += __g146;
                            __win163 += __acc147;
                            __win164 += __acc150;
                            __win165 += __acc151;
                            __last166 = {
                                let jp = __s144;
                                jp
                            };
                            __bu.add(__last166, __win165);
                            __win165 = __win164;
                            __win164 = __win163;
                            __win163 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                        }
                        if __n162 > 0 {
                            __bu.add(__last166 - 2usize, __win164);
                            __bu.add(__last166 - 1usize, __win165);
                        }
                    }
                    6u32 => {
                        let (__n197, __start198) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start198..__start198 + __n197).rev() {
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
                            let __s174 = j;
                            let __s171 = jm;
                            let __s179 = jp;
                            let (__t188, __t189) = __tape5.pop();
                            let mut __acc182 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc185 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc186 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g192 = __be;
                            __be = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __be += __g192;
                            let __g193 = __g192 * __t188;
                            let __g194 = __g193 * __t188;
                            __bc += __g194;
                            let __g195 = __g193 * c;
                            __blap_2 += __g195;
                            let __g196 = __g192 * __t189;
                            __blap_2 += __g196;
                            let __g181 = __blap_2;
                            __blap_2 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __acc182 += __g181;
                            let __g183 = -__g181;
                            let __g184 = __g183
                                * ::oxidiff::__private::lift::<
                                    ::oxidiff::__private::Dual<f64>,
                                    _,
                                >((2.0));
                            __acc185 += __g184;
                            __acc186 += __g181;
                            __bu.add(
                                {
                                    let jm = __s171;
                                    jm
                                },
                                __acc182,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s174;
                                    j
                                },
                                __acc185,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s179;
                                    jp
                                },
                                __acc186,
                            );
                        }
                    }
                    7u32 => {
                        let __g200 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __be += __g200;
                    }
                    _ => {}
                }
            }
            let __cot100 = __bu.into_vec(__u_copy.len());
            let __cot101 = ::oxidiff::__private::pos_zero(__bc);
            (__cot100, __cot101)
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
