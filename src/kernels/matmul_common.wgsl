// matmul_common.wgsl — what every matmul variant shares: the uniform block, the bindings and the
// strided loads/stores. Prepended (after common.wgsl) to matmul_naive/blocked/tiled.wgsl.
// Holds no entry point.
//
// Every variant computes one general product, out (M, N) = alpha * op(A) (M, K) · op(B) (K, N)
// [+ bias (N)] [+ out], where op(A)[m, k] = a[m * sAm + k * sAk] and op(B)[k, n] = b[k * sBk + n * sBn].
// The strides say which operand is transposed, so the forward pass, both backward products and
// the LoRA products are the same kernel with different uniforms (see matmul.ts):
//   forward:  out  = inp (BT, C) · weightᵀ            M=BT, N=OC, K=C
//   dinp     += dout (BT, OC) · weight (OC, C)        M=BT, N=C,  K=OC
//   dweight  += doutᵀ (OC, BT) · inp (BT, C)          M=OC, N=C,  K=BT
// Sizes and strides are uniforms, so a pipeline serves every shape.

struct MatmulParams {
  M: u32,
  N: u32,
  K: u32,
  sAm: u32,
  sAk: u32,
  sBk: u32,
  sBn: u32,
  alpha: f32,      // scale of the product (1, or alpha / r for LoRA)
  accumulate: u32, // 1: out += product (gradients); 0: out = product
  hasBias: u32,    // 1: add bias[n]; 0: the bias binding is a placeholder and is never read
}

@group(0) @binding(0) var<uniform> p: MatmulParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>; // (M, N), row-major
@group(0) @binding(2) var<storage, read> a: array<f32>;         // op(A): (M, K) through sAm, sAk
@group(0) @binding(3) var<storage, read> b: array<f32>;         // op(B): (K, N) through sBk, sBn
@group(0) @binding(4) var<storage, read> bias: array<f32>;      // (N)

fn load_a(m: u32, k: u32) -> f32 {
  return a[m * p.sAm + k * p.sAk];
}

fn load_b(k: u32, n: u32) -> f32 {
  return b[k * p.sBk + n * p.sBn];
}

// Writes one finished dot product: scale, add the bias, and add to what is there when accumulating.
fn store_out(m: u32, n: u32, dot: f32) {
  let i = m * p.N + n;
  var v = p.alpha * dot;
  if (p.hasBias == 1u) {
    v += bias[n];
  }
  if (p.accumulate == 1u) {
    v += out[i];
  }
  out[i] = v;
}
