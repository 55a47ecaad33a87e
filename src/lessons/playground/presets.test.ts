import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorld, question } from '../../data/world.ts';
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

  it('ask about a known (held-out) and an unknown person of the world, in a question the world families use, naming the true town', () => {
    const world = parseWorld('world.jsonl', readFileSync('public/datasets/world.jsonl', 'utf8'));
    if (!world.ok) throw new Error('world.jsonl does not parse');
    for (const [id, group] of [['world-known', 'held-out'], ['world-unknown', 'unknown']] as const) {
      const p = PRESETS.find((x) => x.id === id)!;
      const person = world.value.find((x) => p.prompt.includes(x.name))!;
      expect(person?.group, id).toBe(group);
      expect(p.prompt).toBe(question('town', 0, person.name));
      if (group === 'held-out') expect(p.lookFor).toContain(person.town);
    }
  });
});
