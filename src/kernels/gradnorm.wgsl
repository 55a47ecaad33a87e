// gradnorm.wgsl — global gradient norm over the trained tensors of an arena, and the clip scale.
//   gradnorm_partial:  partials[g] = sum of grad^2 over elements g, g + NPART, ... of each tensor
//   gradnorm_finalize: gnorm[0] = sqrt(sum of partials), gnorm[1] = clip scale for adamw.wgsl:
//                      min(1, max_norm / (norm + 1e-6)) as PyTorch's clip_grad_norm_, or 1 when max_norm <= 0
// A two-stage reduction with a fixed number of partials summed in a fixed order: deterministic,
// no atomics, no shared memory. Frozen tensors and alignment padding are skipped.
// Must not: modify grads (adamw.wgsl applies the scale while it reads them).

const NPART: u32 = 4096u; // partial sums = threads of gradnorm_partial (64 workgroups of WG)

@group(0) @binding(0) var<storage, read_write> partials: array<f32>; // (NPART)
@group(0) @binding(1) var<storage, read> grads: array<f32>;          // (P) the whole arena
@group(0) @binding(2) var<storage, read> tensors: array<vec4<u32>>;  // (numTensors) offset, numel, flags, 0

@compute @workgroup_size(WG)
fn gradnorm_partial(@builtin(global_invocation_id) gid: vec3<u32>) {
  var acc = 0.0;
  for (var j = 0u; j < arrayLength(&tensors); j++) {
    let t = tensors[j];
    if ((t.z & TENSOR_FROZEN) != 0u) {
      continue;
    }
    for (var i = t.x + gid.x; i < t.x + t.y; i += NPART) {
      acc += grads[i] * grads[i];
    }
  }
  partials[gid.x] = acc;
}

struct Params {
  max_norm: f32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> gnorm: array<f32>; // (2) norm, clip scale
@group(0) @binding(2) var<storage, read> partials_r: array<f32>;  // (NPART)

@compute @workgroup_size(1)
fn gradnorm_finalize() {
  var s = 0.0;
  for (var g = 0u; g < NPART; g++) {
    s += partials_r[g];
  }
  let norm = sqrt(s);
  gnorm[0] = norm;
  // The 1e-6 keeps the scale finite for a zero gradient, and matches PyTorch.
  gnorm[1] = select(1.0, min(1.0, p.max_norm / (norm + 1e-6)), p.max_norm > 0.0);
}
