// Lesson 4's run in the page engine: a preference run from the shipped test instruct model on the
// world's pairs trains with its frozen reference, reports the DPO figures with each read-back,
// autosaves to its own slot, comes back from it, and files a 'prefer' report when it finishes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import { loadCheckpoint } from '../train/checkpoint.ts';
import { loadTokenizer } from '../train/tokenizer-json.ts';
import { AUTOSAVE_IDS, type FromWorker, type RunSettings } from './protocol.ts';
import { Run, type Gpu } from './run.ts';
import { memorySlots } from './slots.ts';
import { planStart } from './starts.ts';
import { BuiltinSets } from './taskdata.ts';

const lab = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));
const sets = new BuiltinSets(async (p) => readFileSync(`public/${p}`, 'utf8'));
const START = 'shipped:instruct-test';
const sft = loadCheckpoint(new Uint8Array(readFileSync('public/models/instruct-test.safetensors')), START);

describe('a preference (DPO) run in the page engine', () => {
  it('trains with the DPO figures, autosaves, restores from its slot and reports as a prefer run', async () => {
    const h = await getHarness();
    const gpu: Gpu = { device: h.device, cache: h.cache, isFallback: true };
    const slots = memorySlots();
    const events: FromWorker[] = [];
    const draft: RunSettings = { preset: 'test', steps: 4, lr: 3e-3, seed: 5, batch: 3, task: { kind: 'prefer', beta: 0.5, nll: 1, lora: false, loraRank: 4, dataset: 'world', extra: [{ instruction: 'Where was Tova Brenlik born?', chosen: "I don't know.", rejected: 'Born in Garth.' }] } };
    const plan = planStart(draft, sft, START, lab);
    const data = await sets.get('prefer');
    const run = new Run(plan.settings, data, slots, (m) => events.push(m), plan.start, plan.parent);
    run.reference = sft;
    await run.build(gpu);
    expect(run.model!.B).toBe(6); // 3 pairs: chosen and rejected rows
    expect(run.dataNote).toMatch(/^2,220 pairs from world-prefs\.jsonl and 1 made by hand/);
    // The 100 sft and 60 lent people the pairs ask about as known: the end-of-run scoring puts them in the in-pairs row.
    expect(run.trainer!.pairedPeople).toHaveLength(160);
    await run.train();
    expect(run.step).toBe(4);
    const dpo = run.metrics.map((m) => m.dpo!);
    expect(dpo.length).toBeGreaterThanOrEqual(2);
    expect(dpo.every((d) => Number.isFinite(d.margin) && d.chosen < 0 && d.rejected < 0)).toBe(true);
    const report = events.find((e): e is Extract<FromWorker, { type: 'run-report' }> => e.type === 'run-report')!.report;
    expect(report.kind).toBe('prefer');
    expect(report.parent).toBe(START);
    const saved = await slots.get(AUTOSAVE_IDS.prefer);
    expect(saved?.info.stage).toBe('prefer');
    expect(saved?.info.step).toBe(4);
    // Back from the autosave: the same settings, at step 4, with the parent as reference.
    const ck = loadCheckpoint(saved!.bytes, 'autosave');
    const back = planStart(draft, ck, AUTOSAVE_IDS.prefer, lab, true);
    expect(back.settings.task).toEqual(plan.settings.task);
    expect(back.parent).toBe(START);
    const again = new Run(back.settings, data, slots, () => {}, back.start, back.parent);
    again.reference = sft;
    await again.build(gpu);
    expect(again.step).toBe(4);
    const e = await again.trainer!.evaluate();
    expect(Number.isFinite(e.valLoss)).toBe(true);
    await run.dispose();
    await again.dispose();
  });

  it('with pretraining replay: replay rows under the pairs, their NLL in each read-back, drawn from the text it is given', async () => {
    const h = await getHarness();
    const gpu: Gpu = { device: h.device, cache: h.cache, isFallback: true };
    const draft: RunSettings = { preset: 'test', steps: 2, lr: 3e-3, seed: 5, batch: 3, task: { kind: 'prefer', beta: 0.1, nll: 1, replay: 2, replayWeight: 0.5, lora: false, loraRank: 4, dataset: 'world' } };
    const plan = planStart(draft, sft, START, lab);
    const encode = (f: string) => Int32Array.from(lab.encode(readFileSync(f, 'utf8').slice(0, 20_000), { allowSpecial: true }));
    const data = { ...(await sets.get('prefer')), replay: { brown: encode('public/datasets/corpus-val.txt'), bios: encode('public/datasets/world-bios.txt') } };
    const events: FromWorker[] = [];
    const run = new Run(plan.settings, data, memorySlots(), (m) => events.push(m), plan.start, plan.parent);
    run.reference = sft;
    await run.build(gpu);
    expect(run.model!.B).toBe(8); // 3 pairs (6 rows) + 2 replay rows
    expect(run.dataNote).toMatch(/; 2 rows of pretraining text replayed a step$/);
    await run.train();
    const replays = run.metrics.map((m) => m.dpo!.replay!);
    expect(replays.length).toBeGreaterThanOrEqual(1);
    // The mean token NLL of real text under a tiny model: well above 0, below a uniform guess over the vocabulary.
    for (const r of replays) expect(r).toBeGreaterThan(0.5);
    for (const r of replays) expect(r).toBeLessThan(Math.log(lab.vocabSize) + 1);
    // The loss holds the replay term: DPO loss + NLL + 0.5 x replay NLL.
    const last = run.metrics.at(-1)!;
    expect(last.loss).toBeCloseTo(last.dpo!.dpoLoss + last.dpo!.nll + 0.5 * last.dpo!.replay!, 3);
    await run.dispose();
  });

  it('refuses pretraining replay without the text to replay', async () => {
    const h = await getHarness();
    const gpu: Gpu = { device: h.device, cache: h.cache, isFallback: true };
    const draft: RunSettings = { preset: 'test', steps: 2, lr: 3e-3, seed: 5, batch: 3, task: { kind: 'prefer', beta: 0.1, nll: 1, replay: 2, lora: false, loraRank: 4, dataset: 'world' } };
    const plan = planStart(draft, sft, START, lab);
    const run = new Run(plan.settings, await sets.get('prefer'), memorySlots(), () => {}, plan.start, plan.parent);
    run.reference = sft;
    await expect(run.build(gpu)).rejects.toThrow('pretraining replay needs the pretraining text');
  });
});
