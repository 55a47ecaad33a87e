// residual.wgsl — residual connection, element-wise.
// forward:  out = inp1 + inp2
// backward: dinp1 += dout; dinp2 += dout   (the sum passes its gradient unchanged to both branches)
// Grid-stride loops, so any N fits in the 65,535-workgroup dispatch limit.
// Must not: overwrite gradients (they accumulate; the zero-grad step clears them).

struct Params {
  N: u32,
}

@group(0) @binding(0) var<uniform> p: Params;

@group(0) @binding(1) var<storage, read_write> out: array<f32>; // (N)
@group(0) @binding(2) var<storage, read> inp1: array<f32>;      // (N)
@group(0) @binding(3) var<storage, read> inp2: array<f32>;      // (N)

@compute @workgroup_size(WG)
fn residual_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.N; i += nwg.x * WG) {
    out[i] = inp1[i] + inp2[i];
  }
}

@group(0) @binding(1) var<storage, read_write> dinp1: array<f32>; // (N)
@group(0) @binding(2) var<storage, read_write> dinp2: array<f32>; // (N)
@group(0) @binding(3) var<storage, read> dout: array<f32>;        // (N)

@compute @workgroup_size(WG)
fn residual_backward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.N; i += nwg.x * WG) {
    let d = dout[i];
    dinp1[i] += d;
    dinp2[i] += d;
  }
}
