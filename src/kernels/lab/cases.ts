/**
 * What the kernel lab runs for each editable kernel file: a Check (the GPU-vs-reference comparison
 * of the GPU tests, on an awkward shape, with gradient buffers pre-filled with random values so a
 * `=` written for `+=` fails) and a Timing (the model's real shapes, with the work done per run to
 * turn milliseconds into GFLOP/s or GB/s). Each builds its dispatches through the harness's
 * pipeline cache, so the cache's source override decides whether the edited or the shipped text
 * runs. Must not: hold buffers past a run (the caller frees the harness).
 */
import type { Dispatch } from '../../gpu/compute.ts';
import type { Harness } from '../../gpu/harness.ts';
import type { Tolerance } from '../../util/compare.ts';
import { mulberry32, uniformArray } from '../../util/random.ts';
import { attention_backward, attention_forward } from '../attention.ts';
import * as attentionRef from '../attention.ref.ts';
import type { AttentionVariant } from '../attention_gemm.ts';
import type { RowVariant } from '../fill.ts';
import { gelu_backward, gelu_forward } from '../gelu.ts';
import * as geluRef from '../gelu.ref.ts';
import { layernorm_backward, layernorm_forward } from '../layernorm.ts';
import * as layernormRef from '../layernorm.ref.ts';
import { matmul_backward, matmul_forward, type MatmulVariant } from '../matmul.ts';
import * as matmulRef from '../matmul.ref.ts';
import { residual_backward, residual_forward } from '../residual.ts';
import * as residualRef from '../residual.ref.ts';
import { softmax_causal_backward, softmax_causal_forward } from '../softmax.ts';
import * as softmaxRef from '../softmax.ref.ts';

/** One output of a check: what the GPU wrote and what the reference says. */
export interface CheckTensor {
  name: string;
  shape: number[];
  got: Float32Array;
  want: ArrayLike<number>;
  tol: Tolerance;
}

export interface KernelCheck {
  /** the shape, for people ("rows=201, T=67") */
  shape: string;
  run(h: Harness): Promise<CheckTensor[]>;
}

/** The model's sizes a timing runs at (a preset's config and batch). */
export interface ModelShape {
  B: number;
  T: number;
  C: number;
  NH: number;
}

/** Which kernel versions this adapter runs (the engine's KernelChoice, as far as the lab needs it). */
export interface LabVariants {
  matmul: MatmulVariant;
  rows: RowVariant;
  /** absent: 'rows' */
  attention?: AttentionVariant;
}

export interface KernelTiming {
  shape: string;
  unit: 'GFLOP/s' | 'GB/s';
  /** floating-point operations (GFLOP/s) or bytes moved (GB/s) by one run of `build`'s dispatches */
  work: number;
  build(h: Harness): Promise<Dispatch[]>;
}

const f64 = (x: Float32Array) => Float64Array.from(x);

/** Forward then backward of the causal softmax, both row variants, on scores large enough that exp overflows without the max subtraction. */
export const softmaxCheck: KernelCheck = {
  shape: 'rows = 3·67, T = 67 (more than a 64-thread workgroup per row), scores in ±100 (exp(100) overflows float32), both row variants',
  async run(h) {
    const rows = 3 * 67;
    const T = 67;
    const out: CheckTensor[] = [];
    for (const variant of ['thread', 'workgroup'] as const) {
      const rand = mulberry32(rows + T);
      const scores = uniformArray(rows * T, rand, -100, 100); // exp(100) overflows float32: only a max-subtracted softmax survives
      const datt = uniformArray(rows * T, rand);
      const att = h.upload(scores, 'att');
      const dpreatt = h.upload(datt, 'dpreatt');
      h.run(await softmax_causal_forward(h.cache, att, rows, T, variant), await softmax_causal_backward(h.cache, dpreatt, att, rows, T, variant));
      const want = { att: scores.slice(), dpreatt: datt.slice() };
      softmaxRef.softmax_causal_forward(want.att, rows, T);
      softmaxRef.softmax_causal_backward(want.dpreatt, want.att, rows, T);
      const tol = { atol: 1e-6, rtol: 1e-4 };
      out.push({ name: `att (${variant})`, shape: [rows, T], got: await h.readF32(att, rows * T), want: want.att, tol });
      out.push({ name: `dpreatt (${variant})`, shape: [rows, T], got: await h.readF32(dpreatt, rows * T), want: want.dpreatt, tol });
    }
    return out;
  },
};

export function softmaxTiming(s: ModelShape, v: LabVariants): KernelTiming {
  const rows = s.B * s.NH * s.T;
  return {
    shape: `att (B·NH·T, T) = (${rows}, ${s.T}), ${v.rows} per row`,
    unit: 'GB/s',
    // forward reads the row twice and writes it once; backward reads att and datt, writes dpreatt (lower triangle ~ half)
    work: 4 * rows * s.T * 6,
    async build(h) {
      const att = h.upload(uniformArray(rows * s.T, mulberry32(1), -4, 4), 'att');
      const d = h.upload(uniformArray(rows * s.T, mulberry32(2)), 'dpreatt');
      return [await softmax_causal_forward(h.cache, att, rows, s.T, v.rows), await softmax_causal_backward(h.cache, d, att, rows, s.T, v.rows)];
    },
  };
}

/** Forward and backward of the residual add; both gradients start random, so each must be added to. */
export const residualCheck: KernelCheck = {
  shape: 'N = 3·7·19 = 399 (not a multiple of 64)',
  async run(h) {
    const N = 399;
    const rand = mulberry32(N);
    const [inp1, inp2, dout, dinp1_0, dinp2_0] = [0, 1, 2, 3, 4].map(() => uniformArray(N, rand));
    const out = h.upload(uniformArray(N, rand), 'out'); // garbage: forward must overwrite
    const [dinp1, dinp2] = [h.upload(dinp1_0, 'dinp1'), h.upload(dinp2_0, 'dinp2')];
    h.run(await residual_forward(h.cache, out, h.upload(inp1), h.upload(inp2), N), await residual_backward(h.cache, dinp1, dinp2, h.upload(dout), N));
    const want = { out: new Float32Array(N), dinp1: dinp1_0.slice(), dinp2: dinp2_0.slice() };
    residualRef.residual_forward(want.out, inp1, inp2, N);
    residualRef.residual_backward(want.dinp1, want.dinp2, dout, N);
    const tol = { atol: 1e-6, rtol: 1e-6 };
    return [
      { name: 'out', shape: [N], got: await h.readF32(out, N), want: want.out, tol },
      { name: 'dinp1', shape: [N], got: await h.readF32(dinp1, N), want: want.dinp1, tol },
      { name: 'dinp2', shape: [N], got: await h.readF32(dinp2, N), want: want.dinp2, tol },
    ];
  },
};

export function residualTiming(s: ModelShape): KernelTiming {
  const N = s.B * s.T * s.C;
  return {
    shape: `(B, T, C) = (${s.B}, ${s.T}, ${s.C})`,
    unit: 'GB/s',
    work: 4 * N * (3 + 5), // forward: 2 reads, 1 write; backward: dout read, two read-modify-writes
    async build(h) {
      const [a, b, c] = [h.upload(N, 'a'), h.upload(N, 'b'), h.upload(N, 'c')];
      return [await residual_forward(h.cache, c, a, b, N), await residual_backward(h.cache, a, b, c, N)];
    },
  };
}

export const geluCheck: KernelCheck = {
  shape: 'N = 1000 (not a multiple of 64), inputs in ±6',
  async run(h) {
    const N = 1000;
    const rand = mulberry32(N);
    const inp = uniformArray(N, rand, -6, 6);
    const dout = uniformArray(N, rand);
    const dinp0 = uniformArray(N, rand); // random, not zero: backward must accumulate
    const out = h.upload(uniformArray(N, rand), 'out');
    const dinp = h.upload(dinp0, 'dinp');
    const inpB = h.upload(inp, 'inp');
    h.run(await gelu_forward(h.cache, out, inpB, N), await gelu_backward(h.cache, dinp, inpB, h.upload(dout, 'dout'), N));
    const want = { out: new Float32Array(N), dinp: dinp0.slice() };
    geluRef.gelu_forward(want.out, inp, N);
    geluRef.gelu_backward(want.dinp, inp, dout, N);
    const tol = { atol: 1e-5, rtol: 1e-4 };
    return [
      { name: 'out', shape: [N], got: await h.readF32(out, N), want: want.out, tol },
      { name: 'dinp', shape: [N], got: await h.readF32(dinp, N), want: want.dinp, tol },
    ];
  },
};

export function geluTiming(s: ModelShape): KernelTiming {
  const N = s.B * s.T * 4 * s.C;
  return {
    shape: `(B, T, 4C) = (${s.B}, ${s.T}, ${4 * s.C})`,
    unit: 'GB/s',
    work: 4 * N * (2 + 4), // forward: read, write; backward: inp, dout, dinp read, dinp written
    async build(h) {
      const [a, b, c] = [h.upload(uniformArray(N, mulberry32(3)), 'inp'), h.upload(N, 'out'), h.upload(N, 'dinp')];
      return [await gelu_forward(h.cache, b, a, N), await gelu_backward(h.cache, c, a, b, N)];
    },
  };
}

export const layernormCheck: KernelCheck = {
  shape: 'B = 3, T = 23, C = 37 (rows and channels not multiples of 64), inputs with an offset mean, both row variants',
  async run(h) {
    const [B, T, C] = [3, 23, 37];
    const N = B * T;
    const out: CheckTensor[] = [];
    for (const variant of ['thread', 'workgroup'] as const) {
      const rand = mulberry32(17);
      const inp = uniformArray(N * C, rand, -3, 5);
      const [weight, bias] = [uniformArray(C, rand), uniformArray(C, rand)];
      const dout = uniformArray(N * C, rand);
      const [dinp0, dweight0, dbias0] = [uniformArray(N * C, rand), uniformArray(C, rand), uniformArray(C, rand)];
      const [o, mean, rstd] = [h.upload(N * C), h.upload(N), h.upload(N)];
      const [dinp, dweight, dbias] = [h.upload(dinp0), h.upload(dweight0), h.upload(dbias0)];
      const [inpB, wB] = [h.upload(inp), h.upload(weight)];
      h.run(
        await layernorm_forward(h.cache, o, mean, rstd, inpB, wB, h.upload(bias), B, T, C, variant),
        ...(await layernorm_backward(h.cache, dinp, dweight, dbias, h.upload(dout), inpB, wB, mean, rstd, B, T, C, variant)),
      );
      const want = { out: new Float32Array(N * C), mean: new Float32Array(N), rstd: new Float32Array(N), dinp: dinp0.slice(), dweight: dweight0.slice(), dbias: dbias0.slice() };
      layernormRef.layernorm_forward(want.out, want.mean, want.rstd, inp, weight, bias, B, T, C);
      layernormRef.layernorm_backward(want.dinp, want.dweight, want.dbias, dout, inp, weight, want.mean, want.rstd, B, T, C);
      const tol = { atol: 1e-5, rtol: 1e-4 };
      const sums = { atol: 1e-4, rtol: 1e-4 };
      out.push(
        { name: `out (${variant})`, shape: [B, T, C], got: await h.readF32(o, N * C), want: want.out, tol },
        { name: `mean (${variant})`, shape: [B, T], got: await h.readF32(mean, N), want: want.mean, tol },
        { name: `rstd (${variant})`, shape: [B, T], got: await h.readF32(rstd, N), want: want.rstd, tol },
        { name: `dinp (${variant})`, shape: [B, T, C], got: await h.readF32(dinp, N * C), want: want.dinp, tol },
        { name: `dweight (${variant})`, shape: [C], got: await h.readF32(dweight, C), want: want.dweight, tol: sums },
        { name: `dbias (${variant})`, shape: [C], got: await h.readF32(dbias, C), want: want.dbias, tol: sums },
      );
    }
    return out;
  },
};

export function layernormTiming(s: ModelShape, v: LabVariants): KernelTiming {
  const N = s.B * s.T;
  return {
    shape: `(B, T, C) = (${s.B}, ${s.T}, ${s.C}), ${v.rows} per row`,
    unit: 'GB/s',
    work: 4 * N * s.C * (3 + 5), // forward: read twice, write; backward: inp, dout read twice, dinp read-modify-write
    async build(h) {
      const [o, mean, rstd, inp, w, b, d] = [h.upload(N * s.C), h.upload(N), h.upload(N), h.upload(uniformArray(N * s.C, mulberry32(4))), h.upload(s.C), h.upload(s.C), h.upload(N * s.C)];
      const [dw, db] = [h.upload(s.C), h.upload(s.C)];
      return [
        await layernorm_forward(h.cache, o, mean, rstd, inp, w, b, s.B, s.T, s.C, v.rows),
        ...(await layernorm_backward(h.cache, d, dw, db, o, inp, w, mean, rstd, s.B, s.T, s.C, v.rows)),
      ];
    },
  };
}

/**
 * Forward (with bias) and backward of one matmul variant on two shapes: one with no size a multiple
 * of 4 or a tile, and one of multiples of 4 that fill no tile (the vec4 kernel runs only there).
 */
export function matmulCheck(variant: MatmulVariant): KernelCheck {
  const shapes = [{ BT: 37, C: 45, OC: 29 }, { BT: 36, C: 44, OC: 28 }];
  return {
    shape: shapes.map((s) => `BT=${s.BT} C=${s.C} OC=${s.OC}`).join(' and ') + `, variant ${variant}`,
    async run(h) {
      const out: CheckTensor[] = [];
      for (const { BT, C, OC } of shapes) {
        const rand = mulberry32(BT * 1000 + C + 1);
        const [inp, weight, bias, dout] = [uniformArray(BT * C, rand), uniformArray(OC * C, rand), uniformArray(OC, rand), uniformArray(BT * OC, rand)];
        const [dinp0, dweight0, dbias0] = [uniformArray(BT * C, rand), uniformArray(OC * C, rand), uniformArray(OC, rand)]; // random: backward must accumulate
        const o = h.upload(uniformArray(BT * OC, rand), 'out'); // garbage: forward must overwrite
        const [inpB, weightB] = [h.upload(inp, 'inp'), h.upload(weight, 'weight')];
        const [dinp, dweight, dbias] = [h.upload(dinp0, 'dinp'), h.upload(dweight0, 'dweight'), h.upload(dbias0, 'dbias')];
        h.run(
          await matmul_forward(h.cache, o, inpB, weightB, h.upload(bias, 'bias'), BT, C, OC, variant),
          ...(await matmul_backward(h.cache, dinp, dweight, dbias, h.upload(dout, 'dout'), inpB, weightB, BT, C, OC, variant)),
        );
        const want = { out: new Float64Array(BT * OC), dinp: f64(dinp0), dweight: f64(dweight0), dbias: f64(dbias0) };
        matmulRef.matmul_forward(want.out, f64(inp), f64(weight), f64(bias), BT, C, OC);
        matmulRef.matmul_backward(want.dinp, want.dweight, want.dbias, f64(dout), f64(inp), f64(weight), BT, C, OC);
        const tol = { atol: 1e-3, rtol: 1e-4 };
        const at = `${BT}x${C}x${OC}`;
        out.push(
          { name: `out ${at}`, shape: [BT, OC], got: await h.readF32(o, BT * OC), want: want.out, tol },
          { name: `dinp ${at}`, shape: [BT, C], got: await h.readF32(dinp, BT * C), want: want.dinp, tol },
          { name: `dweight ${at}`, shape: [OC, C], got: await h.readF32(dweight, OC * C), want: want.dweight, tol },
          { name: `dbias ${at}`, shape: [OC], got: await h.readF32(dbias, OC), want: want.dbias, tol },
        );
      }
      return out;
    },
  };
}

/** The model's fc matmul (C -> 4C over B·T rows), forward and both backward products. */
export function matmulTiming(s: ModelShape, variant: MatmulVariant): KernelTiming {
  const [BT, C, OC] = [s.B * s.T, s.C, 4 * s.C];
  return {
    shape: `fc layer: BT=${BT}, C=${C}, OC=${OC}, variant ${variant}`,
    unit: 'GFLOP/s',
    work: 3 * 2 * BT * C * OC,
    async build(h) {
      const [inp, w, o, d, dinp, dw] = [h.upload(uniformArray(BT * C, mulberry32(5))), h.upload(uniformArray(OC * C, mulberry32(6))), h.upload(BT * OC), h.upload(BT * OC), h.upload(BT * C), h.upload(OC * C)];
      return [await matmul_forward(h.cache, o, inp, w, null, BT, C, OC, variant), ...(await matmul_backward(h.cache, dinp, dw, null, d, inp, w, BT, C, OC, variant))];
    },
  };
}

/**
 * Forward then backward of the row-kernel attention at one shape, on garbage-filled att and
 * dpreatt and a random dinp: what the GPU wrote and what the reference says (also the GPU test's).
 */
export async function attentionOutputs(h: Harness, B: number, T: number, NH: number, HS: number, variant: RowVariant): Promise<CheckTensor[]> {
  const C = NH * HS;
  const rand = mulberry32(T);
  const inp = uniformArray(B * T * 3 * C, rand, -2, 2);
  const dout = uniformArray(B * T * C, rand);
  const dinp0 = uniformArray(B * T * 3 * C, rand); // random, not zero: backward must accumulate
  const nAtt = B * NH * T * T;
  const o = h.upload(B * T * C, 'out');
  const att = h.upload(uniformArray(nAtt, rand), 'att'); // garbage: forward must write every element
  const dpreatt = h.upload(uniformArray(nAtt, rand), 'dpreatt');
  const dinp = h.upload(dinp0, 'dinp');
  const inpB = h.upload(inp, 'inp');
  h.run(
    await attention_forward(h.cache, o, att, inpB, B, T, C, NH, variant),
    ...(await attention_backward(h.cache, dinp, dpreatt, h.upload(dout), inpB, att, B, T, C, NH, variant)),
  );
  const want = { out: new Float32Array(B * T * C), att: new Float32Array(nAtt), dpreatt: new Float32Array(nAtt), dinp: dinp0.slice() };
  attentionRef.attention_forward(want.out, want.att, inp, B, T, C, NH);
  attentionRef.attention_backward(want.dinp, want.dpreatt, dout, inp, want.att, B, T, C, NH);
  const tol = { atol: 1e-5, rtol: 1e-4 };
  return [
    { name: `att (${variant})`, shape: [B, NH, T, T], got: await h.readF32(att, nAtt), want: want.att, tol },
    { name: `out (${variant})`, shape: [B, T, C], got: await h.readF32(o, B * T * C), want: want.out, tol },
    { name: `dpreatt (${variant})`, shape: [B, NH, T, T], got: await h.readF32(dpreatt, nAtt), want: want.dpreatt, tol },
    { name: `dinp (${variant})`, shape: [B, T, 3 * C], got: await h.readF32(dinp, B * T * 3 * C), want: want.dinp, tol },
  ];
}

/** The row-kernel attention; the causal mask puts exact zeros above the diagonal. */
export const attentionCheck: KernelCheck = {
  shape: 'B=2 T=7 NH=3 HS=5 one thread per row, and B=2 T=67 NH=2 HS=12 one workgroup per row (T above 64)',
  async run(h) {
    return [...(await attentionOutputs(h, 2, 7, 3, 5, 'thread')), ...(await attentionOutputs(h, 2, 67, 2, 12, 'workgroup'))];
  },
};

export function attentionTiming(s: ModelShape, v: LabVariants): KernelTiming {
  const HS = s.C / s.NH;
  return {
    shape: `qkv (B, T, 3C) = (${s.B}, ${s.T}, ${3 * s.C}), ${s.NH} heads, ${v.rows} per row`,
    unit: 'GFLOP/s',
    // causal: about half of the T·T scores; q·k and att·v forward, four such products backward
    work: 6 * 2 * s.B * s.NH * ((s.T * (s.T + 1)) / 2) * HS,
    async build(h) {
      const nAtt = s.B * s.NH * s.T * s.T;
      const [o, att, inp, d, dpre, dinp] = [h.upload(s.B * s.T * s.C), h.upload(nAtt), h.upload(uniformArray(s.B * s.T * 3 * s.C, mulberry32(7))), h.upload(s.B * s.T * s.C), h.upload(nAtt), h.upload(s.B * s.T * 3 * s.C)];
      return [
        await attention_forward(h.cache, o, att, inp, s.B, s.T, s.C, s.NH, v.rows),
        ...(await attention_backward(h.cache, dinp, dpre, d, inp, att, s.B, s.T, s.C, s.NH, v.rows)),
      ];
    },
  };
}
