// matmul_blocked8_vec4.wgsl — matmul_blocked_vec4.wgsl with 8x8 outputs per thread: still no
// shared memory and no barriers, but each step of 4 along k loads 8 vec4s of A and 8 of B for 256
// multiply-adds (the 4x4 kernel: 8 loads for 64). Why: on SwiftShader a load costs far more than a
// multiply-add, and a barrier stalls every invocation of a workgroup; this kernel has twice the work
// per load and none of the barriers. On a small-preset step there its products took about half the
// 4x4 kernel's GPU time (bench/profile-step.ts). For M and N multiples of 8, K and the strides multiples of
// 4 (every product of the lab's presets); matmul.ts runs matmul_blocked_vec4 otherwise.
// The code is written out by hand rather than with arrays: private arrays indexed in loops may be
// kept in memory instead of registers by a software compiler.

// Layout constants and vec4 bindings: matmul_vec4_common.wgsl.

const B8_WG: u32 = 8u;    // 8x8 threads per workgroup
const B8_TILE: u32 = 64u; // outputs per workgroup along each axis

@compute @workgroup_size(B8_WG, B8_WG)
fn matmul_blocked8_vec4(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
                        @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var z = wid.z; z < p.batch; z += nwg.z) {
    set_batch(z);
    for (var m0 = wid.y * B8_TILE + lid.y * 8u; m0 < p.M; m0 += nwg.y * B8_TILE) {
      for (var n0 = wid.x * B8_TILE + lid.x * 8u; n0 < p.N; n0 += nwg.x * B8_TILE) {
        if (!skip_block(m0, 8u, n0)) {
          block8(m0, n0);
        }
      }
    }
  }
}

// acc + a.x * b0 + a.y * b1 + a.z * b2 + a.w * b3: one output row's 4 columns over 4 steps of k.
fn fma4(acc: vec4<f32>, a: vec4<f32>, b0: vec4<f32>, b1: vec4<f32>, b2: vec4<f32>, b3: vec4<f32>) -> vec4<f32> {
  return acc + a.x * b0 + a.y * b1 + a.z * b2 + a.w * b3;
}

// The 8x8 outputs at (m0, n0): accumulators l_i = out[m0 + i, n0..n0+3], r_i = out[m0 + i, n0+4..n0+7].
fn block8(m0: u32, n0: u32) {
  // Offsets in vec4 units, as in matmul_blocked_vec4.wgsl: a k-major operand advances 1 vec4 per
  // 4 steps of k, the other kind 4 rows (4 * stride / 4 vec4s).
  let stepA = select(p.sAk / 4u, p.sAm / 4u, A_KMAJOR);
  let stepB = select(p.sBk / 4u, p.sBn / 4u, B_KMAJOR);
  let incA = select(4u * stepA, 1u, A_KMAJOR);
  let incB = select(4u * stepB, 1u, B_KMAJOR);
  let k0 = k_begin(m0, 4u);
  let k1 = k_end(m0, 8u, 4u);
  var ia = baseA / 4u + select(m0 / 4u, m0 * stepA, A_KMAJOR) + (k0 / 4u) * incA;
  var ib = baseB / 4u + select(n0 / 4u, n0 * stepB, B_KMAJOR) + (k0 / 4u) * incB;

  var l0 = vec4<f32>(0.0); var l1 = vec4<f32>(0.0); var l2 = vec4<f32>(0.0); var l3 = vec4<f32>(0.0); var l4 = vec4<f32>(0.0); var l5 = vec4<f32>(0.0); var l6 = vec4<f32>(0.0); var l7 = vec4<f32>(0.0);
  var r0 = vec4<f32>(0.0); var r1 = vec4<f32>(0.0); var r2 = vec4<f32>(0.0); var r3 = vec4<f32>(0.0); var r4 = vec4<f32>(0.0); var r5 = vec4<f32>(0.0); var r6 = vec4<f32>(0.0); var r7 = vec4<f32>(0.0);
  for (var k = k0; k < k1; k += 4u) {
    // A: ar_i = op(A)[m0 + i, k..k+3]. k-major: row i is vec4 i. Otherwise vec4 2j (+1) holds rows 0..3 (4..7) at k + j: transpose.
    var x0: vec4<f32>; var x1: vec4<f32>; var x2: vec4<f32>; var x3: vec4<f32>; var x4: vec4<f32>; var x5: vec4<f32>; var x6: vec4<f32>; var x7: vec4<f32>;
    if (A_KMAJOR) {
      x0 = a4[ia + 0u * stepA];
      x1 = a4[ia + 1u * stepA];
      x2 = a4[ia + 2u * stepA];
      x3 = a4[ia + 3u * stepA];
      x4 = a4[ia + 4u * stepA];
      x5 = a4[ia + 5u * stepA];
      x6 = a4[ia + 6u * stepA];
      x7 = a4[ia + 7u * stepA];
    } else {
      let u0 = a4[ia]; let v0 = a4[ia + 1u];
      let u1 = a4[ia + 1u * stepA]; let v1 = a4[ia + 1u * stepA + 1u];
      let u2 = a4[ia + 2u * stepA]; let v2 = a4[ia + 2u * stepA + 1u];
      let u3 = a4[ia + 3u * stepA]; let v3 = a4[ia + 3u * stepA + 1u];
      x0 = vec4<f32>(u0.x, u1.x, u2.x, u3.x);
      x1 = vec4<f32>(u0.y, u1.y, u2.y, u3.y);
      x2 = vec4<f32>(u0.z, u1.z, u2.z, u3.z);
      x3 = vec4<f32>(u0.w, u1.w, u2.w, u3.w);
      x4 = vec4<f32>(v0.x, v1.x, v2.x, v3.x);
      x5 = vec4<f32>(v0.y, v1.y, v2.y, v3.y);
      x6 = vec4<f32>(v0.z, v1.z, v2.z, v3.z);
      x7 = vec4<f32>(v0.w, v1.w, v2.w, v3.w);
    }
    // B: bl_j = op(B)[k + j, n0..n0+3], br_j = op(B)[k + j, n0+4..n0+7]. n-major: two vec4s per row j. Otherwise vec4 n holds column n0 + n over k..k+3: transpose.
    var bl0: vec4<f32>; var bl1: vec4<f32>; var bl2: vec4<f32>; var bl3: vec4<f32>; var br0: vec4<f32>; var br1: vec4<f32>; var br2: vec4<f32>; var br3: vec4<f32>;
    if (B_KMAJOR) {
      let y0 = b4[ib];
      let y1 = b4[ib + 1u * stepB];
      let y2 = b4[ib + 2u * stepB];
      let y3 = b4[ib + 3u * stepB];
      let y4 = b4[ib + 4u * stepB];
      let y5 = b4[ib + 5u * stepB];
      let y6 = b4[ib + 6u * stepB];
      let y7 = b4[ib + 7u * stepB];
      bl0 = vec4<f32>(y0.x, y1.x, y2.x, y3.x);
      br0 = vec4<f32>(y4.x, y5.x, y6.x, y7.x);
      bl1 = vec4<f32>(y0.y, y1.y, y2.y, y3.y);
      br1 = vec4<f32>(y4.y, y5.y, y6.y, y7.y);
      bl2 = vec4<f32>(y0.z, y1.z, y2.z, y3.z);
      br2 = vec4<f32>(y4.z, y5.z, y6.z, y7.z);
      bl3 = vec4<f32>(y0.w, y1.w, y2.w, y3.w);
      br3 = vec4<f32>(y4.w, y5.w, y6.w, y7.w);
    } else {
      bl0 = b4[ib]; br0 = b4[ib + 1u];
      bl1 = b4[ib + 1u * stepB]; br1 = b4[ib + 1u * stepB + 1u];
      bl2 = b4[ib + 2u * stepB]; br2 = b4[ib + 2u * stepB + 1u];
      bl3 = b4[ib + 3u * stepB]; br3 = b4[ib + 3u * stepB + 1u];
    }
    l0 = fma4(l0, x0, bl0, bl1, bl2, bl3); r0 = fma4(r0, x0, br0, br1, br2, br3);
    l1 = fma4(l1, x1, bl0, bl1, bl2, bl3); r1 = fma4(r1, x1, br0, br1, br2, br3);
    l2 = fma4(l2, x2, bl0, bl1, bl2, bl3); r2 = fma4(r2, x2, br0, br1, br2, br3);
    l3 = fma4(l3, x3, bl0, bl1, bl2, bl3); r3 = fma4(r3, x3, br0, br1, br2, br3);
    l4 = fma4(l4, x4, bl0, bl1, bl2, bl3); r4 = fma4(r4, x4, br0, br1, br2, br3);
    l5 = fma4(l5, x5, bl0, bl1, bl2, bl3); r5 = fma4(r5, x5, br0, br1, br2, br3);
    l6 = fma4(l6, x6, bl0, bl1, bl2, bl3); r6 = fma4(r6, x6, br0, br1, br2, br3);
    l7 = fma4(l7, x7, bl0, bl1, bl2, bl3); r7 = fma4(r7, x7, br0, br1, br2, br3);
    ia += incA;
    ib += incB;
  }
  var biasl = vec4<f32>(0.0);
  var biasr = vec4<f32>(0.0);
  if (p.hasBias == 1u) {
    biasl = bias4[n0 / 4u];
    biasr = bias4[n0 / 4u + 1u];
  }
  store8(m0 + 0u, n0, l0, r0, biasl, biasr);
  store8(m0 + 1u, n0, l1, r1, biasl, biasr);
  store8(m0 + 2u, n0, l2, r2, biasl, biasr);
  store8(m0 + 3u, n0, l3, r3, biasl, biasr);
  store8(m0 + 4u, n0, l4, r4, biasl, biasr);
  store8(m0 + 5u, n0, l5, r5, biasl, biasr);
  store8(m0 + 6u, n0, l6, r6, biasl, biasr);
  store8(m0 + 7u, n0, l7, r7, biasl, biasr);
}

// out[m, n0..n0+7] = alpha * dot + bias (+ what is there when accumulating), as two vec4s.
fn store8(m: u32, n0: u32, dl: vec4<f32>, dr: vec4<f32>, biasl: vec4<f32>, biasr: vec4<f32>) {
  let i = (baseO + m * p.sOm + n0) / 4u;
  var vl = p.alpha * dl + biasl;
  var vr = p.alpha * dr + biasr;
  if (p.accumulate == 1u) {
    vl += out4[i];
    vr += out4[i + 1u];
  }
  out4[i] = vl;
  out4[i + 1u] = vr;
}
