// fill.wgsl — element-wise helpers written once and shared by the engine:
//   fill:  out = value     (value 0 is the zero-grad step that clears every gradient before backward)
//   scale: out *= value    (in place)
// Grid-stride loops, so any N fits in the 65,535-workgroup dispatch limit.
// Must not: touch anything outside the one view it is given.

struct Params {
  N: u32,
  value: f32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> out: array<f32>; // (N)

@compute @workgroup_size(WG)
fn fill(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.N; i += nwg.x * WG) {
    out[i] = p.value;
  }
}

@compute @workgroup_size(WG)
fn scale(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.N; i += nwg.x * WG) {
    out[i] *= p.value;
  }
}
