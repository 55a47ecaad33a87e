/**
 * The GPT's forward and backward passes as lists of GPU dispatches, in the same order and with
 * the same names as the CPU reference (reference.ts), so the two read side by side.
 */
import type { BufferView, Dispatch } from '../gpu/compute.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { attention_backward, attention_forward } from '../kernels/attention.ts';
import { crossentropy_forward_backward } from '../kernels/crossentropy.ts';
import { encoder_backward, encoder_forward } from '../kernels/encoder.ts';
import { gelu_backward, gelu_forward } from '../kernels/gelu.ts';
import { layernorm_backward, layernorm_forward } from '../kernels/layernorm.ts';
import { matmul_backward, matmul_forward, type MatmulVariant } from '../kernels/matmul.ts';
import { residual_backward, residual_forward } from '../kernels/residual.ts';
import type { RowVariant } from '../kernels/fill.ts';
import { act } from './activations.ts';
import type { GPTConfig } from './config.ts';
import { blockPrefix } from './params.ts';

/** Which version of each kernel family runs (see src/kernels/variants.ts and fill.ts). */
export interface KernelChoice {
  matmul: MatmulVariant;
  /** row-wise kernels (layernorm, attention, cross-entropy): one thread per row or a workgroup per row */
  rows: RowVariant;
}

/** Software adapters (SwiftShader) run workgroups one after another, so barriers cost there; real GPUs reward workgroups. */
export function defaultKernelChoice(isFallback: boolean): KernelChoice {
  return { matmul: isFallback ? 'blocked' : 'tiled', rows: isFallback ? 'thread' : 'workgroup' };
}

/** Every buffer the passes bind. */
export interface Bufs {
  params: Record<string, BufferView>;
  grads: Record<string, BufferView>;
  paramsWhole: BufferView;
  gradsWhole: BufferView;
  m: BufferView;
  v: BufferView;
  acts: Record<string, BufferView>;
  dacts: Record<string, BufferView>;
  dpreatt: BufferView;
  tokens: BufferView;
  targets: BufferView;
  weights: BufferView;
  buckets: BufferView;
  stats: BufferView;
  gnorm: BufferView;
  partials: BufferView;
  table: BufferView;
}

export async function buildForward(k: PipelineCache, c: GPTConfig, B: number, T: number, b: Bufs, kc: KernelChoice): Promise<Dispatch[]> {
  const variant = kc.matmul;
  const rows = kc.rows;
  const C = c.nEmbd;
  const BT = B * T;
  const P = (n: string) => b.params[n];
  const a = b.acts;
  const out: Dispatch[] = [await encoder_forward(k, a.encoded, b.tokens, P('wte.weight'), P('wpe.weight'), B, T, C)];
  let residual = a.encoded;
  for (let l = 0; l < c.nLayer; l++) {
    const p = blockPrefix(l);
    const A = (n: string) => a[act(l, n)];
    out.push(
      await layernorm_forward(k, A('ln1'), A('ln1_mean'), A('ln1_rstd'), residual, P(`${p}ln_1.weight`), P(`${p}ln_1.bias`), B, T, C, rows),
      await matmul_forward(k, A('qkv'), A('ln1'), P(`${p}attn.c_attn.weight`), P(`${p}attn.c_attn.bias`), BT, C, 3 * C, variant),
      await attention_forward(k, A('atty'), A('att'), A('qkv'), B, T, C, c.nHead, rows),
      await matmul_forward(k, A('attproj'), A('atty'), P(`${p}attn.c_proj.weight`), P(`${p}attn.c_proj.bias`), BT, C, C, variant),
      await residual_forward(k, A('residual2'), residual, A('attproj'), BT * C),
      await layernorm_forward(k, A('ln2'), A('ln2_mean'), A('ln2_rstd'), A('residual2'), P(`${p}ln_2.weight`), P(`${p}ln_2.bias`), B, T, C, rows),
      await matmul_forward(k, A('fch'), A('ln2'), P(`${p}mlp.c_fc.weight`), P(`${p}mlp.c_fc.bias`), BT, C, 4 * C, variant),
      await gelu_forward(k, A('fch_gelu'), A('fch'), BT * 4 * C),
      await matmul_forward(k, A('fcproj'), A('fch_gelu'), P(`${p}mlp.c_proj.weight`), P(`${p}mlp.c_proj.bias`), BT, 4 * C, C, variant),
      await residual_forward(k, A('residual3'), A('residual2'), A('fcproj'), BT * C),
    );
    residual = A('residual3');
  }
  out.push(
    await layernorm_forward(k, a.lnf, a.lnf_mean, a.lnf_rstd, residual, P('ln_f.weight'), P('ln_f.bias'), B, T, C, rows),
    // LM head tied to the token embedding: logits = lnf · wteᵀ
    await matmul_forward(k, a.logits, a.lnf, P('wte.weight'), null, BT, C, c.vocabSize, variant),
  );
  return out;
}

/** The fused softmax cross-entropy: per-position losses, stats = [mean loss, counted], dlogits. */
export async function buildLoss(k: PipelineCache, c: GPTConfig, B: number, T: number, b: Bufs, kc: KernelChoice): Promise<Dispatch[]> {
  return crossentropy_forward_backward(k, b.acts.losses, b.dacts.logits, b.stats, b.acts.logits, b.targets, b.weights, B, T, c.vocabSize, kc.rows);
}

export async function buildBackward(k: PipelineCache, c: GPTConfig, B: number, T: number, b: Bufs, kc: KernelChoice): Promise<Dispatch[]> {
  const variant = kc.matmul;
  const rows = kc.rows;
  const C = c.nEmbd;
  const BT = B * T;
  const P = (n: string) => b.params[n];
  const a = b.acts;
  const d = b.dacts;
  const g = b.grads;
  const out: Dispatch[] = [];
  out.push(...(await matmul_backward(k, d.lnf, g['wte.weight'], null, d.logits, a.lnf, P('wte.weight'), BT, C, c.vocabSize, variant)));
  const last = c.nLayer > 0 ? act(c.nLayer - 1, 'residual3') : 'encoded';
  out.push(...(await layernorm_backward(k, d[last], g['ln_f.weight'], g['ln_f.bias'], d.lnf, a[last], P('ln_f.weight'), a.lnf_mean, a.lnf_rstd, B, T, C, rows)));
  for (let l = c.nLayer - 1; l >= 0; l--) {
    const p = blockPrefix(l);
    const A = (n: string) => a[act(l, n)];
    const D = (n: string) => d[act(l, n)];
    const G = (n: string) => g[`${p}${n}`];
    const resName = l === 0 ? 'encoded' : act(l - 1, 'residual3');
    out.push(await residual_backward(k, D('residual2'), D('fcproj'), D('residual3'), BT * C));
    out.push(...(await matmul_backward(k, D('fch_gelu'), G('mlp.c_proj.weight'), G('mlp.c_proj.bias'), D('fcproj'), A('fch_gelu'), P(`${p}mlp.c_proj.weight`), BT, 4 * C, C, variant)));
    out.push(await gelu_backward(k, D('fch'), A('fch'), D('fch_gelu'), BT * 4 * C));
    out.push(...(await matmul_backward(k, D('ln2'), G('mlp.c_fc.weight'), G('mlp.c_fc.bias'), D('fch'), A('ln2'), P(`${p}mlp.c_fc.weight`), BT, C, 4 * C, variant)));
    out.push(...(await layernorm_backward(k, D('residual2'), G('ln_2.weight'), G('ln_2.bias'), D('ln2'), A('residual2'), P(`${p}ln_2.weight`), A('ln2_mean'), A('ln2_rstd'), B, T, C, rows)));
    out.push(await residual_backward(k, d[resName], D('attproj'), D('residual2'), BT * C));
    out.push(...(await matmul_backward(k, D('atty'), G('attn.c_proj.weight'), G('attn.c_proj.bias'), D('attproj'), A('atty'), P(`${p}attn.c_proj.weight`), BT, C, C, variant)));
    out.push(...(await attention_backward(k, D('qkv'), b.dpreatt, D('atty'), A('qkv'), A('att'), B, T, C, c.nHead, rows)));
    out.push(...(await matmul_backward(k, D('ln1'), G('attn.c_attn.weight'), G('attn.c_attn.bias'), D('qkv'), A('ln1'), P(`${p}attn.c_attn.weight`), BT, C, 3 * C, variant)));
    out.push(...(await layernorm_backward(k, d[resName], G('ln_1.weight'), G('ln_1.bias'), D('ln1'), a[resName], P(`${p}ln_1.weight`), A('ln1_mean'), A('ln1_rstd'), B, T, C, rows)));
  }
  out.push(...(await encoder_backward(k, g['wte.weight'], g['wpe.weight'], d.encoded, b.buckets, B, T, C)));
  return out;
}
