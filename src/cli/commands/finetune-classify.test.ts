import { describe, expect, it } from 'vitest';
import { classReport, loraFromOptions } from './finetune-classify.ts';

describe('finetune-classify helpers', () => {
  it('reports accuracy, per-class precision/recall and the confusion matrix from the counts', () => {
    // 10 ham (8 right), 5 spam (3 right): precision ham 8/10, spam 3/5; recall ham 8/10, spam 3/5.
    const text = classReport({ loss: 0.25, accuracy: 11 / 15, confusion: [[8, 2], [2, 3]], examples: 15 }, ['ham', 'spam']);
    expect(text).toMatch(/accuracy 73\.3% on 15 examples \(loss 0\.2500\)/);
    expect(text).toMatch(/ham\s+precision 80\.0%\s+recall 80\.0%/);
    expect(text).toMatch(/spam\s+precision 60\.0%\s+recall 60\.0%/);
    expect(text).toMatch(/ham\s+8\s+2\n\s+spam\s+2\s+3$/);
    // A class never predicted has no precision: shown as n/a, not 0% or NaN.
    expect(classReport({ loss: 1, accuracy: 0.5, confusion: [[4, 0], [4, 0]], examples: 8 }, ['ham', 'spam'])).toMatch(/spam\s+precision n\/a\s+recall 0\.0%/);
  });

  it('reads LoRA targets and refuses bad settings with the option named', () => {
    expect(loraFromOptions({ rank: 4, alpha: 8, 'lora-targets': 'attn.c_attn, mlp.c_fc' })).toEqual({ rank: 4, alpha: 8, targets: ['attn.c_attn', 'mlp.c_fc'] });
    expect(loraFromOptions({ rank: 2, alpha: 2, 'lora-targets': 'all' }).targets).toHaveLength(4);
    expect(() => loraFromOptions({ rank: 0, alpha: 8, 'lora-targets': 'all' })).toThrow(/rank.*--rank/);
    expect(() => loraFromOptions({ rank: 4, alpha: -1, 'lora-targets': 'all' })).toThrow(/alpha/);
    expect(() => loraFromOptions({ rank: 4, alpha: 8, 'lora-targets': 'attn.qkv' })).toThrow(/unknown LoRA target "attn\.qkv"/);
  });
});
