// common.wgsl — helpers shared by every kernel; prepended to each kernel's own file.
// Holds only constants and pure functions: no bindings, no entry points.

const WG: u32 = 64u; // threads per workgroup for 1-D element-wise kernels

// GELU, tanh form as in GPT-2: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
const GELU_SCALE: f32 = 0.7978845608028654; // sqrt(2 / pi)

fn gelu_tanh(x: f32) -> f32 {
  let cube = 0.044715 * x * x * x;
  return 0.5 * x * (1.0 + tanh_safe(GELU_SCALE * (x + cube)));
}

// tanh that saturates instead of producing NaN: some backends compute tanh from exp, and
// exp(2x) overflows f32 for x > ~44.
fn tanh_safe(x: f32) -> f32 {
  return tanh(clamp(x, -15.0, 15.0));
}

// Tensor-table flag bits (src/gpu/arena.ts TENSOR_DECAY / TENSOR_FROZEN). A table row is
// vec4<u32>(offset in floats, numel, flags, 0); adamw.wgsl and gradnorm.wgsl read it.
const TENSOR_DECAY: u32 = 1u;
const TENSOR_FROZEN: u32 = 2u;

// Workgroup reductions for the "workgroup" kernel variants (one workgroup per row): every thread
// passes its partial value and gets the combined one back. A fixed tree order, so the result is
// deterministic. Call from uniform control flow; `s` is the caller's scratch of WG floats.
// Real GPUs reward these; SwiftShader runs workgroups one after another and pays ~3 us a barrier.
fn wg_sum(s: ptr<workgroup, array<f32, WG>>, lid: u32, x: f32) -> f32 {
  (*s)[lid] = x;
  workgroupBarrier();
  for (var k = WG / 2u; k > 0u; k >>= 1u) {
    if (lid < k) {
      (*s)[lid] += (*s)[lid + k];
    }
    workgroupBarrier();
  }
  let r = (*s)[0];
  workgroupBarrier(); // every thread has read the result before the scratch is reused
  return r;
}

fn wg_max(s: ptr<workgroup, array<f32, WG>>, lid: u32, x: f32) -> f32 {
  (*s)[lid] = x;
  workgroupBarrier();
  for (var k = WG / 2u; k > 0u; k >>= 1u) {
    if (lid < k) {
      (*s)[lid] = max((*s)[lid], (*s)[lid + k]);
    }
    workgroupBarrier();
  }
  let r = (*s)[0];
  workgroupBarrier();
  return r;
}
