// matmul_rows.wgsl — the general product (matmul_common.wgsl) for a few rows of output (M < 4).
// Generating text runs the model one position at a time, so every layer multiplies a single row
// by its weight matrix. The blocked and tiled kernels compute 4x4 blocks in 32- or 64-wide tiles:
// with one row, most of their threads have no row to work on and each block wastes three of its
// four rows. Here each thread computes one output (m, n), 64 threads along n per workgroup and
// one workgroup row per m, so no thread is idle but the last few.
// Two entry points, because a shader may not use two variables of one binding: matmul_rows_vec4
// reads k four at a time with 16-byte loads when both operands are contiguous along k (the
// forward pass and dinp: sAk = sBk = 1) and K and the offsets are multiples of 4; matmul_rows
// reads one scalar at a time and serves every other layout.

@group(0) @binding(2) var<storage, read> a4: array<vec4<f32>>; // op(A) as vec4s, same buffer as `a`
@group(0) @binding(3) var<storage, read> b4: array<vec4<f32>>; // op(B) as vec4s, same buffer as `b`

const ROWS_WG: u32 = 64u; // threads per workgroup, along n

@compute @workgroup_size(ROWS_WG)
fn matmul_rows(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
               @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var z = wid.z; z < p.batch; z += nwg.z) {
    set_batch(z);
    for (var m = wid.y; m < p.M; m += nwg.y) {
      for (var n = gid.x; n < p.N; n += nwg.x * ROWS_WG) {
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

@compute @workgroup_size(ROWS_WG)
fn matmul_rows_vec4(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
                    @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var z = wid.z; z < p.batch; z += nwg.z) {
    set_batch(z);
    for (var m = wid.y; m < p.M; m += nwg.y) {
      for (var n = gid.x; n < p.N; n += nwg.x * ROWS_WG) {
        if (skip_block(m, 1u, n)) {
          continue;
        }
        // k ranges rounded out to multiples of 4 only add products with the zeros the hint promises.
        let k0 = k_begin(m, 4u);
        let k1 = k_end(m, 1u, 4u);
        var ia = (baseA + m * p.sAm + k0) / 4u;
        var ib = (baseB + n * p.sBn + k0) / 4u;
        // One sum in k order, as matmul_blocked and matmul_tiled keep it: a decoded position then
        // gets the bits of the same row of a full forward pass (KVDecoder relies on it).
        var dot = 0.0;
        for (var k = k0; k < k1; k += 4u) {
          let x = a4[ia];
          let y = b4[ib];
          dot += x.x * y.x;
          dot += x.y * y.y;
          dot += x.z * y.z;
          dot += x.w * y.w;
          ia++;
          ib++;
        }
        store_out(m, n, dot);
      }
    }
  }
}
