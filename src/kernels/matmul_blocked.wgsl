// matmul_blocked.wgsl — register blocking, no shared memory, no barriers: each thread computes a
// 4x4 block of outputs, keeping 16 running sums in registers. Per step of k it loads 4 values of
// A and 4 of B and does 16 multiply-adds: four times the arithmetic per load of the naive kernel.
// Why this one exists: on a CPU implementation of WebGPU (SwiftShader) workgroups run one after
// another and a workgroupBarrier() is costly, so reuse through registers beats shared memory.
// Why it is written out by hand: SwiftShader keeps named variables in registers, but an array
// indexed in a loop (acc[i]) may live in memory; and 8x8 blocks made its compiler crawl.
// Edges: loads read a clamped (valid) row/column and the store is skipped, so any M, N works.

const BLK_WG: u32 = 8u;    // 8x8 threads per workgroup
const BLK_TILE: u32 = 32u; // outputs per workgroup along each axis: 4 per thread x 8 threads

@compute @workgroup_size(BLK_WG, BLK_WG)
fn matmul_blocked(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
                  @builtin(num_workgroups) nwg: vec3<u32>) {
  // Grid-stride loops: any M, N (and batch count) fits in the 65,535-workgroup limit per dimension.
  for (var z = wid.z; z < p.batch; z += nwg.z) {
    set_batch(z);
    for (var m0 = wid.y * BLK_TILE + lid.y * 4u; m0 < p.M; m0 += nwg.y * BLK_TILE) {
      for (var n0 = wid.x * BLK_TILE + lid.x * 4u; n0 < p.N; n0 += nwg.x * BLK_TILE) {
        if (!skip_block(m0, 4u, n0)) {
          block_4x4(m0, n0);
        }
      }
    }
  }
}

// The 4x4 block of outputs whose top-left corner is (m0, n0).
fn block_4x4(m0: u32, n0: u32) {
  // Where rows m0..m0+3 of op(A) and columns n0..n0+3 of op(B) start, clamped into the matrix:
  // edge threads compute duplicates that they never store.
  let r0 = baseA + min(m0, p.M - 1u) * p.sAm;
  let r1 = baseA + min(m0 + 1u, p.M - 1u) * p.sAm;
  let r2 = baseA + min(m0 + 2u, p.M - 1u) * p.sAm;
  let r3 = baseA + min(m0 + 3u, p.M - 1u) * p.sAm;
  let c0 = baseB + min(n0, p.N - 1u) * p.sBn;
  let c1 = baseB + min(n0 + 1u, p.N - 1u) * p.sBn;
  let c2 = baseB + min(n0 + 2u, p.N - 1u) * p.sBn;
  let c3 = baseB + min(n0 + 3u, p.N - 1u) * p.sBn;
  var acc0 = vec4<f32>(0.0); // outputs (m0 + 0, n0 .. n0 + 3)
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  let k0 = k_begin(m0, 1u);
  let k1 = k_end(m0, 4u, 1u);
  var ka = k0 * p.sAk; // k * sAk
  var kb = k0 * p.sBk; // k * sBk
  for (var k = k0; k < k1; k++) {
    let bk = vec4<f32>(b[kb + c0], b[kb + c1], b[kb + c2], b[kb + c3]);
    acc0 += a[r0 + ka] * bk;
    acc1 += a[r1 + ka] * bk;
    acc2 += a[r2 + ka] * bk;
    acc3 += a[r3 + ka] * bk;
    ka += p.sAk;
    kb += p.sBk;
  }
  store_row(m0, n0, acc0);
  store_row(m0 + 1u, n0, acc1);
  store_row(m0 + 2u, n0, acc2);
  store_row(m0 + 3u, n0, acc3);
}

// Stores out[m, n0..n0+3], skipping what lies outside the matrix. Components are named, not
// indexed in a loop, for the same reason as the accumulators.
fn store_row(m: u32, n0: u32, acc: vec4<f32>) {
  if (m >= p.M) {
    return;
  }
  store_out(m, n0, acc.x);
  if (n0 + 1u < p.N) { store_out(m, n0 + 1u, acc.y); }
  if (n0 + 2u < p.N) { store_out(m, n0 + 2u, acc.z); }
  if (n0 + 3u < p.N) { store_out(m, n0 + 3u, acc.w); }
}
