/**
 * `lab export`: a checkpoint made plain for sharing. LoRA adapters are merged into the weights they
 * adapt (W' = W + alpha/r · B·A) and dropped, AdamW moments are left out, and the result is written
 * as a lab checkpoint; with --hf DIR also as Hugging Face GPT2LMHeadModel files (model.safetensors
 * with HF names and Conv1D transposes, via gpt2-names.ts toHF, config.json, and the lab's tokenizer
 * JSON as lab-tokenizer.json). A classifier head
 * has no place in GPT2LMHeadModel, so the HF files leave it out (the lab checkpoint keeps it).
 */
import { join } from 'node:path';
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { finetuneOptions, mergeLoraCheckpoint } from '../../train/model-io.ts';
import { toHF } from '../../train/gpt2-names.ts';
import { writeSafetensors } from '../../train/safetensors.ts';
import { saveTokenizer } from '../../train/tokenizer-json.ts';
import { CliError, readCheckpoint, writeCheckpoint, writeOut } from '../io.ts';

export const spec: CommandSpec = {
  name: 'export',
  summary: 'merge LoRA adapters into the weights and write a plain checkpoint (optionally Hugging Face GPT-2 files)',
  options: {
    checkpoint: { type: 'string', meta: 'FILE', help: 'checkpoint to export', required: true },
    out: { type: 'string', meta: 'FILE', help: 'plain lab checkpoint to write', required: true },
    hf: { type: 'string', meta: 'DIR', help: 'also write model.safetensors and config.json for HF GPT2LMHeadModel here' },
  },
  examples: ['npm run lab -- export --checkpoint runs/instruct-lora.safetensors --out runs/instruct.safetensors --hf runs/instruct-hf'],
};

export async function run(o: ParsedOptions): Promise<void> {
  const ck = readCheckpoint(o.checkpoint as string);
  let lora;
  try {
    lora = finetuneOptions(ck).lora;
  } catch (e) {
    throw new CliError(`${o.checkpoint}: ${(e as Error).message}`);
  }
  const plain = mergeLoraCheckpoint(ck);
  const bytes = writeCheckpoint(o.out as string, plain);
  const what = lora ? `merged LoRA rank ${lora.rank} (alpha ${lora.alpha}) on ${lora.targets.join(', ')} of ${ck.config.nLayer} blocks` : 'no LoRA to merge';
  console.log(`${o.checkpoint}: ${what}; wrote ${o.out} (${(bytes / 2 ** 20).toFixed(2)} MiB, ${plain.weights.size} tensors, no optimizer state)`);
  if (o.hf === undefined) return;
  const c = ck.config;
  const hf = toHF(c, plain.weights);
  writeOut(join(o.hf as string, 'model.safetensors'), writeSafetensors(hf, { format: 'pt' }));
  // GPT-2's own settings where the lab matches them: tanh GELU ("gelu_new"), LayerNorm eps 1e-5, tied head.
  const config = {
    architectures: ['GPT2LMHeadModel'], model_type: 'gpt2', vocab_size: c.vocabSize, n_positions: c.blockSize, n_ctx: c.blockSize,
    n_embd: c.nEmbd, n_layer: c.nLayer, n_head: c.nHead, n_inner: null, activation_function: 'gelu_new', layer_norm_epsilon: 1e-5,
    resid_pdrop: 0, embd_pdrop: 0, attn_pdrop: 0, tie_word_embeddings: true,
    bos_token_id: ck.tokenizer.endOfTextId, eos_token_id: ck.tokenizer.endOfTextId,
  };
  writeOut(join(o.hf as string, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  // The lab's byte-level BPE is not an HF tokenizer file; it travels beside the weights in the lab's own JSON.
  writeOut(join(o.hf as string, 'lab-tokenizer.json'), saveTokenizer(ck.tokenizer));
  const dropped = [...plain.weights.keys()].filter((k) => k.startsWith('cls.'));
  console.log(`wrote ${o.hf}/model.safetensors (${hf.size} tensors, HF names, Conv1D weights transposed), config.json and lab-tokenizer.json${dropped.length ? `; left out the classifier head (${dropped.join(', ')})` : ''}`);
}
