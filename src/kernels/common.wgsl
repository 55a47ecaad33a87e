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
