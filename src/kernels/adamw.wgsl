// adamw.wgsl — AdamW over a whole parameter arena, tensor by tensor from the arena's tensor table.
//   g = grad * clip;  m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2
//   param -= lr * ( (m / bc1) / (sqrt(v / bc2) + eps) + wd * param )   (wd = 0 where the tensor has no decay)
// Weight decay is decoupled (AdamW, not L2): it shrinks the parameter directly instead of being
// added to the gradient, so Adam's per-element scaling does not weaken it.
// Frozen tensors are skipped entirely: parameters and both moments stay as they were. Padding
// between tensors (alignment) is never touched. clip comes from gradnorm.wgsl (gnorm[1]), so
// clipping needs no readback.
// Must not: write grads (the zero-grad step clears them).

struct AdamW {
  lr: f32,
  beta1: f32,
  beta2: f32,
  eps: f32,
  weight_decay: f32,
  bc1: f32, // 1 - beta1^step, computed on the CPU in float64 (bias correction of m)
  bc2: f32, // 1 - beta2^step (bias correction of v)
  _pad: f32,
}

@group(0) @binding(0) var<uniform> hp: AdamW;
@group(0) @binding(1) var<storage, read_write> params: array<f32>; // (P) the whole arena
@group(0) @binding(2) var<storage, read> grads: array<f32>;        // (P)
@group(0) @binding(3) var<storage, read_write> m: array<f32>;      // (P) first moment
@group(0) @binding(4) var<storage, read_write> v: array<f32>;      // (P) second moment
@group(0) @binding(5) var<storage, read> tensors: array<vec4<u32>>; // (numTensors) offset, numel, flags, 0
@group(0) @binding(6) var<storage, read> gnorm: array<f32>;        // (2) global grad norm, clip scale

@compute @workgroup_size(WG)
fn adamw_update(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let clip = gnorm[1];
  let stride = nwg.x * WG;
  // Every thread walks the (small) table and grid-strides inside each tensor: no per-element search.
  for (var j = 0u; j < arrayLength(&tensors); j++) {
    let t = tensors[j];
    if ((t.z & TENSOR_FROZEN) != 0u) {
      continue;
    }
    let wd = select(0.0, hp.weight_decay, (t.z & TENSOR_DECAY) != 0u);
    for (var i = t.x + gid.x; i < t.x + t.y; i += stride) {
      let g = grads[i] * clip;
      let mi = hp.beta1 * m[i] + (1.0 - hp.beta1) * g;
      let vi = hp.beta2 * v[i] + (1.0 - hp.beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      // Bias correction: m and v start at 0, so early on they underestimate; dividing by
      // 1 - beta^step undoes that. eps keeps the step finite where v is ~0.
      let mhat = mi / hp.bc1;
      let vhat = vi / hp.bc2;
      params[i] -= hp.lr * (mhat / (sqrt(vhat) + hp.eps) + wd * params[i]);
    }
  }
}
