// matmul_blocked_vec4.wgsl — matmul_blocked.wgsl with 16-byte loads: the same 4x4 outputs per
// thread and no shared memory or barriers, but A and B are read as vec4s, a 4x4 block of each per
// four steps of k (8 loads for 64 multiply-adds instead of 32). For sizes, strides and batch
// offsets that are multiples of 4 (every shape of the lab's models); matmul.ts runs matmul_blocked
// otherwise.
// Why: on SwiftShader every load costs far more than a multiply-add; fewer, wider loads win.

// Layout constants and vec4 bindings: matmul_vec4_common.wgsl.

const V4_WG: u32 = 8u;    // 8x8 threads per workgroup
const V4_TILE: u32 = 32u; // outputs per workgroup along each axis

@compute @workgroup_size(V4_WG, V4_WG)
fn matmul_blocked_vec4(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
                       @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var z = wid.z; z < p.batch; z += nwg.z) {
    set_batch(z);
    for (var m0 = wid.y * V4_TILE + lid.y * 4u; m0 < p.M; m0 += nwg.y * V4_TILE) {
      for (var n0 = wid.x * V4_TILE + lid.x * 4u; n0 < p.N; n0 += nwg.x * V4_TILE) {
        if (!skip_block(m0, 4u, n0)) {
          block_vec4(m0, n0);
        }
      }
    }
  }
}

// The 4x4 outputs at (m0, n0); M, N, K and the strides are multiples of 4, so the block is whole.
fn block_vec4(m0: u32, n0: u32) {
  // Offsets in vec4 units. Along k, a k-major operand advances 1 vec4 per 4 steps; the other kind
  // advances one row (stride / 4 vec4s) per step.
  let stepA = select(p.sAk / 4u, p.sAm / 4u, A_KMAJOR);
  let stepB = select(p.sBk / 4u, p.sBn / 4u, B_KMAJOR);
  // One step of 4 along k moves a k-major operand by 1 vec4, the other kind by 4 rows.
  let incA = select(4u * stepA, 1u, A_KMAJOR);
  let incB = select(4u * stepB, 1u, B_KMAJOR);
  let k0 = k_begin(m0, 4u);
  let k1 = k_end(m0, 4u, 4u);
  var ia = baseA / 4u + select(m0 / 4u, m0 * stepA, A_KMAJOR) + (k0 / 4u) * incA;
  var ib = baseB / 4u + select(n0 / 4u, n0 * stepB, B_KMAJOR) + (k0 / 4u) * incB;
  var acc0 = vec4<f32>(0.0); // outputs (m0 + 0, n0 .. n0 + 3)
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var k = k0; k < k1; k += 4u) {
    // x0..x3: four vec4 loads of A; rows of the 4x4 block are ar_i = op(A)[m0 + i, k..k+3].
    let x0 = a4[ia];
    let x1 = a4[ia + stepA];
    let x2 = a4[ia + 2u * stepA];
    let x3 = a4[ia + 3u * stepA];
    var ar0 = x0; var ar1 = x1; var ar2 = x2; var ar3 = x3;
    if (!A_KMAJOR) { // x_j holds op(A)[m0..m0+3, k + j]: transpose
      ar0 = vec4<f32>(x0.x, x1.x, x2.x, x3.x);
      ar1 = vec4<f32>(x0.y, x1.y, x2.y, x3.y);
      ar2 = vec4<f32>(x0.z, x1.z, x2.z, x3.z);
      ar3 = vec4<f32>(x0.w, x1.w, x2.w, x3.w);
    }
    // y0..y3: four vec4 loads of B; rows are br_j = op(B)[k + j, n0..n0+3].
    let y0 = b4[ib];
    let y1 = b4[ib + stepB];
    let y2 = b4[ib + 2u * stepB];
    let y3 = b4[ib + 3u * stepB];
    var br0 = y0; var br1 = y1; var br2 = y2; var br3 = y3;
    if (B_KMAJOR) { // y_j holds op(B)[k..k+3, n0 + j]: transpose
      br0 = vec4<f32>(y0.x, y1.x, y2.x, y3.x);
      br1 = vec4<f32>(y0.y, y1.y, y2.y, y3.y);
      br2 = vec4<f32>(y0.z, y1.z, y2.z, y3.z);
      br3 = vec4<f32>(y0.w, y1.w, y2.w, y3.w);
    }
    acc0 += ar0.x * br0 + ar0.y * br1 + ar0.z * br2 + ar0.w * br3;
    acc1 += ar1.x * br0 + ar1.y * br1 + ar1.z * br2 + ar1.w * br3;
    acc2 += ar2.x * br0 + ar2.y * br1 + ar2.z * br2 + ar2.w * br3;
    acc3 += ar3.x * br0 + ar3.y * br1 + ar3.z * br2 + ar3.w * br3;
    ia += incA;
    ib += incB;
  }
  // Whole rows of 4 at once: one bias load per thread, one vec4 read and write per row.
  var bias_n = vec4<f32>(0.0);
  if (p.hasBias == 1u) {
    bias_n = bias4[n0 / 4u];
  }
  store_row4(m0, n0, acc0, bias_n);
  store_row4(m0 + 1u, n0, acc1, bias_n);
  store_row4(m0 + 2u, n0, acc2, bias_n);
  store_row4(m0 + 3u, n0, acc3, bias_n);
}

// out[m, n0..n0+3] = alpha * dot + bias (+ what is there when accumulating).
// Why not store_out(): per element it costs far more than the loads on SwiftShader.
fn store_row4(m: u32, n0: u32, dot: vec4<f32>, bias_n: vec4<f32>) {
  let i = (baseO + m * p.sOm + n0) / 4u;
  var v = p.alpha * dot + bias_n;
  if (p.accumulate == 1u) {
    v += out4[i];
  }
  out4[i] = v;
}
