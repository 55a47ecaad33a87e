// matmul_vec4_common.wgsl — what the vec4 matmul kernels (matmul_blocked_vec4.wgsl,
// matmul_blocked8_vec4.wgsl) share beyond matmul_common.wgsl: the layout constants and the operands
// seen as vec4s. Prepended after matmul_common.wgsl; holds no entry point.
// Each operand is contiguous either along k or along its other axis; the override constants say
// which, so the compiler drops the unused load path (one pipeline per layout, not per shape).

override A_KMAJOR: bool = true; // true: op(A)[m, k..k+3] is contiguous (sAk = 1); false: op(A)[m..m+3, k] (sAm = 1)
override B_KMAJOR: bool = true; // true: op(B)[k..k+3, n] is contiguous (sBk = 1); false: op(B)[k, n..n+3] (sBn = 1)

@group(0) @binding(2) var<storage, read> a4: array<vec4<f32>>; // op(A) as vec4s, same buffer as `a`
@group(0) @binding(3) var<storage, read> b4: array<vec4<f32>>; // op(B) as vec4s, same buffer as `b`
@group(0) @binding(1) var<storage, read_write> out4: array<vec4<f32>>; // out (M, N) as vec4s
@group(0) @binding(4) var<storage, read> bias4: array<vec4<f32>>;      // bias (N) as vec4s
