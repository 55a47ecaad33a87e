import { describe, expect, it } from 'vitest';
import type { Block } from '../types.ts';
import { CLASSIFY_LESSON } from './content.ts';

// The lesson's prose is data: check it is well formed and says what the issue asks it to explain.
const text = (b: Block): string => (b.kind === 'list' ? b.items.join(' ') : b.kind === 'term' ? `${b.term} ${b.text}` : b.kind === 'note' ? `${b.title} ${b.text}` : b.text);
const all = CLASSIFY_LESSON.sections.flatMap((s) => s.blocks.map(text)).join(' ');

describe('lesson 2 content', () => {
  it('is the classify lesson at its route, with unique, non-empty sections', () => {
    expect(CLASSIFY_LESSON.id).toBe('classify');
    expect(CLASSIFY_LESSON.path).toBe('lesson/classify');
    const ids = CLASSIFY_LESSON.sections.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of CLASSIFY_LESSON.sections) {
      expect(s.blocks.length).toBeGreaterThan(0);
      for (const b of s.blocks) expect(text(b).trim().length).toBeGreaterThan(10);
    }
  });

  it('explains the head, the last token under the causal mask, each choice and LoRA', () => {
    for (const phrase of ['labelled', 'two-class head', 'causal mask', 'last real token', 'specialist', 'head only', 'last block + final norm + head', 'all layers', 'LoRA, rank r', 'low-rank', 'precision', 'recall', 'confusion matrix']) {
      expect(all.toLowerCase()).toContain(phrase.toLowerCase());
    }
  });

  it('never carries markup (text is rendered as text)', () => {
    expect(all).not.toMatch(/<[a-z][^>]*>/i);
  });
});
