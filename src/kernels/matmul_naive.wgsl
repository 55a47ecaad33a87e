// matmul_naive.wgsl — the textbook matmul: one thread per output element, every operand read
// straight from global memory. The slowest variant and the easiest to check by eye; the others
// compute the same thing (matmul_common.wgsl) and must agree with it.
// Why it is slow: each output reads a whole row of A and a whole column of B, so every input
// value is fetched N (or M) times and each load feeds a single multiply-add.

const NAIVE_WG: u32 = 8u; // 8x8 threads per workgroup, each thread one output

@compute @workgroup_size(NAIVE_WG, NAIVE_WG)
fn matmul_naive(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  // Grid-stride loops: any M, N (and batch count) fits in the 65,535-workgroup limit per dimension.
  for (var z = gid.z; z < p.batch; z += nwg.z) {
    set_batch(z);
    for (var m = gid.y; m < p.M; m += nwg.y * NAIVE_WG) {
      for (var n = gid.x; n < p.N; n += nwg.x * NAIVE_WG) {
        if (skip_block(m, 1u, n)) {
          continue;
        }
        var dot = 0.0;
        for (var k = k_begin(m, 1u); k < k_end(m, 1u, 1u); k++) {
          dot += load_a(m, k) * load_b(k, n);
        }
        store_out(m, n, dot);
      }
    }
  }
}
