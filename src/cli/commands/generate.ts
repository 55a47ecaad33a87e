/** `lab generate`: continue a prompt with a checkpoint, streaming tokens as they are chosen. */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { generate } from '../../train/generate.ts';
import { modelFromCheckpoint } from '../../train/model-io.ts';
import { BASE_CHECKPOINT, openEngine, readCheckpoint } from '../io.ts';

export const spec: CommandSpec = {
  name: 'generate',
  summary: 'continue a prompt with a checkpoint (tokens are printed as they are produced)',
  options: {
    checkpoint: { type: 'string', meta: 'FILE', help: 'model checkpoint', default: BASE_CHECKPOINT },
    prompt: { type: 'string', meta: 'TEXT', help: 'text to continue', default: 'The ' },
    'max-tokens': { type: 'int', help: 'most tokens to generate', default: 60 },
    temperature: { type: 'float', help: 'sampling temperature (0 = greedy)', default: 0.8 },
    'top-k': { type: 'int', help: 'keep the k most likely tokens (0 = all)', default: 40 },
    'top-p': { type: 'float', help: 'nucleus: keep the most likely tokens up to this mass', default: 1 },
    seed: { type: 'int', help: 'sampling seed', default: 1 },
  },
  examples: ['npm run lab -- generate --prompt "The jury said" --seed 3'],
};

export async function run(o: ParsedOptions): Promise<void> {
  const ck = readCheckpoint(o.checkpoint as string);
  const { device, cache } = await openEngine();
  const model = await modelFromCheckpoint(device, cache, ck, { batchSize: 1, seqLen: ck.config.blockSize });
  const prompt = o.prompt as string;
  process.stdout.write(prompt);
  const t0 = performance.now();
  const toks = await generate(model, ck.tokenizer, ck.tokenizer.encode(prompt), {
    maxTokens: o['max-tokens'] as number,
    temperature: o.temperature as number,
    topK: o['top-k'] as number,
    topP: o['top-p'] as number,
    seed: o.seed as number,
  }, (t) => process.stdout.write(t.text));
  const secs = (performance.now() - t0) / 1000;
  process.stdout.write('\n');
  console.error(`${toks.length} tokens in ${secs.toFixed(2)} s (${(toks.length / secs).toFixed(1)} tokens/s)`);
}
