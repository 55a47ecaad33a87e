/**
 * The PyTorch golden fixture (scripts/golden/make_gpt2_golden.py), read with our own
 * safetensors reader: config, batch, initial weights, step-0 logits/loss/gradients and the
 * 10-step AdamW trajectory.
 */
import { readFileSync } from 'node:fs';
import { readSafetensors } from '../src/train/safetensors.ts';
import type { GPTConfig } from '../src/model/config.ts';

export interface Golden {
  config: GPTConfig;
  B: number;
  T: number;
  hyper: { lr: number; beta1: number; beta2: number; eps: number; weight_decay: number; grad_clip: number; steps: number };
  params: Record<string, Float64Array>;
  grads: Record<string, Float64Array>;
  tokens: Int32Array;
  targets: Int32Array;
  logits: Float64Array;
  loss: number;
  trajectory: Float64Array;
  gradNorms: Float64Array;
}

export function loadGolden(path = new URL('./fixtures/gpt2-tiny-golden.safetensors', import.meta.url)): Golden {
  const f = readSafetensors(new Uint8Array(readFileSync(path)), 'gpt2-tiny-golden.safetensors');
  const get = (n: string) => {
    const t = f.tensors.get(n);
    if (!t) throw new Error(`golden fixture has no tensor ${n}`);
    return t.data;
  };
  const params: Record<string, Float64Array> = {};
  const grads: Record<string, Float64Array> = {};
  for (const [name, t] of f.tensors) {
    if (name.startsWith('grad.')) grads[name.slice(5)] = t.data as Float64Array;
    else if (/^(wte|wpe|h\.|ln_f)/.test(name)) params[name] = t.data as Float64Array;
  }
  const batch = JSON.parse(f.metadata.batch);
  return {
    config: JSON.parse(f.metadata.config),
    B: batch.B,
    T: batch.T,
    hyper: JSON.parse(f.metadata.hyper),
    params,
    grads,
    tokens: get('tokens') as Int32Array,
    targets: get('targets') as Int32Array,
    logits: get('logits') as Float64Array,
    loss: (get('loss') as Float64Array)[0],
    trajectory: get('trajectory') as Float64Array,
    gradNorms: get('grad_norms') as Float64Array,
  };
}
