/**
 * The GPT's forward and backward passes as lists of GPU dispatches, in the same order and with
 * the same names as the CPU reference (reference.ts), so the two read side by side. Finetuning
 * options (ParamOptions) swap the tied LM head for a classification head, add LoRA updates beside
 * chosen matmuls, and cut the backward pass to what frozen tensors leave (finetune.ts backwardPlan).
 */
import type { BufferView, Dispatch } from '../gpu/compute.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { attention_backward, attention_forward } from '../kernels/attention.ts';
import { attention_backward_gemm, attention_forward_gemm, type AttentionVariant } from '../kernels/attention_gemm.ts';
import { classifier_backward, classifier_forward } from '../kernels/classifier.ts';
import { crossentropy_forward_backward } from '../kernels/crossentropy.ts';
import { lora_backward, lora_forward } from '../kernels/lora.ts';
import { encoder_backward, encoder_forward } from '../kernels/encoder.ts';
import { gelu_backward, gelu_forward } from '../kernels/gelu.ts';
import { layernorm_backward, layernorm_forward } from '../kernels/layernorm.ts';
import { matmul_backward, matmul_forward, type MatmulVariant } from '../kernels/matmul.ts';
import { residual_backward, residual_forward } from '../kernels/residual.ts';
import type { RowVariant } from '../kernels/fill.ts';
import { act } from './activations.ts';
import type { GPTConfig } from './config.ts';
import { backwardPlan, LORA_OUT, loraAct } from './finetune.ts';
import { loraDims, loraName, type LoraTarget } from './lora.ts';
import { blockPrefix, gptParamSpecs, type ParamOptions } from './params.ts';
import { buildDpoLoss, type DpoBufs, type DpoSettings } from './dpo.ts';

/** Which version of each kernel family runs (see src/kernels/variants.ts, fill.ts and attention_gemm.ts). */
export interface KernelChoice {
  matmul: MatmulVariant;
  /** row-wise kernels (layernorm, cross-entropy, attention's softmax): one thread per row or a workgroup per row */
  rows: RowVariant;
  /**
   * attention: 'gemm' — batched products in the `matmul` variant around a causal softmax in the
   * `rows` variant (attention_gemm.ts); 'rows' — attention.wgsl, one thread or workgroup per query
   * row in the `rows` variant. Absent means 'rows'.
   */
  attention?: AttentionVariant;
}

/**
 * What an adapter runs by default. Software adapters (SwiftShader) run workgroups one after
 * another, so barriers cost there: register-blocked vec4 products, 8x8 outputs per thread (half
 * the GPU time of 4x4 on a small-preset step: bench/profile-step.ts), and a thread per row. Real GPUs
 * reward workgroups: shared-memory tiles and a workgroup per row, its reductions done by subgroup
 * operations where the device has the 'subgroups' feature (reduce_subgroup.wgsl). Both run attention as batched
 * products (on SwiftShader a small-preset step spent 2.8x less time in attention than with the row
 * kernels: scripts/attention-step.ts; on a GPU it is the form cuBLAS-based trainers use, every
 * head's product in one tiled dispatch, though not yet timed there).
 */
export function defaultKernelChoice(isFallback: boolean, hasSubgroups = false): KernelChoice {
  return { matmul: isFallback ? 'blocked8_vec4' : 'tiled', rows: isFallback ? 'thread' : hasSubgroups ? 'subgroup' : 'workgroup', attention: 'gemm' };
}

/** The choice for a device, where its opener knew the adapter (the CLI's openEngine); models built on it default to this. */
export const deviceKernels = new WeakMap<GPUDevice, KernelChoice>();

export { matmulShapes } from './config.ts';

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
  /** classification inputs: (B) u32 position read, (B) u32 label, (B) f32 row mask */
  lastIndex: BufferView;
  labels: BufferView;
  rowMask: BufferView;
  /** LoRA backward scratch dh: (B, T, r), overwritten by each adapted matmul in turn */
  loraDh: BufferView;
  buckets: BufferView;
  stats: BufferView;
  gnorm: BufferView;
  partials: BufferView;
  table: BufferView;
  /** a DPO model's buffers (dpo.ts) */
  dpo?: DpoBufs;
}

/** matmul_forward of `target` in layer l, then its LoRA update when adapted. */
async function linearForward(k: PipelineCache, c: GPTConfig, BT: number, b: Bufs, kc: KernelChoice, opts: ParamOptions, l: number, target: LoraTarget): Promise<Dispatch[]> {
  const p = blockPrefix(l);
  const { out, inp } = LORA_OUT[target];
  const { Cin, Cout } = loraDims(c, target);
  const A = (n: string) => b.acts[act(l, n)];
  const ds = [await matmul_forward(k, A(out), A(inp), b.params[`${p}${target}.weight`], b.params[`${p}${target}.bias`], BT, Cin, Cout, kc.matmul)];
  const lo = opts.lora;
  if (lo?.targets.includes(target)) {
    ds.push(...(await lora_forward(k, A(out), b.acts[loraAct(l, target)], A(inp), b.params[loraName(l, target, 'A')], b.params[loraName(l, target, 'B')], BT, Cin, Cout, lo.rank, lo.alpha, kc.matmul)));
  }
  return ds;
}

export async function buildForward(k: PipelineCache, c: GPTConfig, B: number, T: number, b: Bufs, kc: KernelChoice, opts: ParamOptions = {}): Promise<Dispatch[]> {
  const variant = kc.matmul;
  const rows = kc.rows;
  const C = c.nEmbd;
  const BT = B * T;
  const P = (n: string) => b.params[n];
  const a = b.acts;
  const lin = (l: number, t: LoraTarget) => linearForward(k, c, BT, b, kc, opts, l, t);
  const out: Dispatch[] = [await encoder_forward(k, a.encoded, b.tokens, P('wte.weight'), P('wpe.weight'), B, T, C)];
  let residual = a.encoded;
  for (let l = 0; l < c.nLayer; l++) {
    const p = blockPrefix(l);
    const A = (n: string) => a[act(l, n)];
    out.push(await layernorm_forward(k, A('ln1'), A('ln1_mean'), A('ln1_rstd'), residual, P(`${p}ln_1.weight`), P(`${p}ln_1.bias`), B, T, C, rows));
    out.push(...(await lin(l, 'attn.c_attn')));
    if (kc.attention === 'gemm') out.push(...(await attention_forward_gemm(k, A('atty'), A('att'), A('qkv'), B, T, C, c.nHead, variant, rows)));
    else out.push(await attention_forward(k, A('atty'), A('att'), A('qkv'), B, T, C, c.nHead, rows));
    out.push(...(await lin(l, 'attn.c_proj')));
    out.push(await residual_forward(k, A('residual2'), residual, A('attproj'), BT * C));
    out.push(await layernorm_forward(k, A('ln2'), A('ln2_mean'), A('ln2_rstd'), A('residual2'), P(`${p}ln_2.weight`), P(`${p}ln_2.bias`), B, T, C, rows));
    out.push(...(await lin(l, 'mlp.c_fc')));
    out.push(await gelu_forward(k, A('fch_gelu'), A('fch'), BT * 4 * C));
    out.push(...(await lin(l, 'mlp.c_proj')));
    out.push(await residual_forward(k, A('residual3'), A('residual2'), A('fcproj'), BT * C));
    residual = A('residual3');
  }
  out.push(await layernorm_forward(k, a.lnf, a.lnf_mean, a.lnf_rstd, residual, P('ln_f.weight'), P('ln_f.bias'), B, T, C, rows));
  if (opts.nClasses) {
    // The classification head reads one position per sequence; the token logits are never computed.
    out.push(await classifier_forward(k, a.cls_logits, a.lnf, b.lastIndex, P('cls.weight'), P('cls.bias'), B, T, C, opts.nClasses));
  } else {
    // LM head tied to the token embedding: logits = lnf · wteᵀ
    out.push(await matmul_forward(k, a.logits, a.lnf, P('wte.weight'), null, BT, C, c.vocabSize, variant));
  }
  return out;
}

/**
 * The fused softmax cross-entropy: per-position losses, stats = [mean loss, counted], dlogits.
 * With a classification head: over the classes (T = 1, V = NC), labels as targets, the row mask as weights.
 * With `dpo`: the DPO loss of pairs (dpo.ts) in its place.
 */
export async function buildLoss(k: PipelineCache, c: GPTConfig, B: number, T: number, b: Bufs, kc: KernelChoice, opts: ParamOptions & { dpo?: DpoSettings } = {}): Promise<Dispatch[]> {
  if (opts.dpo && b.dpo) return buildDpoLoss(k, c, B, T, b.dpo, b.stats, b.acts.logits, b.dacts.logits, b.targets, b.weights, opts.dpo);
  if (opts.nClasses) return crossentropy_forward_backward(k, b.acts.cls_losses, b.dacts.cls_logits, b.stats, b.acts.cls_logits, b.labels, b.rowMask, B, 1, opts.nClasses, kc.rows);
  return crossentropy_forward_backward(k, b.acts.losses, b.dacts.logits, b.stats, b.acts.logits, b.targets, b.weights, B, T, c.vocabSize, kc.rows);
}

/** matmul_backward without the weight-gradient product when the weight is frozen. */
async function matmulBackward(
  k: PipelineCache, frozen: ReadonlySet<string>, w: string, bias: string | null, b: Bufs, dinp: BufferView, dout: BufferView, inp: BufferView,
  BT: number, C: number, OC: number, kc: KernelChoice,
): Promise<Dispatch[]> {
  const dbias = bias && !frozen.has(bias) ? b.grads[bias] : null;
  const ds = await matmul_backward(k, dinp, b.grads[w], dbias, dout, inp, b.params[w], BT, C, OC, kc.matmul);
  return frozen.has(w) ? ds.filter((d) => !d.label.startsWith('matmul_backward_dweight')) : ds;
}

/** Backward of `target` in layer l: the (frozen-aware) matmul, then its LoRA update when adapted. */
async function linearBackward(k: PipelineCache, c: GPTConfig, BT: number, b: Bufs, kc: KernelChoice, frozen: ReadonlySet<string>, opts: ParamOptions, l: number, target: LoraTarget): Promise<Dispatch[]> {
  const p = blockPrefix(l);
  const { out, inp } = LORA_OUT[target];
  const { Cin, Cout } = loraDims(c, target);
  const A = (n: string) => b.acts[act(l, n)];
  const D = (n: string) => b.dacts[act(l, n)];
  const ds = await matmulBackward(k, frozen, `${p}${target}.weight`, `${p}${target}.bias`, b, D(inp), D(out), A(inp), BT, Cin, Cout, kc);
  const lo = opts.lora;
  if (lo?.targets.includes(target)) {
    const nA = loraName(l, target, 'A');
    const nB = loraName(l, target, 'B');
    ds.push(...(await lora_backward(k, D(inp), b.grads[nA], b.grads[nB], b.loraDh, D(out), A(inp), b.acts[loraAct(l, target)], b.params[nA], b.params[nB], BT, Cin, Cout, lo.rank, lo.alpha, kc.matmul)));
  }
  return ds;
}

export async function buildBackward(k: PipelineCache, c: GPTConfig, B: number, T: number, b: Bufs, kc: KernelChoice, opts: ParamOptions = {}): Promise<Dispatch[]> {
  const rows = kc.rows;
  const C = c.nEmbd;
  const BT = B * T;
  const P = (n: string) => b.params[n];
  const a = b.acts;
  const d = b.dacts;
  const g = b.grads;
  const plan = backwardPlan(c, gptParamSpecs(c, opts));
  const out: Dispatch[] = [];
  if (opts.nClasses) {
    out.push(...(await classifier_backward(k, d.lnf, g['cls.weight'], g['cls.bias'], d.cls_logits, a.lnf, b.lastIndex, P('cls.weight'), B, T, C, opts.nClasses)));
  } else {
    out.push(...(await matmulBackward(k, plan.frozen, 'wte.weight', null, b, d.lnf, d.logits, a.lnf, BT, C, c.vocabSize, kc)));
  }
  const last = c.nLayer > 0 ? act(c.nLayer - 1, 'residual3') : 'encoded';
  if (plan.lnf) out.push(...(await layernorm_backward(k, d[last], g['ln_f.weight'], g['ln_f.bias'], d.lnf, a[last], P('ln_f.weight'), a.lnf_mean, a.lnf_rstd, B, T, C, rows)));
  for (let l = c.nLayer - 1; l >= plan.lowestBlock; l--) {
    const p = blockPrefix(l);
    const A = (n: string) => a[act(l, n)];
    const D = (n: string) => d[act(l, n)];
    const G = (n: string) => g[`${p}${n}`];
    const resName = l === 0 ? 'encoded' : act(l - 1, 'residual3');
    const lin = (t: LoraTarget) => linearBackward(k, c, BT, b, kc, plan.frozen, opts, l, t);
    out.push(await residual_backward(k, D('residual2'), D('fcproj'), D('residual3'), BT * C));
    out.push(...(await lin('mlp.c_proj')));
    out.push(await gelu_backward(k, D('fch'), A('fch'), D('fch_gelu'), BT * 4 * C));
    out.push(...(await lin('mlp.c_fc')));
    out.push(...(await layernorm_backward(k, D('residual2'), G('ln_2.weight'), G('ln_2.bias'), D('ln2'), A('residual2'), P(`${p}ln_2.weight`), A('ln2_mean'), A('ln2_rstd'), B, T, C, rows)));
    out.push(await residual_backward(k, d[resName], D('attproj'), D('residual2'), BT * C));
    out.push(...(await lin('attn.c_proj')));
    if (kc.attention === 'gemm') out.push(...(await attention_backward_gemm(k, D('qkv'), b.dpreatt, D('atty'), A('qkv'), A('att'), B, T, C, c.nHead, kc.matmul, rows)));
    else out.push(...(await attention_backward(k, D('qkv'), b.dpreatt, D('atty'), A('qkv'), A('att'), B, T, C, c.nHead, rows)));
    out.push(...(await lin('attn.c_attn')));
    out.push(...(await layernorm_backward(k, d[resName], G('ln_1.weight'), G('ln_1.bias'), D('ln1'), a[resName], P(`${p}ln_1.weight`), A('ln1_mean'), A('ln1_rstd'), B, T, C, rows)));
  }
  if (plan.encoder) out.push(...(await encoder_backward(k, g['wte.weight'], g['wpe.weight'], d.encoded, b.buckets, B, T, C)));
  return out;
}
