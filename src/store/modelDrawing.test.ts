import { describe, expect, it } from 'vitest';
import { PRESETS } from '../model/config.ts';
import { planOptions, lessonLora } from '../train/finetune-setup.ts';
import { parameterCounts } from '../model/finetune.ts';
import { gptParamSpecs } from '../model/params.ts';
import { loraShapes, modelDrawing } from './modelDrawing.ts';
import { classifierParamCounts, FREEZE_CHOICES } from './runsSlice.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('modelDrawing', () => {
  it('counts every parameter once, and trains what the engine trains, for every lesson-2 choice', () => {
    for (const preset of ['test', 'small']) {
      for (const choice of FREEZE_CHOICES) {
        const d = modelDrawing({ preset, head: 'classify', choice, loraRank: 4 })!;
        const parts = d.rows.flatMap((r) => r.parts);
        const want = classifierParamCounts(preset, choice, 4)!;
        expect([d.trainable, d.total], `${preset} ${choice}`).toEqual([want.trainable, want.total]);
        expect(sum(parts.map((p) => p.count))).toBe(want.total);
        expect(sum(parts.map((p) => p.trainable))).toBe(want.trainable);
      }
    }
  });

  it('lights the right parts: head only, the last block, LoRA adapters', () => {
    const head = modelDrawing({ preset: 'small', head: 'classify', choice: 'head' })!;
    expect(head.rows.flatMap((r) => r.parts).filter((p) => p.trainable > 0).map((p) => p.id)).toEqual(['head']);
    const last = modelDrawing({ preset: 'small', head: 'classify', choice: 'last-block' })!;
    expect(last.rows.flatMap((r) => r.parts).filter((p) => p.trainable > 0).map((p) => p.id)).toEqual(['h.3.ln_1', 'h.3.attn', 'h.3.ln_2', 'h.3.mlp', 'ln_f', 'head']);
    const lora = modelDrawing({ preset: 'small', head: 'classify', choice: 'lora', loraRank: 8 })!;
    const lit = lora.rows.flatMap((r) => r.parts).filter((p) => p.trainable > 0);
    expect(lit.filter((p) => p.kind === 'lora')).toHaveLength(8);
    expect(lit.every((p) => p.trainable === p.count)).toBe(true);
    // 4 blocks x (qkv + proj + fc + fc-proj) adapters of rank 8, plus the 2 x 128 + 2 head.
    const C = 128;
    expect(lora.trainable).toBe(4 * 8 * ((C + 3 * C) + (C + C) + (C + 4 * C) + (4 * C + C)) + 2 * C + 2);
  });

  it('draws the tied LM head and a frozen reference copy', () => {
    const pre = modelDrawing({ preset: 'small', head: 'lm' })!;
    const total = parameterCounts(gptParamSpecs(PRESETS.find((p) => p.id === 'small')!.config)).total;
    expect([pre.trainable, pre.total]).toEqual([total, total]);
    expect(pre.rows.at(-1)!.parts.at(-1)).toMatchObject({ id: 'head', tied: true, tiedTrains: true, count: 0 });
    const ref = modelDrawing({ preset: 'small', head: 'lm', choice: 'nothing' })!;
    expect(ref.trainable).toBe(0);
    expect(ref.rows.at(-1)!.parts.at(-1)).toMatchObject({ tiedTrains: false });
  });

  it('matches the engine for instruction tuning with LoRA (planOptions)', () => {
    const c = PRESETS.find((p) => p.id === 'small')!.config;
    const opts = planOptions({ task: 'instruct', maskPrompt: true, lora: lessonLora(4) }, { config: c } as Parameters<typeof planOptions>[1]);
    const want = parameterCounts(gptParamSpecs(c, opts));
    const d = modelDrawing({ preset: 'small', head: 'lm', choice: 'lora', loraRank: 4 })!;
    expect([d.trainable, d.total]).toEqual([want.trainable, want.total]);
  });

  it('gives the LoRA shapes of a block', () => {
    expect(loraShapes('small', 8).map((s) => [s.target, s.Cout, s.Cin, s.rank])).toEqual([
      ['attn.c_attn', 384, 128, 8], ['attn.c_proj', 128, 128, 8], ['mlp.c_fc', 512, 128, 8], ['mlp.c_proj', 128, 512, 8],
    ]);
  });
});
