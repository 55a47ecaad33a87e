/**
 * The whole GPT on the CPU, composed from the kernels' references (X.ref.ts) in llm.c's order:
 * the independent check of the GPU model, and what the golden PyTorch values are compared with.
 * Written for clarity, not speed: only for tiny configs in tests. Float64 or Float32 throughout.
 * Finetuning options mirror the GPU model's: a classification head read at one position per
 * sequence instead of the tied LM head, LoRA updates beside chosen matmuls, and frozen tensors,
 * with the same backward plan (finetune.ts), so every gradient can be compared, zeros included.
 */
import { encoder_backward, encoder_forward } from '../kernels/encoder.ref.ts';
import { layernorm_backward, layernorm_forward } from '../kernels/layernorm.ref.ts';
import { matmul_backward, matmul_forward } from '../kernels/matmul.ref.ts';
import { attention_backward, attention_forward } from '../kernels/attention.ref.ts';
import { gelu_backward, gelu_forward } from '../kernels/gelu.ref.ts';
import { residual_backward, residual_forward } from '../kernels/residual.ref.ts';
import { crossentropy_forward_backward } from '../kernels/crossentropy.ref.ts';
import { classifier_backward, classifier_forward } from '../kernels/classifier.ref.ts';
import { lora_backward, lora_forward } from '../kernels/lora.ref.ts';
import type { GPTConfig } from './config.ts';
import { act, numel } from './activations.ts';
import { backwardPlan, LORA_OUT, loraAct, modelActSpecs } from './finetune.ts';
import { loraDims, loraName, type LoraTarget } from './lora.ts';
import { blockPrefix, gptParamSpecs, type ParamOptions } from './params.ts';

type Arr = Float64Array | Float32Array;
export type Tensors = Record<string, Arr>;

/** The model's finetuning options, plus where the classification head reads each sequence. */
export interface RefOptions extends ParamOptions {
  /** (B) position whose hidden state the classification head reads; needed with nClasses */
  lastIndex?: ArrayLike<number>;
}

function alloc(like: Arr, n: number): Arr {
  return like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

/** matmul_forward, then the LoRA update of `target` in layer l when it is adapted. */
function linearForward(c: GPTConfig, params: Tensors, a: Tensors, opts: RefOptions, l: number, target: LoraTarget, BT: number): void {
  const p = blockPrefix(l);
  const { out, inp } = LORA_OUT[target];
  const { Cin, Cout } = loraDims(c, target);
  matmul_forward(a[act(l, out)], a[act(l, inp)], params[`${p}${target}.weight`], params[`${p}${target}.bias`], BT, Cin, Cout);
  const lo = opts.lora;
  if (lo?.targets.includes(target)) {
    lora_forward(a[act(l, out)], a[loraAct(l, target)], a[act(l, inp)], params[loraName(l, target, 'A')], params[loraName(l, target, 'B')], BT, Cin, Cout, lo.rank, lo.alpha);
  }
}

/** Forward pass: every activation of the table, by name (logits, or cls_logits with a head). tokens: (B, T) */
export function gptForwardRef(c: GPTConfig, params: Tensors, tokens: ArrayLike<number>, B: number, T: number, opts: RefOptions = {}): Tensors {
  const C = c.nEmbd;
  const BT = B * T;
  const like = params['wte.weight'];
  const a: Tensors = {};
  for (const s of modelActSpecs(c, B, T, opts)) a[s.name] = alloc(like, numel(s.shape));
  const P = (n: string) => params[n];
  encoder_forward(a.encoded, tokens, P('wte.weight'), P('wpe.weight'), B, T, C);
  let residual = a.encoded;
  for (let l = 0; l < c.nLayer; l++) {
    const p = blockPrefix(l);
    const A = (n: string) => a[act(l, n)];
    layernorm_forward(A('ln1'), A('ln1_mean'), A('ln1_rstd'), residual, P(`${p}ln_1.weight`), P(`${p}ln_1.bias`), B, T, C);
    linearForward(c, params, a, opts, l, 'attn.c_attn', BT);
    attention_forward(A('atty'), A('att'), A('qkv'), B, T, C, c.nHead);
    linearForward(c, params, a, opts, l, 'attn.c_proj', BT);
    residual_forward(A('residual2'), residual, A('attproj'), BT * C);
    layernorm_forward(A('ln2'), A('ln2_mean'), A('ln2_rstd'), A('residual2'), P(`${p}ln_2.weight`), P(`${p}ln_2.bias`), B, T, C);
    linearForward(c, params, a, opts, l, 'mlp.c_fc', BT);
    gelu_forward(A('fch_gelu'), A('fch'), BT * 4 * C);
    linearForward(c, params, a, opts, l, 'mlp.c_proj', BT);
    residual_forward(A('residual3'), A('residual2'), A('fcproj'), BT * C);
    residual = A('residual3');
  }
  layernorm_forward(a.lnf, a.lnf_mean, a.lnf_rstd, residual, P('ln_f.weight'), P('ln_f.bias'), B, T, C);
  if (opts.nClasses) {
    if (!opts.lastIndex) throw new Error('gptForwardRef: a classification head needs lastIndex (B)');
    // The head reads one position per sequence: logits (B, NC) = lnf[b, lastIndex[b]] · clsᵀ + bias.
    classifier_forward(a.cls_logits, a.lnf, opts.lastIndex, P('cls.weight'), P('cls.bias'), B, T, C, opts.nClasses);
  } else {
    // The LM head is tied to the token embedding: logits = lnf · wteᵀ.
    matmul_forward(a.logits, a.lnf, P('wte.weight'), null, BT, C, c.vocabSize);
  }
  return a;
}

export interface RefStep {
  acts: Tensors;
  loss: number;
  /** gradient of every parameter, by parameter name (zero where the backward plan skips it) */
  grads: Tensors;
}

/** Backward of a frozen-aware linear layer (matmul, then its LoRA update when adapted). */
function linearBackward(c: GPTConfig, params: Tensors, a: Tensors, d: Tensors, g: Tensors, frozen: ReadonlySet<string>, opts: RefOptions, l: number, target: LoraTarget, BT: number): void {
  const p = blockPrefix(l);
  const { out, inp } = LORA_OUT[target];
  const { Cin, Cout } = loraDims(c, target);
  const w = `${p}${target}.weight`;
  const bias = `${p}${target}.bias`;
  const like = params['wte.weight'];
  // A frozen weight's gradient is not wanted: it goes to a throwaway (the GPU skips that product).
  const dweight = frozen.has(w) ? alloc(like, Cout * Cin) : g[w];
  matmul_backward(d[act(l, inp)], dweight, frozen.has(bias) ? null : g[bias], d[act(l, out)], a[act(l, inp)], params[w], BT, Cin, Cout);
  const lo = opts.lora;
  if (lo?.targets.includes(target)) {
    const A = loraName(l, target, 'A');
    const B = loraName(l, target, 'B');
    const dh = alloc(like, BT * lo.rank);
    lora_backward(d[act(l, inp)], g[A], g[B], dh, d[act(l, out)], a[act(l, inp)], a[loraAct(l, target)], params[A], params[B], BT, Cin, Cout, lo.rank, lo.alpha);
  }
}

/** Everything below the head: from d.lnf down through the blocks and the embeddings, as far as the backward plan goes. */
function bodyBackward(c: GPTConfig, params: Tensors, tokens: ArrayLike<number>, a: Tensors, d: Tensors, g: Tensors, B: number, T: number, opts: RefOptions): void {
  const C = c.nEmbd;
  const BT = B * T;
  const like = params['wte.weight'];
  const plan = backwardPlan(c, gptParamSpecs(c, opts));
  const P = (n: string) => params[n];
  const last = c.nLayer > 0 ? act(c.nLayer - 1, 'residual3') : 'encoded';
  if (plan.lnf) layernorm_backward(d[last], g['ln_f.weight'], g['ln_f.bias'], d.lnf, a[last], P('ln_f.weight'), a.lnf_mean, a.lnf_rstd, B, T, C);
  for (let l = c.nLayer - 1; l >= plan.lowestBlock; l--) {
    const p = blockPrefix(l);
    const A = (n: string) => a[act(l, n)];
    const D = (n: string) => d[act(l, n)];
    const G = (n: string) => g[`${p}${n}`];
    const resName = l === 0 ? 'encoded' : act(l - 1, 'residual3');
    const lin = (t: LoraTarget) => linearBackward(c, params, a, d, g, plan.frozen, opts, l, t, BT);
    residual_backward(D('residual2'), D('fcproj'), D('residual3'), BT * C);
    lin('mlp.c_proj');
    gelu_backward(D('fch'), A('fch'), D('fch_gelu'), BT * 4 * C);
    lin('mlp.c_fc');
    layernorm_backward(D('residual2'), G('ln_2.weight'), G('ln_2.bias'), D('ln2'), A('residual2'), P(`${p}ln_2.weight`), A('ln2_mean'), A('ln2_rstd'), B, T, C);
    residual_backward(d[resName], D('attproj'), D('residual2'), BT * C);
    lin('attn.c_proj');
    const dpreatt = alloc(like, B * c.nHead * T * T);
    attention_backward(D('qkv'), dpreatt, D('atty'), A('qkv'), A('att'), B, T, C, c.nHead);
    lin('attn.c_attn');
    layernorm_backward(d[resName], G('ln_1.weight'), G('ln_1.bias'), D('ln1'), a[resName], P(`${p}ln_1.weight`), A('ln1_mean'), A('ln1_rstd'), B, T, C);
  }
  if (plan.encoder) encoder_backward(g['wte.weight'], g['wpe.weight'], d.encoded, tokens, B, T, C);
}

function zeros(c: GPTConfig, params: Tensors, B: number, T: number, opts: RefOptions): { g: Tensors; d: Tensors } {
  const like = params['wte.weight'];
  const g: Tensors = {};
  for (const [name, arr] of Object.entries(params)) g[name] = alloc(like, arr.length);
  const d: Tensors = {};
  for (const s of modelActSpecs(c, B, T, opts)) if (s.grad) d[s.name] = alloc(like, numel(s.shape));
  return { g, d };
}

/**
 * Forward, loss (mean over positions with weight > 0) and backward, with the tied LM head.
 * tokens, targets, weights: (B, T); weights 1 = counted, 0 = ignored. opts: LoRA and frozen tensors.
 */
export function gptStepRef(
  c: GPTConfig,
  params: Tensors,
  tokens: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights: ArrayLike<number>,
  B: number,
  T: number,
  opts: RefOptions = {},
): RefStep {
  if (opts.nClasses) throw new Error('gptStepRef is the language-model step; use gptClassStepRef with a classification head');
  const a = gptForwardRef(c, params, tokens, B, T, opts);
  const { g, d } = zeros(c, params, B, T, opts);
  const stats = alloc(params['wte.weight'], 4);
  crossentropy_forward_backward(a.losses, d.logits, stats, a.logits, targets, weights, B, T, c.vocabSize);
  const like = params['wte.weight'];
  const frozenWte = gptParamSpecs(c, opts).find((s) => s.name === 'wte.weight')?.frozen;
  const dwte = frozenWte ? alloc(like, like.length) : g['wte.weight'];
  matmul_backward(d.lnf, dwte, null, d.logits, a.lnf, params['wte.weight'], B * T, c.nEmbd, c.vocabSize);
  bodyBackward(c, params, tokens, a, d, g, B, T, opts);
  return { acts: a, loss: stats[0], grads: g };
}

/**
 * Forward, loss and backward with the classification head (opts.nClasses) read at lastIndex:
 * cross-entropy over the classes, mean over rows with rowMask 1. tokens: (B, T); lastIndex,
 * labels, rowMask: (B).
 */
export function gptClassStepRef(
  c: GPTConfig,
  params: Tensors,
  tokens: ArrayLike<number>,
  lastIndex: ArrayLike<number>,
  labels: ArrayLike<number>,
  rowMask: ArrayLike<number>,
  B: number,
  T: number,
  opts: RefOptions,
): RefStep {
  const NC = opts.nClasses;
  if (!NC) throw new Error('gptClassStepRef needs opts.nClasses');
  const o = { ...opts, lastIndex };
  const a = gptForwardRef(c, params, tokens, B, T, o);
  const { g, d } = zeros(c, params, B, T, o);
  const stats = alloc(params['wte.weight'], 4);
  // The loss over classes is the token cross-entropy with T = 1 and V = NC.
  crossentropy_forward_backward(a.cls_losses, d.cls_logits, stats, a.cls_logits, labels, rowMask, B, 1, NC);
  classifier_backward(d.lnf, g['cls.weight'], g['cls.bias'], d.cls_logits, a.lnf, lastIndex, params['cls.weight'], B, T, c.nEmbd, NC);
  bodyBackward(c, params, tokens, a, d, g, B, T, o);
  return { acts: a, loss: stats[0], grads: g };
}
