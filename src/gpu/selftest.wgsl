// Device self-test: y[i] = a * x[i] + b for i < n.
// Run once when the device is created so the page can say the adapter really computes, and by
// the GPU test suite as the smallest end-to-end check of upload, dispatch and readback.

struct Params {
  n: u32,
  a: f32,
  b: f32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;      // x: (n)
@group(0) @binding(2) var<storage, read_write> y: array<f32>; // y: (n)

@compute @workgroup_size(64)
fn axpb(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= params.n) {
    return;
  }
  y[i] = params.a * x[i] + params.b;
}
