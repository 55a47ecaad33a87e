/**
 * LoRA as data: which of a block's four matmuls get a low-rank update, the names and shapes of
 * their A and B tensors, and the merge that folds a trained update back into the frozen weight
 * (W' = W + (alpha / r) · B · A) so the result is a plain GPT-2 model. Pure: no GPU, no I/O.
 *
 * Naming: the update of `h.{i}.attn.c_attn.weight` is `h.{i}.attn.c_attn.lora_A` (r, C_in) and
 * `h.{i}.attn.c_attn.lora_B` (C_out, r), beside the weight it adapts.
 */
import type { GPTConfig } from './config.ts';

/** The matmuls of a block LoRA can adapt (attention's qkv and output projections, the MLP's two). */
export type LoraTarget = 'attn.c_attn' | 'attn.c_proj' | 'mlp.c_fc' | 'mlp.c_proj';
export const LORA_TARGETS: readonly LoraTarget[] = ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'];

export interface LoraOptions {
  /** rank r of the update (columns of B, rows of A) */
  rank: number;
  /** scale numerator: the update is multiplied by alpha / r */
  alpha: number;
  /** which matmuls of every block are adapted */
  targets: readonly LoraTarget[];
}

/** `h.3.attn.c_attn.lora_A` */
export const loraName = (layer: number, target: LoraTarget, which: 'A' | 'B') => `h.${layer}.${target}.lora_${which}`;

/** Input and output widths of a target matmul (its weight is (Cout, Cin)). */
export function loraDims(c: GPTConfig, target: LoraTarget): { Cin: number; Cout: number } {
  const C = c.nEmbd;
  switch (target) {
    case 'attn.c_attn':
      return { Cin: C, Cout: 3 * C };
    case 'attn.c_proj':
      return { Cin: C, Cout: C };
    case 'mlp.c_fc':
      return { Cin: C, Cout: 4 * C };
    case 'mlp.c_proj':
      return { Cin: 4 * C, Cout: C };
  }
}

/** Throws naming the field when the LoRA settings cannot be built. */
export function validateLora(l: LoraOptions): void {
  if (!Number.isInteger(l.rank) || l.rank < 1) throw new Error(`LoRA rank must be a positive integer, got ${l.rank}`);
  if (!(Number.isFinite(l.alpha) && l.alpha > 0)) throw new Error(`LoRA alpha must be a positive number, got ${l.alpha}`);
  if (l.targets.length === 0) throw new Error('LoRA needs at least one target matmul');
  for (const t of l.targets) if (!LORA_TARGETS.includes(t)) throw new Error(`unknown LoRA target "${t}" (choose from ${LORA_TARGETS.join(', ')})`);
}

type Arr = Float32Array | Float64Array;

/**
 * The merged weights: every adapted W replaced by W + (alpha / r) · B · A, and the lora_* tensors
 * dropped; other tensors are passed through (same arrays). Accumulates in float64 per element.
 */
export function mergeLora<T extends { shape: number[]; data: Arr }>(c: GPTConfig, weights: ReadonlyMap<string, T>, lora: LoraOptions, make: (shape: number[], data: Float32Array) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const [name, w] of weights) if (!/\.lora_[AB]$/.test(name)) out.set(name, w);
  const r = lora.rank;
  const scale = lora.alpha / r;
  for (let l = 0; l < c.nLayer; l++) {
    for (const target of lora.targets) {
      const { Cin, Cout } = loraDims(c, target);
      const wName = `h.${l}.${target}.weight`;
      const W = weights.get(wName);
      const A = weights.get(loraName(l, target, 'A'));
      const B = weights.get(loraName(l, target, 'B'));
      if (!W || !A || !B) throw new Error(`LoRA merge: "${!W ? wName : !A ? loraName(l, target, 'A') : loraName(l, target, 'B')}" is missing`);
      if (A.data.length !== r * Cin || B.data.length !== Cout * r) throw new Error(`LoRA merge: ${target} of layer ${l} has A [${A.shape}] and B [${B.shape}], rank ${r} needs [${r},${Cin}] and [${Cout},${r}]`);
      const merged = new Float32Array(Cout * Cin);
      for (let o = 0; o < Cout; o++) {
        for (let i = 0; i < Cin; i++) {
          let s = 0;
          for (let j = 0; j < r; j++) s += B.data[o * r + j] * A.data[j * Cin + i];
          merged[o * Cin + i] = W.data[o * Cin + i] + scale * s;
        }
      }
      out.set(wName, make([Cout, Cin], merged));
    }
  }
  return out;
}
