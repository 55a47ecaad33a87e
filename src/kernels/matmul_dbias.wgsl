// matmul_dbias.wgsl — bias gradient of every matmul variant: dbias[n] += sum over rows of dout[r, n].
// One thread per column adds its rows in a fixed order: deterministic (no float atomics, which
// WGSL lacks anyway) and neighbouring threads read neighbouring addresses.

struct DbiasParams {
  BT: u32,
  OC: u32,
}

@group(0) @binding(0) var<uniform> q: DbiasParams;
@group(0) @binding(1) var<storage, read_write> dbias: array<f32>; // (OC)
@group(0) @binding(2) var<storage, read> dout: array<f32>;        // (BT, OC)

@compute @workgroup_size(WG)
fn matmul_dbias(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var n = gid.x; n < q.OC; n += nwg.x * WG) {
    var sum = 0.0;
    for (var r = 0u; r < q.BT; r++) {
      sum += dout[r * q.OC + n];
    }
    dbias[n] += sum;
  }
}
