/**
 * The kernel files the kernel lab lets a learner edit, as data: the shader source each is compiled
 * in (the very ShaderSource objects the engine runs, built from the same `?raw` imports), its CPU
 * reference's text (`X.ref.ts?raw`, shown read-only beside it), its llm.c-style signatures, and
 * what Check and Time run. Plain text travels from here to the page through the engine worker.
 */
import type { ShaderSource } from '../../gpu/pipelines.ts';
import { ATTENTION } from '../attention.ts';
import attentionRef from '../attention.ref.ts?raw';
import { GELU } from '../gelu.ts';
import geluRef from '../gelu.ref.ts?raw';
import { LAYERNORM } from '../layernorm.ts';
import layernormRef from '../layernorm.ref.ts?raw';
import { MATMUL_VARIANT_INFO, matmulSource, type MatmulVariant } from '../matmul.ts';
import matmulRef from '../matmul.ref.ts?raw';
import { RESIDUAL } from '../residual.ts';
import residualRef from '../residual.ref.ts?raw';
import { SOFTMAX } from '../softmax.ts';
import softmaxRef from '../softmax.ref.ts?raw';
import {
  attentionCheck, attentionTiming, geluCheck, geluTiming, layernormCheck, layernormTiming, matmulCheck, matmulTiming, residualCheck, residualTiming, softmaxCheck, softmaxTiming,
  type KernelCheck, type KernelTiming, type LabVariants, type ModelShape,
} from './cases.ts';

export interface LabKernel {
  /** the editable file, e.g. 'softmax.wgsl' */
  file: string;
  title: string;
  /** what it computes, in a sentence */
  summary: string;
  /** the source the engine compiles it in (shared files first, this file last) */
  source: ShaderSource;
  /** the CPU reference file */
  ref: { name: string; code: string };
  /** llm.c-style signatures of the descriptor functions: outputs, then inputs, then sizes */
  signature: string;
  /** whether a training run on an adapter with these variants dispatches this file */
  inTraining(v: LabVariants): boolean;
  /** the variants a run switches to when this file is swapped in (so that it dispatches the file) */
  trainWith?: Partial<LabVariants>;
  check: KernelCheck;
  timing(s: ModelShape, v: LabVariants): KernelTiming;
}

const matmulKernel = (variant: MatmulVariant, title: string): LabKernel => ({
  file: MATMUL_VARIANT_INFO[variant].file,
  title,
  summary: `The general strided product every matmul runs, in the ${variant} version: ${MATMUL_VARIANT_INFO[variant].summary}.`,
  source: matmulSource(variant),
  ref: { name: 'matmul.ref.ts', code: matmulRef },
  signature: [
    `void matmul_forward(float* out /* (BT, OC) */, const float* inp /* (BT, C) */, const float* weight /* (OC, C) */, const float* bias /* (OC) or NULL */, int BT, int C, int OC);`,
    `void matmul_backward(float* dinp /* (BT, C) += */, float* dweight /* (OC, C) += */, float* dbias /* (OC) += */, const float* dout /* (BT, OC) */, const float* inp, const float* weight, int BT, int C, int OC);`,
    `// both run gemm(): out (M, N) = alpha · op(A) · op(B) [+ bias] [+ out], sizes and strides as uniforms`,
  ].join('\n'),
  // the vec4 kernels fall back to blocked for shapes that are not multiples of 4, and 8x8 to 4x4 for M or N not multiples of 8
  inTraining: (v) => v.matmul === variant || (variant === 'blocked' && v.matmul.endsWith('_vec4')) || (variant === 'blocked_vec4' && v.matmul === 'blocked8_vec4'),
  check: matmulCheck(variant),
  timing: (s) => matmulTiming(s, variant),
});

export const LAB_KERNELS: LabKernel[] = [
  {
    file: 'softmax.wgsl',
    title: 'Causal softmax',
    summary: 'Row-wise softmax over attention scores with the causal mask: each query position weighs only the keys at or before it.',
    source: SOFTMAX,
    ref: { name: 'softmax.ref.ts', code: softmaxRef },
    signature: [
      `void softmax_causal_forward(float* att /* (B, NH, T, T): scores in, probabilities out */, int rows /* B·NH·T */, int T);`,
      `void softmax_causal_backward(float* dpreatt /* (B, NH, T, T): datt in, dpreatt out */, const float* att /* (B, NH, T, T) */, int rows, int T);`,
    ].join('\n'),
    inTraining: (v) => v.attention === 'gemm', // the product form of attention runs it
    check: softmaxCheck,
    timing: softmaxTiming,
  },
  {
    file: 'attention.wgsl',
    title: 'Attention, row kernels',
    summary: 'Causal multi-head attention with one thread (or workgroup) per query row: scores, masked softmax and the weighted sum of values, and their gradients. Training runs the product form by default; swapping this file in switches the run to these row kernels.',
    source: ATTENTION,
    ref: { name: 'attention.ref.ts', code: attentionRef },
    signature: [
      `void attention_forward(float* out /* (B, T, C) */, float* att /* (B, NH, T, T) */, const float* inp /* (B, T, 3C) = q | k | v */, int B, int T, int C, int NH);`,
      `void attention_backward(float* dinp /* (B, T, 3C) += */, float* dpreatt /* (B, NH, T, T) scratch */, const float* dout /* (B, T, C) */, const float* inp, const float* att, int B, int T, int C, int NH);`,
    ].join('\n'),
    inTraining: (v) => (v.attention ?? 'rows') === 'rows',
    trainWith: { attention: 'rows' },
    check: attentionCheck,
    timing: attentionTiming,
  },
  {
    file: 'residual.wgsl',
    title: 'Residual add',
    summary: 'out = inp1 + inp2; its backward hands the gradient unchanged to both branches, adding to what they hold.',
    source: RESIDUAL,
    ref: { name: 'residual.ref.ts', code: residualRef },
    signature: [
      `void residual_forward(float* out /* (N) */, const float* inp1 /* (N) */, const float* inp2 /* (N) */, int N);`,
      `void residual_backward(float* dinp1 /* (N) += */, float* dinp2 /* (N) += */, const float* dout /* (N) */, int N);`,
    ].join('\n'),
    inTraining: () => true,
    check: residualCheck,
    timing: residualTiming,
  },
  {
    file: 'gelu.wgsl',
    title: 'GELU',
    summary: 'The MLP\'s nonlinearity (tanh approximation, as GPT-2), element by element.',
    source: GELU,
    ref: { name: 'gelu.ref.ts', code: geluRef },
    signature: [
      `void gelu_forward(float* out /* (B, T, 4C) */, const float* inp /* (B, T, 4C) */, int N);`,
      `void gelu_backward(float* dinp /* (B, T, 4C) += */, const float* inp, const float* dout, int N);`,
    ].join('\n'),
    inTraining: () => true,
    check: geluCheck,
    timing: geluTiming,
  },
  {
    file: 'layernorm.wgsl',
    title: 'LayerNorm',
    summary: 'Normalises each position\'s C channels to mean 0 and variance 1 (eps 1e-5), then scales and shifts them.',
    source: LAYERNORM,
    ref: { name: 'layernorm.ref.ts', code: layernormRef },
    signature: [
      `void layernorm_forward(float* out /* (B, T, C) */, float* mean /* (B, T) */, float* rstd /* (B, T) */, const float* inp /* (B, T, C) */, const float* weight /* (C) */, const float* bias /* (C) */, int B, int T, int C);`,
      `void layernorm_backward(float* dinp /* (B, T, C) += */, float* dweight /* (C) += */, float* dbias /* (C) += */, const float* dout, const float* inp, const float* weight, const float* mean, const float* rstd, int B, int T, int C);`,
    ].join('\n'),
    inTraining: () => true,
    check: layernormCheck,
    timing: layernormTiming,
  },
  matmulKernel('naive', 'Matmul, naive'),
  matmulKernel('blocked', 'Matmul, register-blocked'),
  matmulKernel('blocked_vec4', 'Matmul, blocked with vec4 loads'),
  matmulKernel('blocked8_vec4', 'Matmul, 8×8 per thread with vec4 loads'),
  matmulKernel('tiled', 'Matmul, shared-memory tiles'),
];

/** The lab's kernel for an editable file name; throws for any other name. */
export function labKernel(file: string): LabKernel {
  const k = LAB_KERNELS.find((x) => x.file === file);
  if (!k) throw new Error(`${file} is not a kernel the lab edits (${LAB_KERNELS.map((x) => x.file).join(', ')})`);
  return k;
}
