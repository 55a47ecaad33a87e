import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets.ts';

// The instruction set the shipped instruct model was tuned on (public/datasets/instruct.jsonl).
const instructions = readFileSync('public/datasets/instruct.jsonl', 'utf8')
  .split('\n').filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { instruction: string }).instruction);

describe('playground presets', () => {
  it('have unique ids, a prompt, and something to look for', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(p.prompt.trim().length, p.id).toBeGreaterThan(10);
      expect(p.prompt.length, p.id).toBeLessThanOrEqual(2000);
      expect(p.lookFor.length, p.id).toBeGreaterThan(60);
    }
  });

  it('include the issue\'s three themes: a summary, a definition and a spam-or-not question', () => {
    expect(PRESETS.find((p) => p.id === 'summarize')?.prompt).toMatch(/^Summarize this paragraph: /);
    expect(PRESETS.find((p) => p.id === 'define')?.prompt).toMatch(/^Define /);
    expect(PRESETS.find((p) => p.id === 'spam')?.prompt).toMatch(/spam or ham\?/);
  });

  it('ask the tuned families in the very words of the instruction set', () => {
    for (const id of ['define', 'antonym']) {
      const p = PRESETS.find((x) => x.id === id)!;
      expect(instructions, id).toContain(p.prompt);
    }
    const spam = PRESETS.find((x) => x.id === 'spam')!;
    expect(instructions).toContain(spam.prompt.slice(0, spam.prompt.indexOf('?') + 1));
  });
});
