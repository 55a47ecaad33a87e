// matmul_blocked.wgsl — register blocking, no shared memory, no barriers: each thread computes a
// 4x4 block of outputs, keeping 16 running sums in registers. Per step of k it loads 4 values of
// A and 4 of B and does 16 multiply-adds, four times the arithmetic per load of the naive kernel.
// Why this one exists: on a CPU implementation of WebGPU (SwiftShader) workgroups run one after
// another and a workgroupBarrier() is costly, so reuse through registers beats shared memory.
// Edges: loads read a clamped (valid) row/column and the store is skipped, so any M, N works.

const BLK: u32 = 4u;       // outputs per thread along each axis
const BLK_WG: u32 = 8u;    // 8x8 threads per workgroup -> a 32x32 output tile
const BLK_TILE: u32 = 32u; // BLK * BLK_WG

@compute @workgroup_size(BLK_WG, BLK_WG)
fn matmul_blocked(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
                  @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var m0 = wid.y * BLK_TILE + lid.y * BLK; m0 < p.M; m0 += nwg.y * BLK_TILE) {
    for (var n0 = wid.x * BLK_TILE + lid.x * BLK; n0 < p.N; n0 += nwg.x * BLK_TILE) {
      block(m0, n0);
    }
  }
}

// The 4x4 block of outputs whose top-left corner is (m0, n0).
fn block(m0: u32, n0: u32) {
  // Row/column indices clamped to the matrix: edge threads compute duplicates they never store.
  var rows: array<u32, 4>;
  var cols: array<u32, 4>;
  for (var i = 0u; i < BLK; i++) {
    rows[i] = min(m0 + i, p.M - 1u);
    cols[i] = min(n0 + i, p.N - 1u);
  }
  var acc: array<vec4<f32>, 4>; // acc[i][j]: output (m0 + i, n0 + j)
  for (var k = 0u; k < p.K; k++) {
    let bv = vec4<f32>(load_b(k, cols[0]), load_b(k, cols[1]), load_b(k, cols[2]), load_b(k, cols[3]));
    for (var i = 0u; i < BLK; i++) {
      acc[i] += load_a(rows[i], k) * bv;
    }
  }
  for (var i = 0u; i < BLK; i++) {
    for (var j = 0u; j < BLK; j++) {
      if (m0 + i < p.M && n0 + j < p.N) {
        store_out(m0 + i, n0 + j, acc[i][j]);
      }
    }
  }
}
