/**
 * The GPT's parameter table: every trainable tensor with its GPT-2 name, shape (nn.Linear layout:
 * weights are (out, in)), weight decay, freeze flag and initialisation. Sizes, offsets, AdamW's
 * decay/freeze masks, checkpoint order and test names all derive from this one table.
 */
import type { TensorSpec } from '../gpu/arena.ts';
import type { GPTConfig } from './config.ts';
import { loraDims, loraName, validateLora, type LoraOptions } from './lora.ts';

export interface ParamOptions {
  /** add an N-class classification head (cls.weight, cls.bias) on the last real token */
  nClasses?: number;
  /** tensor names (exact, or prefixes ending in '.') that are not trained */
  frozen?: readonly string[];
  /** low-rank adapters on these matmuls of every block (lora_A, lora_B after all other tensors) */
  lora?: LoraOptions;
}

/** Layer names of block i, e.g. `h.3.attn.c_attn`. */
export const blockPrefix = (i: number) => `h.${i}.`;

/** The parameter table in checkpoint order. */
export function gptParamSpecs(c: GPTConfig, opts: ParamOptions = {}): TensorSpec[] {
  const C = c.nEmbd;
  const std = 0.02;
  // GPT-2 scales the init of the projections that write into the residual stream by 1/sqrt(2L),
  // so the stream's variance does not grow with depth.
  const projStd = 0.02 / Math.sqrt(2 * c.nLayer);
  const specs: TensorSpec[] = [
    { name: 'wte.weight', shape: [c.vocabSize, C], init: { kind: 'normal', std } },
    { name: 'wpe.weight', shape: [c.blockSize, C], init: { kind: 'normal', std: 0.01 } },
  ];
  for (let i = 0; i < c.nLayer; i++) {
    const p = blockPrefix(i);
    specs.push(
      { name: `${p}ln_1.weight`, shape: [C], init: { kind: 'ones' } },
      { name: `${p}ln_1.bias`, shape: [C] },
      { name: `${p}attn.c_attn.weight`, shape: [3 * C, C], init: { kind: 'normal', std } },
      { name: `${p}attn.c_attn.bias`, shape: [3 * C] },
      { name: `${p}attn.c_proj.weight`, shape: [C, C], init: { kind: 'normal', std: projStd } },
      { name: `${p}attn.c_proj.bias`, shape: [C] },
      { name: `${p}ln_2.weight`, shape: [C], init: { kind: 'ones' } },
      { name: `${p}ln_2.bias`, shape: [C] },
      { name: `${p}mlp.c_fc.weight`, shape: [4 * C, C], init: { kind: 'normal', std } },
      { name: `${p}mlp.c_fc.bias`, shape: [4 * C] },
      { name: `${p}mlp.c_proj.weight`, shape: [C, 4 * C], init: { kind: 'normal', std: projStd } },
      { name: `${p}mlp.c_proj.bias`, shape: [C] },
    );
  }
  specs.push({ name: 'ln_f.weight', shape: [C], init: { kind: 'ones' } }, { name: 'ln_f.bias', shape: [C] });
  if (opts.nClasses) {
    specs.push({ name: 'cls.weight', shape: [opts.nClasses, C], init: { kind: 'normal', std } }, { name: 'cls.bias', shape: [opts.nClasses] });
  }
  if (opts.nClasses !== undefined && !(Number.isInteger(opts.nClasses) && opts.nClasses >= 2)) {
    throw new Error(`nClasses must be an integer >= 2, got ${opts.nClasses}`);
  }
  if (opts.lora) {
    validateLora(opts.lora);
    const r = opts.lora.rank;
    for (let i = 0; i < c.nLayer; i++) {
      for (const t of opts.lora.targets) {
        const { Cin, Cout } = loraDims(c, t);
        // B starts at zero so the adapted model starts equal to the base model; A must not be zero,
        // or B would get no gradient. std 1/sqrt(3·Cin) is the variance of PyTorch's default
        // (Kaiming-uniform, a = sqrt 5) init that the LoRA paper's code uses for A.
        specs.push(
          { name: loraName(i, t, 'A'), shape: [r, Cin], init: { kind: 'normal', std: 1 / Math.sqrt(3 * Cin) } },
          { name: loraName(i, t, 'B'), shape: [Cout, r] },
        );
      }
    }
  }
  const frozen = opts.frozen ?? [];
  const isFrozen = (name: string) => frozen.some((f) => (f.endsWith('.') ? name.startsWith(f) : name === f));
  // Decay matrices and embeddings (2-D), never biases or LayerNorm gains, as nanoGPT does.
  return specs.map((s) => ({ ...s, decay: s.shape.length >= 2, frozen: isFrozen(s.name) }));
}
