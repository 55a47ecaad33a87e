import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyExerciseEdit, KERNEL_EXERCISES } from './exercises.ts';

const shipped = (file: string) => readFileSync(`src/kernels/${file}`, 'utf8');

describe('kernel lab exercises', () => {
  it('name kernel files that exist, with every field written', () => {
    expect(new Set(KERNEL_EXERCISES.map((e) => e.id)).size).toBe(KERNEL_EXERCISES.length);
    for (const e of KERNEL_EXERCISES) {
      expect(shipped(e.file).length).toBeGreaterThan(0);
      for (const f of [e.title, e.goal, e.hint, e.check, e.watch]) expect(f.trim().length).toBeGreaterThan(3);
    }
  });

  it('make their edit in the shipped text (a kernel change that moves the line breaks the exercise here)', () => {
    for (const e of KERNEL_EXERCISES.filter((x) => x.edits)) {
      const code = shipped(e.file);
      for (const { from } of e.edits!) expect(code, e.id).toContain(from);
      const edited = applyExerciseEdit(e, code);
      expect(edited).not.toBe(code);
      for (const { from } of e.edits!) expect(edited, e.id).not.toContain(from);
    }
  });
});
