/**
 * The whole GPT on the CPU, composed from the kernels' references (X.ref.ts) in llm.c's order:
 * the independent check of the GPU model, and what the golden PyTorch values are compared with.
 * Written for clarity, not speed: only for tiny configs in tests. Float64 or Float32 throughout.
 */
import { encoder_backward, encoder_forward } from '../kernels/encoder.ref.ts';
import { layernorm_backward, layernorm_forward } from '../kernels/layernorm.ref.ts';
import { matmul_backward, matmul_forward } from '../kernels/matmul.ref.ts';
import { attention_backward, attention_forward } from '../kernels/attention.ref.ts';
import { gelu_backward, gelu_forward } from '../kernels/gelu.ref.ts';
import { residual_backward, residual_forward } from '../kernels/residual.ref.ts';
import { crossentropy_forward_backward } from '../kernels/crossentropy.ref.ts';
import type { GPTConfig } from './config.ts';
import { act, gptActSpecs, numel } from './activations.ts';
import { blockPrefix } from './params.ts';

type Arr = Float64Array | Float32Array;
export type Tensors = Record<string, Arr>;

function alloc(like: Arr, n: number): Arr {
  return like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

/** Forward pass: every activation of the table, by name (logits included). tokens: (B, T) */
export function gptForwardRef(c: GPTConfig, params: Tensors, tokens: ArrayLike<number>, B: number, T: number): Tensors {
  const C = c.nEmbd;
  const BT = B * T;
  const like = params['wte.weight'];
  const a: Tensors = {};
  for (const s of gptActSpecs(c, B, T)) a[s.name] = alloc(like, numel(s.shape));
  const P = (n: string) => params[n];
  encoder_forward(a.encoded, tokens, P('wte.weight'), P('wpe.weight'), B, T, C);
  let residual = a.encoded;
  for (let l = 0; l < c.nLayer; l++) {
    const p = blockPrefix(l);
    const A = (n: string) => a[act(l, n)];
    layernorm_forward(A('ln1'), A('ln1_mean'), A('ln1_rstd'), residual, P(`${p}ln_1.weight`), P(`${p}ln_1.bias`), B, T, C);
    matmul_forward(A('qkv'), A('ln1'), P(`${p}attn.c_attn.weight`), P(`${p}attn.c_attn.bias`), BT, C, 3 * C);
    attention_forward(A('atty'), A('att'), A('qkv'), B, T, C, c.nHead);
    matmul_forward(A('attproj'), A('atty'), P(`${p}attn.c_proj.weight`), P(`${p}attn.c_proj.bias`), BT, C, C);
    residual_forward(A('residual2'), residual, A('attproj'), BT * C);
    layernorm_forward(A('ln2'), A('ln2_mean'), A('ln2_rstd'), A('residual2'), P(`${p}ln_2.weight`), P(`${p}ln_2.bias`), B, T, C);
    matmul_forward(A('fch'), A('ln2'), P(`${p}mlp.c_fc.weight`), P(`${p}mlp.c_fc.bias`), BT, C, 4 * C);
    gelu_forward(A('fch_gelu'), A('fch'), BT * 4 * C);
    matmul_forward(A('fcproj'), A('fch_gelu'), P(`${p}mlp.c_proj.weight`), P(`${p}mlp.c_proj.bias`), BT, 4 * C, C);
    residual_forward(A('residual3'), A('residual2'), A('fcproj'), BT * C);
    residual = A('residual3');
  }
  layernorm_forward(a.lnf, a.lnf_mean, a.lnf_rstd, residual, P('ln_f.weight'), P('ln_f.bias'), B, T, C);
  // The LM head is tied to the token embedding: logits = lnf · wteᵀ.
  matmul_forward(a.logits, a.lnf, P('wte.weight'), null, BT, C, c.vocabSize);
  return a;
}

export interface RefStep {
  acts: Tensors;
  loss: number;
  /** gradient of every parameter, by parameter name */
  grads: Tensors;
}

/**
 * Forward, loss (mean over positions with weight > 0) and backward.
 * tokens, targets, weights: (B, T); weights 1 = counted, 0 = ignored.
 */
export function gptStepRef(
  c: GPTConfig,
  params: Tensors,
  tokens: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights: ArrayLike<number>,
  B: number,
  T: number,
): RefStep {
  const C = c.nEmbd;
  const BT = B * T;
  const a = gptForwardRef(c, params, tokens, B, T);
  const like = params['wte.weight'];
  const g: Tensors = {};
  for (const [name, arr] of Object.entries(params)) g[name] = alloc(like, arr.length);
  const d: Tensors = {};
  for (const s of gptActSpecs(c, B, T)) if (s.grad) d[s.name] = alloc(like, numel(s.shape));
  const stats = alloc(like, 4);
  crossentropy_forward_backward(a.losses, d.logits, stats, a.logits, targets, weights, B, T, c.vocabSize);

  const P = (n: string) => params[n];
  matmul_backward(d.lnf, g['wte.weight'], null, d.logits, a.lnf, P('wte.weight'), BT, C, c.vocabSize);
  const last = c.nLayer > 0 ? act(c.nLayer - 1, 'residual3') : 'encoded';
  layernorm_backward(d[last], g['ln_f.weight'], g['ln_f.bias'], d.lnf, a[last], P('ln_f.weight'), a.lnf_mean, a.lnf_rstd, B, T, C);
  for (let l = c.nLayer - 1; l >= 0; l--) {
    const p = blockPrefix(l);
    const A = (n: string) => a[act(l, n)];
    const D = (n: string) => d[act(l, n)];
    const G = (n: string) => g[`${p}${n}`];
    const resName = l === 0 ? 'encoded' : act(l - 1, 'residual3');
    residual_backward(D('residual2'), D('fcproj'), D('residual3'), BT * C);
    matmul_backward(D('fch_gelu'), G('mlp.c_proj.weight'), G('mlp.c_proj.bias'), D('fcproj'), A('fch_gelu'), P(`${p}mlp.c_proj.weight`), BT, 4 * C, C);
    gelu_backward(D('fch'), A('fch'), D('fch_gelu'), BT * 4 * C);
    matmul_backward(D('ln2'), G('mlp.c_fc.weight'), G('mlp.c_fc.bias'), D('fch'), A('ln2'), P(`${p}mlp.c_fc.weight`), BT, C, 4 * C);
    layernorm_backward(D('residual2'), G('ln_2.weight'), G('ln_2.bias'), D('ln2'), A('residual2'), P(`${p}ln_2.weight`), A('ln2_mean'), A('ln2_rstd'), B, T, C);
    residual_backward(d[resName], D('attproj'), D('residual2'), BT * C);
    matmul_backward(D('atty'), G('attn.c_proj.weight'), G('attn.c_proj.bias'), D('attproj'), A('atty'), P(`${p}attn.c_proj.weight`), BT, C, C);
    const dpreatt = alloc(like, B * c.nHead * T * T);
    attention_backward(D('qkv'), dpreatt, D('atty'), A('qkv'), A('att'), B, T, C, c.nHead);
    matmul_backward(D('ln1'), G('attn.c_attn.weight'), G('attn.c_attn.bias'), D('qkv'), A('ln1'), P(`${p}attn.c_attn.weight`), BT, C, 3 * C);
    layernorm_backward(d[resName], G('ln_1.weight'), G('ln_1.bias'), D('ln1'), a[resName], P(`${p}ln_1.weight`), A('ln1_mean'), A('ln1_rstd'), B, T, C);
  }
  encoder_backward(g['wte.weight'], g['wpe.weight'], d.encoded, tokens, B, T, C);
  return { acts: a, loss: stats[0], grads: g };
}
