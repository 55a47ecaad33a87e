// matmul_tiled.wgsl — shared-memory tiling plus register blocking, the layout real GPUs reward.
// A workgroup of 16x16 threads owns a 64x64 tile of out. For each slice of 16 values of k it
// copies a 64x16 block of op(A) and a 16x64 block of op(B) into workgroup memory (each input value
// fetched from global memory once per tile instead of once per output), waits at a barrier, and
// then every thread updates its 4x4 outputs from the fast copies.
// Why not everywhere: on SwiftShader each barrier is expensive, so matmul_blocked.wgsl wins there.
// Edges: out-of-range loads write 0 into the tile and out-of-range outputs are not stored.

const TS: u32 = 64u;  // output tile side
const TK: u32 = 16u;  // k-slice depth
const TWG: u32 = 16u; // threads per side; each thread owns outputs (ty + 16 i, tx + 16 j)

var<workgroup> tileA: array<f32, 1024>; // TS x TK, tileA[row * TK + kk]
var<workgroup> tileB: array<f32, 1024>; // TK x TS, tileB[kk * TS + col]

@compute @workgroup_size(TWG, TWG)
fn matmul_tiled(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
                @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = lid.y * TWG + lid.x; // 0..255
  let tilesM = (p.M + TS - 1u) / TS;
  let tilesN = (p.N + TS - 1u) / TS;
  // Grid-stride over products and tiles (uniform across the workgroup, so the barriers stay in
  // uniform control flow).
  for (var z = wid.z; z < p.batch; z += nwg.z) {
    set_batch(z);
    for (var tm = wid.y; tm < tilesM; tm += nwg.y) {
      for (var tn = wid.x; tn < tilesN; tn += nwg.x) {
        let m0 = tm * TS;
        let n0 = tn * TS;
        if (skip_block(m0, TS, n0)) {
          continue;
        }
        var acc: array<vec4<f32>, 4>; // acc[i][j]: output (m0 + ty + 16 i, n0 + tx + 16 j)
        for (var k0 = k_begin(m0, TK); k0 < k_end(m0, TS, TK); k0 += TK) {
          // 1024 values per tile, 256 threads: four loads each.
          for (var r = 0u; r < 4u; r++) {
            let e = t + r * 256u;
            let row = e / TK;
            let kk = e % TK;
            var va = 0.0;
            if (m0 + row < p.M && k0 + kk < p.K) {
              va = load_a(m0 + row, k0 + kk);
            }
            tileA[e] = va;
            let kb = e / TS;
            let col = e % TS;
            var vb = 0.0;
            if (k0 + kb < p.K && n0 + col < p.N) {
              vb = load_b(k0 + kb, n0 + col);
            }
            tileB[e] = vb;
          }
          workgroupBarrier();
          for (var kk = 0u; kk < TK; kk++) {
            let bv = vec4<f32>(tileB[kk * TS + lid.x], tileB[kk * TS + lid.x + 16u],
                               tileB[kk * TS + lid.x + 32u], tileB[kk * TS + lid.x + 48u]);
            for (var i = 0u; i < 4u; i++) {
              acc[i] += tileA[(lid.y + i * TWG) * TK + kk] * bv;
            }
          }
          workgroupBarrier(); // the tiles are overwritten by the next slice
        }
        for (var i = 0u; i < 4u; i++) {
          for (var j = 0u; j < 4u; j++) {
            let m = m0 + lid.y + i * TWG;
            let n = n0 + lid.x + j * TWG;
            if (m < p.M && n < p.N) {
              store_out(m, n, acc[i][j]);
            }
          }
        }
      }
    }
  }
}
