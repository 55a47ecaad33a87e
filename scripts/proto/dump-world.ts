/**
 * For the PyTorch prototype (world_dpo.py): everything the world runs need, made by the lab's own
 * code so the prototype trains and scores on exactly the lab's tokens. Run from the repository root:
 *   node --import tsx --import ./scripts/register-raw.mjs scripts/proto/dump-world.ts .cache/world [prefs.jsonl ...]
 * Writes into the folder:
 *   init.safetensors   the small preset's initial weights for seed 1337 (freshCheckpoint)
 *   pretrain.bin       inputs then targets of every step of `lab pretrain --preset small --batch 8
 *                      --steps 3200 --bio-mix 0.8` (mixedLMSource, the Trainer's per-step seed),
 *                      int16, (steps, 8, 128) each
 *   val.bin            the Brown validation stream as `lab eval` encodes it, int16
 *   data.json          the instruction examples of `lab finetune-instruct` (train and val, prompt
 *                      masked), the SFT batch rows of its first steps, the world's test records as
 *                      `lab score --families world` takes them, the probe items of `lab eval --facts`,
 *                      the people, and each prefs file's pairs (prompt, chosen and rejected as formatted
 *                      instruction examples with their loss masks)
 * A prefs file is JSONL with {instruction, chosen, rejected} and any other fields (kept as they are).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseBuiltinInstruct } from '../../src/data/builtin.ts';
import { ATTRIBUTES, attributeValues, parseWorld, WORDING } from '../../src/data/world.ts';
import { PRESETS } from '../../src/model/config.ts';
import { saveCheckpoint } from '../../src/train/checkpoint.ts';
import { instructSet } from '../../src/train/finetune-setup.ts';
import { mixedLMSource } from '../../src/train/mix.ts';
import { freshCheckpoint } from '../../src/train/model-io.ts';
import { probeItems, probeRows } from '../../src/train/probe.ts';
import { formatInstruction, formatPrompt, type FormattedExample } from '../../src/train/prompt.ts';
import { heldOutRecords, ofFamilies } from '../../src/train/score.ts';
import { instructionSource } from '../../src/train/sources.ts';
import { loadTokenizer } from '../../src/train/tokenizer-json.ts';
import { DEFAULT_TRAIN } from '../../src/train/trainer.ts';
import { mulberry32 } from '../../src/util/random.ts';
import { DEFAULT_BIOS_TEXT, DEFAULT_TRAIN_TEXT, DEFAULT_VAL_TEXT } from '../../src/cli/io.ts';
import { INSTRUCT_RECIPE } from '../../src/lessons/instruct/recipe.ts';

const [dir, ...prefsFiles] = process.argv.slice(2);
if (!dir) throw new Error('usage: dump-world.ts OUT_DIR [prefs.jsonl ...]');
mkdirSync(dir, { recursive: true });
const read = (f: string) => readFileSync(f, 'utf8');
const tok = loadTokenizer(read('public/models/tokenizer.json'));
const small = PRESETS.find((p) => p.id === 'small')!;
const config = { ...small.config, vocabSize: tok.vocabSize };
const T = config.blockSize;
const seed = DEFAULT_TRAIN.seed;
// The Trainer's batch of step s: source.train(mulberry32(seed * 1_000_003 + s)) (trainer.ts batchFor).
const stepRand = (s: number) => mulberry32((seed * 1_000_003 + s) >>> 0);

writeFileSync(`${dir}/init.safetensors`, saveCheckpoint(freshCheckpoint(config, tok, seed)));

// Pretraining: `lab pretrain --preset small --batch 8 --steps 3200 --bio-mix 0.8` (the README's base).
const PRE = { steps: 3200, B: 8, mix: 0.8 };
const enc = (f: string) => tok.encode(read(f), { allowSpecial: true });
const brown = enc(DEFAULT_TRAIN_TEXT);
const val = enc(DEFAULT_VAL_TEXT);
const bios = enc(DEFAULT_BIOS_TEXT);
const source = mixedLMSource(brown, bios, val, PRE.B, T, tok.padId, PRE.mix);
const n = PRE.B * T;
const inputs = new Int16Array(PRE.steps * n);
const targets = new Int16Array(PRE.steps * n);
for (let s = 0; s < PRE.steps; s++) {
  const b = source.train(stepRand(s));
  inputs.set(b.inputs, s * n);
  targets.set(b.targets, s * n);
}
const pre = new Uint8Array(inputs.byteLength * 2);
pre.set(new Uint8Array(inputs.buffer), 0);
pre.set(new Uint8Array(targets.buffer), inputs.byteLength);
writeFileSync(`${dir}/pretrain.bin`, pre);
writeFileSync(`${dir}/val.bin`, new Uint8Array(Int16Array.from(val).buffer));

// Instruction tuning: `lab finetune-instruct` (prompt masked), and the rows its first steps draw.
const data = 'public/datasets/instruct.jsonl';
const parsed = parseBuiltinInstruct(data, read(data));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const ex = (e: FormattedExample) => ({ ids: Array.from(e.ids.subarray(0, e.length)), mask: Array.from(e.lossMask.subarray(0, e.length)), prompt: e.promptLength });
const [train, valSet] = (['train', 'val'] as const).map((s) => instructSet(tok, parsed.value, s, T, true));
const B = INSTRUCT_RECIPE.batch;
// The rows each step draws, from the lab's own source: a stand-in example e whose only input is e.
const tagged = train.examples.map((_, e) => ({ ids: Int32Array.of(e, e), lossMask: Uint8Array.of(0, 1), length: 2, promptLength: 1, truncated: false }));
const isrc = instructionSource(tagged, tagged, B, T, tok.padId);
const sftRows: number[][] = [];
for (let s = 0; s < 2000; s++) {
  const b = isrc.train(stepRand(s));
  sftRows.push(Array.from({ length: B }, (_, r) => b.inputs[r * b.T]));
}

// The world: people, the test records `lab score --families world` answers, the probe items of `lab eval --facts`.
const world = parseWorld('world.jsonl', read('public/datasets/world.jsonl'));
if (!world.ok) throw new Error(JSON.stringify(world.errors));
const people = world.value;
const test = heldOutRecords(ofFamilies(parsed.value, ['world']), 'test').map((r) => ({ task: r.task, instruction: r.instruction, output: r.output, prompt: tok.encode(formatPrompt(r)) }));
const items = probeItems(people, attributeValues(people), people.length, ['town']).map((it) => ({ ...it, rows: probeRows(tok, it) }));

const prefs: Record<string, unknown[]> = {};
for (const f of prefsFiles) {
  prefs[f] = read(f).split('\n').filter((l) => l.trim()).map((l) => {
    const o = JSON.parse(l);
    const as = (output: string) => ex(formatInstruction(tok, { instruction: o.instruction, input: o.input, output }, { contextLength: T + 1 }));
    return { ...o, chosenEx: as(o.chosen), rejectedEx: as(o.rejected) };
  });
}
// Written aside and renamed, so a prototype run starting meanwhile reads the old file or the new one, never half.
writeFileSync(`${dir}/data.json.part`, JSON.stringify({
  config, seed, pretrain: { ...PRE, T }, eot: tok.endOfTextId, pad: tok.padId,
  sft: { train: train.examples.map(ex), val: valSet.examples.map(ex), rows: sftRows },
  people, test, probe: items, prefs,
  // The taught wording, for pairs written outside the lab: each attribute's questions and answer ({value} stands for the value).
  wording: Object.fromEntries(ATTRIBUTES.map((a) => [a, { questions: WORDING[a].questions, answer: WORDING[a].answer('{value}') }])),
}));
renameSync(`${dir}/data.json.part`, `${dir}/data.json`);
console.log(`${dir}: ${PRE.steps} pretraining steps, ${brown.length} Brown + ${bios.length} biography tokens, ${val.length} validation; ${train.examples.length} SFT examples; ${test.length} world test records; ${items.length} probe items; prefs ${Object.entries(prefs).map(([f, p]) => `${f}: ${p.length}`).join(', ') || 'none'}`);
