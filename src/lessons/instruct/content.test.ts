import { describe, expect, it } from 'vitest';
import { STAGES, STAGES_LESSON } from '../stages/content.ts';
import type { Block, Lesson } from '../types.ts';
import { INSTRUCT_LESSON } from './content.ts';

// Lesson 3 and the stages overview are data: well formed, at their routes, holding the sections the
// pages hang their live panels on, and saying what the issue asks them to explain.
const text = (b: Block): string => (b.kind === 'list' ? b.items.join(' ') : b.kind === 'term' ? `${b.term} ${b.text}` : b.kind === 'note' ? `${b.title} ${b.text}` : b.text);
const all = (l: Lesson) => l.sections.flatMap((s) => s.blocks.map(text)).join(' ').toLowerCase();

function wellFormed(l: Lesson) {
  const ids = l.sections.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const s of l.sections) {
    expect(s.title.trim()).not.toBe('');
    expect(s.blocks.length).toBeGreaterThan(0);
    for (const b of s.blocks) expect(text(b).trim().length).toBeGreaterThan(10);
  }
  expect(all(l)).not.toMatch(/<[a-z][^>]*>/i); // rendered as text: no markup
}

describe('lesson 3 content', () => {
  it('is the instruct lesson at its route, with the sections the page puts its panels after', () => {
    expect(INSTRUCT_LESSON).toMatchObject({ id: 'instruct', path: 'lesson/instruct' });
    wellFormed(INSTRUCT_LESSON);
    const ids = INSTRUCT_LESSON.sections.map((s) => s.id);
    for (const panel of ['template', 'mask', 'side-by-side', 'limits']) expect(ids).toContain(panel);
  });

  it('explains the template, the mask, response shape over knowledge, the SFT limit, LoRA/PEFT and the volume drop', () => {
    const t = all(INSTRUCT_LESSON);
    for (const phrase of ['### instruction:', '### response:', '<|endoftext|>', 'next token', 'masked', 'padding', 'format adherence', 'what to predict', 'what not to predict', 'lora', 'peft', 'orders of magnitude', 'knowledge']) {
      expect(t).toContain(phrase);
    }
  });
});

describe('stages overview content', () => {
  it('has one column per stage, in training order, each linking to its lesson', () => {
    expect(STAGES_LESSON).toMatchObject({ id: 'stages', path: 'stages' });
    wellFormed(STAGES_LESSON);
    expect(STAGES.map((s) => s.kind)).toEqual(['pretrain', 'classify', 'instruct']);
    expect(STAGES.map((s) => s.lessonPath)).toEqual(['lesson/pretrain', 'lesson/classify', 'lesson/instruct']);
    for (const s of STAGES) for (const f of [s.data, s.supervision, s.objective, s.goal, s.drawing, s.result]) expect(f.trim().length).toBeGreaterThan(5);
  });

  it('names the supervision source and which tokens count in each stage', () => {
    const [pre, cls, ins] = STAGES;
    expect(pre.supervision.toLowerCase()).toContain('self-supervised');
    expect(pre.objective.toLowerCase()).toContain('every token');
    expect(cls.supervision.toLowerCase()).toContain('labels');
    expect(cls.objective.toLowerCase()).toContain('last token');
    expect(ins.objective.toLowerCase()).toContain('only the response');
  });
});
