/**
 * The PyTorch golden fixtures, read with our own safetensors reader: the model's
 * (scripts/golden/make_gpt2_golden.py: config, batch, initial weights, step-0 logits/loss/gradients
 * and the 10-step AdamW trajectory) and the DPO step's (make_dpo_golden.py).
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

/** A fixture's tensors: `get` by name, and weights sorted by prefix ("grad." gradients, "ref." a second model). */
function openFixture(path: URL, file: string) {
  const f = readSafetensors(new Uint8Array(readFileSync(path)), file);
  const get = (n: string) => {
    const t = f.tensors.get(n);
    if (!t) throw new Error(`${file} has no tensor ${n}`);
    return t.data;
  };
  const params: Record<string, Float64Array> = {};
  const refParams: Record<string, Float64Array> = {};
  const grads: Record<string, Float64Array> = {};
  for (const [name, t] of f.tensors) {
    if (name.startsWith('grad.')) grads[name.slice(5)] = t.data as Float64Array;
    else if (name.startsWith('ref.')) refParams[name.slice(4)] = t.data as Float64Array;
    else if (/^(wte|wpe|h\.|ln_f)/.test(name)) params[name] = t.data as Float64Array;
  }
  const batch = JSON.parse(f.metadata.batch);
  return { get, f64: (n: string) => get(n) as Float64Array, params, refParams, grads, config: JSON.parse(f.metadata.config) as GPTConfig, B: batch.B as number, T: batch.T as number, hyper: JSON.parse(f.metadata.hyper) };
}

export function loadGolden(path = new URL('./fixtures/gpt2-tiny-golden.safetensors', import.meta.url)): Golden {
  const { get, f64, params, grads, config, B, T, hyper } = openFixture(path, 'gpt2-tiny-golden.safetensors');
  return {
    config, B, T, hyper, params, grads, tokens: get('tokens') as Int32Array, targets: get('targets') as Int32Array,
    logits: f64('logits'), loss: f64('loss')[0], trajectory: f64('trajectory'), gradNorms: f64('grad_norms'),
  };
}

export interface DpoGolden {
  config: GPTConfig;
  B: number;
  T: number;
  hyper: Golden['hyper'] & { beta: number; nll: number; text_rows?: number; lm?: number };
  params: Record<string, Float64Array>;
  refParams: Record<string, Float64Array>;
  grads: Record<string, Float64Array>;
  tokens: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  refSeq: Float64Array;
  seq: Float64Array;
  /** loss, DPO loss, NLL, reward margin, chosen and rejected summed log-probabilities (means over pairs), and with text rows their mean token NLL */
  stats: Float64Array;
  trajectory: Float64Array;
  margins: Float64Array;
}

/** A DPO golden fixture: `gpt2-tiny-dpo-golden.safetensors`, or `gpt2-tiny-dpo-replay-golden.safetensors` (2 text rows after the pairs, hyper.text_rows and hyper.lm). */
export function loadDpoGolden(name = 'gpt2-tiny-dpo-golden.safetensors'): DpoGolden {
  const { get, f64, params, refParams, grads, config, B, T, hyper } = openFixture(new URL(`./fixtures/${name}`, import.meta.url), name);
  return {
    config, B, T, hyper, params, refParams, grads, tokens: get('tokens') as Int32Array, targets: get('targets') as Int32Array, weights: f64('weights'),
    refSeq: f64('ref_seq'), seq: f64('seq'), stats: f64('stats'), trajectory: f64('trajectory'), margins: f64('margins'),
  };
}
