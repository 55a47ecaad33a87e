// gelu.wgsl — GELU activation (tanh form, GPT-2), forward and backward, element-wise.
// forward:  out = gelu(inp)
// backward: dinp += gelu'(inp) * dout   (accumulates: gradients are cleared by the zero-grad step)
// Grid-stride loops, so any N fits in the 65,535-workgroup dispatch limit.
// Bindings are per entry point (a binding slot may be reused by another entry point).

struct Params {
  N: u32,
}

@group(0) @binding(0) var<uniform> p: Params;

@group(0) @binding(1) var<storage, read_write> out: array<f32>; // (N)
@group(0) @binding(2) var<storage, read> inp: array<f32>;       // (N)

@compute @workgroup_size(WG)
fn gelu_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.N; i += nwg.x * WG) {
    out[i] = gelu_tanh(inp[i]);
  }
}

@group(0) @binding(1) var<storage, read_write> dinp: array<f32>; // (N)
@group(0) @binding(3) var<storage, read> dout: array<f32>;       // (N)

@compute @workgroup_size(WG)
fn gelu_backward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.N; i += nwg.x * WG) {
    let x = inp[i];
    let t = tanh_safe(GELU_SCALE * (x + 0.044715 * x * x * x));
    // d/dx [0.5 x (1 + t)] = 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2)
    let grad = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * GELU_SCALE * (1.0 + 3.0 * 0.044715 * x * x);
    dinp[i] += grad * dout[i];
  }
}
