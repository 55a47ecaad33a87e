/**
 * Finetuning as data: the lesson's freezing choices turned into frozen-name lists, the trainable
 * count read off the parameter table, the part of the backward pass a frozen model still needs
 * (shared by the GPU passes and the CPU reference so both skip the same work), and the extra
 * activation rows of a classification head and of LoRA. Pure: no GPU.
 */
import type { TensorSpec } from '../gpu/arena.ts';
import { act, gptActSpecs, type ActSpec } from './activations.ts';
import type { GPTConfig } from './config.ts';
import { LORA_TARGETS, type LoraTarget } from './lora.ts';
import { blockPrefix, gptParamSpecs, type ParamOptions } from './params.ts';

/** Lesson 2's choices of what to train. */
export type FreezeChoice = 'head' | 'last-block' | 'all' | 'lora';
export const FREEZE_CHOICES: readonly FreezeChoice[] = ['head', 'last-block', 'all', 'lora'];

const isLora = (name: string) => /\.lora_[AB]$/.test(name);

/**
 * The frozen list for a choice (exact tensor names), given the head and LoRA settings:
 * - head: only the head trains (cls.* when classifying, else the tied wte.weight);
 * - last-block: the last block, the final LayerNorm and the head;
 * - all: everything;
 * - lora: only the lora_A/lora_B tensors (and cls.* when classifying). Needs opts.lora.
 */
export function frozenFor(choice: FreezeChoice, c: GPTConfig, opts: Omit<ParamOptions, 'frozen'> = {}): string[] {
  if (choice === 'lora' && !opts.lora) throw new Error('the "lora" choice needs LoRA settings (rank, alpha, targets)');
  const names = gptParamSpecs(c, opts).map((s) => s.name);
  const head = (n: string) => (opts.nClasses ? n.startsWith('cls.') : n === 'wte.weight');
  const last = blockPrefix(c.nLayer - 1);
  const trains: Record<FreezeChoice, (n: string) => boolean> = {
    head,
    'last-block': (n) => head(n) || n.startsWith(last) || n.startsWith('ln_f.'),
    all: () => true,
    lora: (n) => isLora(n) || (!!opts.nClasses && n.startsWith('cls.')),
  };
  return names.filter((n) => !trains[choice](n));
}

/** Trainable and total parameter counts, summed from the table (frozen flags included). */
export function parameterCounts(specs: readonly TensorSpec[]): { trainable: number; total: number } {
  let trainable = 0;
  let total = 0;
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    total += n;
    if (!s.frozen) trainable += n;
  }
  return { trainable, total };
}

/**
 * How much of the backward pass a model with frozen tensors needs. Gradients flow from the head down
 * to the lowest block holding a trainable tensor; below it nothing is run. Within that range every
 * gradient is computed except the weight gradients of frozen matmuls and frozen biases (the big
 * saving for LoRA), which stay zero.
 */
export interface BackwardPlan {
  /** blocks lowestBlock .. nLayer-1 run backward (nLayer: none) */
  lowestBlock: number;
  /** the final LayerNorm's backward runs */
  lnf: boolean;
  /** the embedding backward runs (wte or wpe trains) */
  encoder: boolean;
  /** the frozen tensors; frozen matmul weights and biases get no gradient at all */
  frozen: ReadonlySet<string>;
}

export function backwardPlan(c: GPTConfig, specs: readonly TensorSpec[]): BackwardPlan {
  const frozen = new Set(specs.filter((s) => s.frozen).map((s) => s.name));
  const trains = (n: string) => !frozen.has(n);
  const encoder = trains('wte.weight') || trains('wpe.weight');
  let lowestBlock = c.nLayer;
  if (encoder) lowestBlock = 0;
  else {
    for (let l = c.nLayer - 1; l >= 0; l--) {
      if (specs.some((s) => s.name.startsWith(blockPrefix(l)) && trains(s.name))) lowestBlock = l;
    }
  }
  const lnf = lowestBlock < c.nLayer || trains('ln_f.weight') || trains('ln_f.bias');
  return { lowestBlock, lnf, encoder, frozen };
}

/** Which output activation each LoRA target adds to. */
export const LORA_OUT: Record<LoraTarget, { out: string; inp: string }> = {
  'attn.c_attn': { out: 'qkv', inp: 'ln1' },
  'attn.c_proj': { out: 'attproj', inp: 'atty' },
  'mlp.c_fc': { out: 'fch', inp: 'ln2' },
  'mlp.c_proj': { out: 'fcproj', inp: 'fch_gelu' },
};

/** The saved low-rank activation h = inp · Aᵀ of a LoRA target in layer l, e.g. `h.0.qkv_lora`. */
export const loraAct = (l: number, t: LoraTarget) => act(l, `${LORA_OUT[t].out}_lora`);

/**
 * The activation table of a (possibly finetuned) model: the pretraining rows, without the token
 * logits and losses when a classification head replaces the LM head, plus
 * cls_logits (B, NC) and cls_losses (B) for the head and one (B, T, r) row per LoRA target.
 */
export function modelActSpecs(c: GPTConfig, B: number, T: number, opts: Omit<ParamOptions, 'frozen'> = {}): ActSpec[] {
  let rows = gptActSpecs(c, B, T);
  if (opts.nClasses) {
    rows = rows.filter((r) => r.name !== 'logits' && r.name !== 'losses');
    rows.push({ name: 'cls_logits', shape: [B, opts.nClasses], grad: true }, { name: 'cls_losses', shape: [B], grad: false });
  }
  if (opts.lora) {
    for (let l = 0; l < c.nLayer; l++) {
      for (const t of LORA_TARGETS) if (opts.lora.targets.includes(t)) rows.push({ name: loraAct(l, t), shape: [B, T, opts.lora.rank], grad: false });
    }
  }
  return rows;
}
