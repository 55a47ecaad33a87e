/**
 * Matmul kernel descriptors: forward (optional bias) and backward in llm.c layouts, in three
 * variants that compute the same product (naive, register-blocked, shared-memory tiled).
 * All of them run one general strided product (matmul_common.wgsl); this file turns each llm.c
 * operation into its sizes and strides. Same names and argument order as matmul.ref.ts, with the
 * pipeline cache first and the variant last. Which variant a device should use: variants.ts.
 */
import type { PipelineCache, ShaderSource } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, cdiv, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { createStorageBuffer } from '../gpu/buffers.ts';
import { COMMON, kernelSource } from './sources.ts';
import commonCode from './matmul_common.wgsl?raw';
import naiveCode from './matmul_naive.wgsl?raw';
import blockedCode from './matmul_blocked.wgsl?raw';
import tiledCode from './matmul_tiled.wgsl?raw';
import vec4Code from './matmul_blocked_vec4.wgsl?raw';
import b8Code from './matmul_blocked8_vec4.wgsl?raw';
import vec4CommonCode from './matmul_vec4_common.wgsl?raw';
import rowsCode from './matmul_rows.wgsl?raw';
import dbiasCode from './matmul_dbias.wgsl?raw';

/** The matmul versions, side by side: same results, different speed on different hardware. */
export type MatmulVariant = 'naive' | 'blocked' | 'blocked_vec4' | 'blocked8_vec4' | 'tiled';
export const MATMUL_VARIANTS: readonly MatmulVariant[] = ['naive', 'blocked', 'blocked_vec4', 'blocked8_vec4', 'tiled'];

/** For people: what each variant does (the UI and the benchmark print these). */
export const MATMUL_VARIANT_INFO: Record<MatmulVariant, { file: string; summary: string }> = {
  naive: { file: 'matmul_naive.wgsl', summary: 'one thread per output, all reads from global memory' },
  blocked: { file: 'matmul_blocked.wgsl', summary: '4x4 outputs per thread in registers, no shared memory, no barriers' },
  blocked_vec4: { file: 'matmul_blocked_vec4.wgsl', summary: 'blocked with 16-byte (vec4) loads when sizes are multiples of 4' },
  blocked8_vec4: { file: 'matmul_blocked8_vec4.wgsl', summary: '8x8 outputs per thread with vec4 loads: twice the work per load, when M and N are multiples of 8' },
  tiled: { file: 'matmul_tiled.wgsl', summary: '64x64 workgroup tiles staged in shared memory, 4x4 outputs per thread' },
};

const MATMUL_COMMON = { name: 'matmul_common.wgsl', code: commonCode };
const MATMUL_VEC4_COMMON = { name: 'matmul_vec4_common.wgsl', code: vec4CommonCode };
const variantSource = (name: string, code: string, vec4 = false): ShaderSource => ({
  label: name,
  files: [COMMON, MATMUL_COMMON, ...(vec4 ? [MATMUL_VEC4_COMMON] : []), { name, code }],
});

const SOURCES: Record<MatmulVariant, ShaderSource> = {
  naive: variantSource('matmul_naive.wgsl', naiveCode),
  blocked: variantSource('matmul_blocked.wgsl', blockedCode),
  blocked_vec4: variantSource('matmul_blocked_vec4.wgsl', vec4Code, true),
  blocked8_vec4: variantSource('matmul_blocked8_vec4.wgsl', b8Code, true),
  tiled: variantSource('matmul_tiled.wgsl', tiledCode),
};
/**
 * Products with fewer output rows than this (decoding: one position at a time) run matmul_rows.wgsl
 * in every variant but naive: the block and tile kernels would leave most of their threads idle.
 */
export const FEW_ROWS = 4;
const ROWS_SOURCE = variantSource('matmul_rows.wgsl', rowsCode);
const ROWS_WG = 64;
/** Outputs per workgroup along each axis, for the dispatch size. */
const TILE: Record<MatmulVariant, number> = { naive: 8, blocked: 32, blocked_vec4: 32, blocked8_vec4: 64, tiled: 64 };
export const MATMUL_DBIAS = kernelSource('matmul_dbias.wgsl', dbiasCode);
const WG = 64;
const MAX_WG = 65535;

/** The WGSL a variant runs (for the editor and error messages). */
export function matmulSource(variant: MatmulVariant): ShaderSource {
  return SOURCES[variant];
}

/**
 * One general product out (M, N) = alpha · op(A) (M, K) · op(B) (K, N) [+ bias] [+ out], where
 * op(A)[m, k] = a[m·sAm + k·sAk] and op(B)[k, n] = b[k·sBk + n·sBn].
 */
export interface GemmShape {
  M: number;
  N: number;
  K: number;
  sAm: number;
  sAk: number;
  sBk: number;
  sBn: number;
  /** scale of the product (default 1) */
  alpha?: number;
  /** true: out += product (gradients); false: out = product */
  accumulate: boolean;
  /** row stride of out (default N: out is a whole (M, N) matrix) */
  sOm?: number;
  /** several products in one dispatch (default: one, every operand starting at element 0) */
  batch?: GemmBatch;
  /** a causal hint a variant may use to skip work (see GemmCausal) */
  causal?: GemmCausal;
}

/**
 * `count` products in one dispatch. Product z is split as z = z1 · inner + z2, and each operand of
 * product z starts at element o + z1 · s1 + z2 · s2 of its buffer ([o, s1, s2] below). Attention uses
 * z1 = b, z2 = h, so one head's q, k or v inside the fused qkv rows is an operand with no copy.
 */
export interface GemmBatch {
  count: number;
  inner: number;
  a: [number, number, number];
  b: [number, number, number];
  out: [number, number, number];
}

/**
 * Causal products (attention): 'out' — outputs above the diagonal (n > m) may be left unwritten;
 * 'a-lower' — op(A)[m, k] = 0 for k > m; 'a-upper' — op(A)[m, k] = 0 for k < m. The last two only
 * shorten sums of zeros, so the results are the same either way.
 */
export type GemmCausal = 'out' | 'a-lower' | 'a-upper';
const TRI: Record<GemmCausal, number> = { out: 1, 'a-lower': 2, 'a-upper': 3 };
const ONE: GemmBatch = { count: 1, inner: 1, a: [0, 0, 0], b: [0, 0, 0], out: [0, 0, 0] };

// A placeholder for the bias binding when there is no bias (the kernel never reads it).
const noBias = new WeakMap<GPUDevice, GPUBuffer>();
function placeholder(device: GPUDevice): GPUBuffer {
  let buf = noBias.get(device);
  if (!buf) {
    buf = createStorageBuffer(device, 16, 'matmul-no-bias'); // one vec4: the vec4 kernel's binding size
    noBias.set(device, buf);
  }
  return buf;
}

/** A dispatch of the general strided product (or `s.batch` of them) in the chosen variant; out: (M, N) rows sOm apart, bias: (N) or null. */
export async function gemm(
  k: PipelineCache,
  label: string,
  out: Bindable,
  a: Bindable,
  b: Bindable,
  bias: Bindable | null,
  s: GemmShape,
  variant: MatmulVariant,
): Promise<Dispatch> {
  if (s.M <= 0 || s.N <= 0) throw new Error(`${label}: empty output (M=${s.M}, N=${s.N})`);
  const bt = s.batch ?? ONE;
  const uniforms = gemmUniforms(s, bias !== null);
  if (s.M < FEW_ROWS && variant !== 'naive') {
    const entry = rowsVec4(s, a, b) ? 'matmul_rows_vec4' : 'matmul_rows';
    const groups: [number, number, number] = [Math.min(cdiv(s.N, ROWS_WG), MAX_WG), s.M, Math.min(bt.count, MAX_WG)];
    return makeDispatch(k.device, `${label}:${entry}`, await k.pipeline(ROWS_SOURCE, entry), [out, a, b, bias ?? placeholder(k.device)], groups, uniforms);
  }
  // The vec4 kernels need whole 4x4 (8x8) blocks and 16-byte aligned rows; other shapes run the next smaller one.
  if (variant === 'blocked8_vec4' && !(s.M % 8 === 0 && s.N % 8 === 0)) variant = 'blocked_vec4';
  if ((variant === 'blocked_vec4' || variant === 'blocked8_vec4') && !vec4Layout(s, out, a, b, bias)) variant = 'blocked';
  const constants = variant === 'blocked_vec4' || variant === 'blocked8_vec4' ? { A_KMAJOR: s.sAk === 1 ? 1 : 0, B_KMAJOR: s.sBk === 1 ? 1 : 0 } : undefined;
  const pipeline = await k.pipeline(SOURCES[variant], `matmul_${variant}`, constants);
  const tile = TILE[variant];
  const groups: [number, number, number] = [Math.min(cdiv(s.N, tile), MAX_WG), Math.min(cdiv(s.M, tile), MAX_WG), Math.min(bt.count, MAX_WG)];
  return makeDispatch(k.device, `${label}:${variant}`, pipeline, [out, a, b, bias ?? placeholder(k.device)], groups, uniforms);
}

/** The MatmulParams uniform block (matmul_common.wgsl) of a product. */
function gemmUniforms(s: GemmShape, hasBias: boolean): Uint8Array {
  const bt = s.batch ?? ONE;
  return packUniforms([
    ...[s.M, s.N, s.K, s.sAm, s.sAk, s.sBk, s.sBn].map((u) => ({ u })),
    { f: s.alpha ?? 1 },
    { u: s.accumulate ? 1 : 0 },
    { u: hasBias ? 1 : 0 },
    ...[s.sOm ?? s.N, bt.count, bt.inner, ...bt.a, ...bt.b, ...bt.out, s.causal ? TRI[s.causal] : 0].map((u) => ({ u })),
  ]);
}

/** True when matmul_rows_vec4 can run the product: both operands contiguous along k, and K, row strides, batch offsets and byte offsets multiples of 4 (16 bytes). */
export function rowsVec4(s: GemmShape, a: Bindable, b: Bindable): boolean {
  const m4 = (x: number) => x % 4 === 0;
  const offset = (v: Bindable) => ('buffer' in v ? v.offset : 0);
  const bt = s.batch ?? ONE;
  return s.sAk === 1 && s.sBk === 1 && m4(s.K) && (m4(s.sAm) || s.M === 1) && m4(s.sBn) && [...bt.a, ...bt.b].every(m4) && offset(a) % 16 === 0 && offset(b) % 16 === 0;
}

/** True when matmul_blocked_vec4 can run the product: sizes, strides and batch offsets multiples of 4, each operand contiguous along one axis, 16-byte offsets. */
export function vec4Layout(s: GemmShape, out: Bindable, a: Bindable, b: Bindable, bias: Bindable | null): boolean {
  const m4 = (x: number) => x % 4 === 0;
  const offset = (v: Bindable) => ('buffer' in v ? v.offset : 0);
  const ok = (sRow: number, sK: number) => (sK === 1 && m4(sRow)) || (sRow === 1 && m4(sK));
  const bt = s.batch ?? ONE;
  const batchOk = [...bt.a, ...bt.b, ...bt.out].every(m4);
  return m4(s.M) && m4(s.N) && m4(s.K) && m4(s.sOm ?? s.N) && batchOk && ok(s.sAm, s.sAk) && ok(s.sBn, s.sBk) && [a, b, out, ...(bias ? [bias] : [])].every((v) => offset(v) % 16 === 0);
}

/** out = inp · weightᵀ + bias; out: (BT, OC), inp: (BT, C), weight: (OC, C), bias: (OC) or null */
export async function matmul_forward(
  k: PipelineCache,
  out: Bindable,
  inp: Bindable,
  weight: Bindable,
  bias: Bindable | null,
  BT: number,
  C: number,
  OC: number,
  variant: MatmulVariant = 'blocked',
): Promise<Dispatch> {
  return gemm(k, 'matmul_forward', out, inp, weight, bias, { M: BT, N: OC, K: C, sAm: C, sAk: 1, sBk: 1, sBn: C, accumulate: false }, variant);
}

/**
 * dinp += dout · weight; dweight += doutᵀ · inp; dbias += column sums of dout (skipped when null).
 * dinp: (BT, C), dweight: (OC, C), dbias: (OC), dout: (BT, OC), inp: (BT, C), weight: (OC, C)
 */
export async function matmul_backward(
  k: PipelineCache,
  dinp: Bindable,
  dweight: Bindable,
  dbias: Bindable | null,
  dout: Bindable,
  inp: Bindable,
  weight: Bindable,
  BT: number,
  C: number,
  OC: number,
  variant: MatmulVariant = 'blocked',
): Promise<Dispatch[]> {
  const ds = [
    await gemm(k, 'matmul_backward_dinp', dinp, dout, weight, null, { M: BT, N: C, K: OC, sAm: OC, sAk: 1, sBk: C, sBn: 1, accumulate: true }, variant),
    await gemm(k, 'matmul_backward_dweight', dweight, dout, inp, null, { M: OC, N: C, K: BT, sAm: 1, sAk: OC, sBk: C, sBn: 1, accumulate: true }, variant),
  ];
  if (dbias) ds.push(await matmul_backward_bias(k, dbias, dout, BT, OC));
  return ds;
}

/** dbias += column sums of dout, in a fixed order (deterministic); dbias: (OC), dout: (BT, OC) */
export async function matmul_backward_bias(k: PipelineCache, dbias: Bindable, dout: Bindable, BT: number, OC: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(MATMUL_DBIAS, 'matmul_dbias');
  return makeDispatch(k.device, 'matmul_backward_bias', pipeline, [dbias, dout], [Math.min(cdiv(OC, WG), MAX_WG)], packUniforms([{ u: BT }, { u: OC }]));
}
