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
//
// Batches: one dispatch can run `batch` such products (workgroup_id.z strides over them). Product z
// is split as z = z1 * nb2 + z2 (attention: z1 = b, z2 = h), and each operand starts at
// o + z1 * sb1 + z2 * sb2, so a head's q, k or v inside the fused qkv rows is reachable with no copy
// (attention_gemm.ts). out rows are sOm apart (N for a whole matrix; C when writing one head's
// columns of a (B, T, C) row).
//
// tri: a hint for causal (lower-triangular) products, letting a variant skip work that cannot
// matter; ignoring it is always correct for modes 2 and 3, and a variant may skip or compute
// the outputs of mode 1:
//   0: none
//   1: outputs above the diagonal (n > m) may be left unwritten (the caller overwrites them)
//   2: op(A)[m, k] is 0 for k > m, so the sum over k may stop at m
//   3: op(A)[m, k] is 0 for k < m, so the sum over k may start at m

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
  sOm: u32,        // row stride of out
  batch: u32,      // products in this dispatch
  nb2: u32,        // z = z1 * nb2 + z2
  oA: u32, sAb1: u32, sAb2: u32, // where op(A) of product z starts: oA + z1 * sAb1 + z2 * sAb2
  oB: u32, sBb1: u32, sBb2: u32,
  oO: u32, sOb1: u32, sOb2: u32,
  tri: u32,        // causal hint, see above
}

@group(0) @binding(0) var<uniform> p: MatmulParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>; // (M, N), row-major
@group(0) @binding(2) var<storage, read> a: array<f32>;         // op(A): (M, K) through sAm, sAk
@group(0) @binding(3) var<storage, read> b: array<f32>;         // op(B): (K, N) through sBk, sBn
@group(0) @binding(4) var<storage, read> bias: array<f32>;      // (N)

// Where the current product's operands start (set_batch): private, so the load helpers see them.
var<private> baseA: u32;
var<private> baseB: u32;
var<private> baseO: u32;

fn set_batch(z: u32) {
  let z1 = z / p.nb2;
  let z2 = z % p.nb2;
  baseA = p.oA + z1 * p.sAb1 + z2 * p.sAb2;
  baseB = p.oB + z1 * p.sBb1 + z2 * p.sBb2;
  baseO = p.oO + z1 * p.sOb1 + z2 * p.sOb2;
}

// The k range [k_begin, k_end) a block of rows m0 .. m0 + rows - 1 must sum over (tri modes 2, 3);
// rounded out to multiples of `align` so vectorized loops stay whole.
fn k_begin(m0: u32, align: u32) -> u32 {
  if (p.tri == 3u) {
    return min(m0 - m0 % align, p.K);
  }
  return 0u;
}

fn k_end(m0: u32, rows: u32, align: u32) -> u32 {
  if (p.tri == 2u) {
    let e = m0 + rows;
    return min(e + (align - e % align) % align, p.K);
  }
  return p.K;
}

// True when a block at rows m0.., columns n0.. lies wholly above the diagonal and may be skipped (tri 1).
fn skip_block(m0: u32, rows: u32, n0: u32) -> bool {
  return p.tri == 1u && n0 >= m0 + rows;
}

fn load_a(m: u32, k: u32) -> f32 {
  return a[baseA + m * p.sAm + k * p.sAk];
}

fn load_b(k: u32, n: u32) -> f32 {
  return b[baseB + k * p.sBk + n * p.sBn];
}

// Writes one finished dot product: scale, add the bias, and add to what is there when accumulating.
fn store_out(m: u32, n: u32, dot: f32) {
  let i = baseO + m * p.sOm + n;
  var v = p.alpha * dot;
  if (p.hasBias == 1u) {
    v += bias[n];
  }
  if (p.accumulate == 1u) {
    v += out[i];
  }
  out[i] = v;
}
