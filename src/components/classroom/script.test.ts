// The classroom script against the lab it drives: every step's commands, page and view exist, the
// story is in order, training steps have a recipe per size, and the deck's rules hold.
import { describe, expect, it } from 'vitest';
import manifest from '../../../public/models/manifest.json';
import { AREA_INFO } from '../../lessons/areas.ts';
import { CLASSROOM_SCRIPT, QUIZ_QUESTION } from '../../lessons/classroom/script.ts';
import { MULTIPLE_CHOICE } from '../../lessons/quiz/multipleChoice.ts';
import * as api from '../../store/api.ts';
import { COMMANDS } from '../../store/commands.ts';
import { clampStep, keyMove, parseFlags, parseRoute, stepRoute, studentLink } from './deck.ts';
import { demoSize, shippedFor, type ShippedEntry } from './shipped.ts';
import { VIEWS } from './views/StepView.tsx';

describe('the classroom script', () => {
  it('names only commands the lessons use (COMMANDS or api.ts), pages that exist and views that are drawn', () => {
    const pages = new Set(AREA_INFO.map((a) => a.path));
    for (const s of CLASSROOM_SCRIPT) {
      for (const c of s.commands) expect(c in COMMANDS || typeof (api as Record<string, unknown>)[c] === 'function', `${s.id}: ${c}`).toBe(true);
      expect(pages.has(s.page), `${s.id}: page ${s.page}`).toBe(true);
      expect(VIEWS[s.view], `${s.id}: view ${s.view}`).toBeTypeOf('function');
      expect(s.talk.length, s.id).toBeGreaterThan(0);
      expect(s.pointAt.length, s.id).toBeGreaterThan(10);
    }
  });

  it('tells the story in order, each step once', () => {
    expect(CLASSROOM_SCRIPT.map((s) => s.view)).toEqual(['text', 'pairs', 'pretrain', 'base-writes', 'spam', 'base-vs-instruct', 'quiz']);
    expect(new Set(CLASSROOM_SCRIPT.map((s) => s.id)).size).toBe(CLASSROOM_SCRIPT.length);
    const minutes = CLASSROOM_SCRIPT.reduce((n, s) => n + s.minutes, 0);
    expect(minutes).toBeGreaterThanOrEqual(10);
    expect(minutes).toBeLessThanOrEqual(20);
  });

  it('trains the shipped checkpoints\' recipes, and starts them with the commands that train', () => {
    const entries = manifest.checkpoints as ShippedEntry[];
    const pre = CLASSROOM_SCRIPT.find((s) => s.train?.kind === 'pretrain')!;
    for (const size of ['small', 'test'] as const) {
      const shipped = shippedFor(entries, 'pretrain', size)!;
      expect(pre.train!.recipes[size].preset).toBe(size);
      expect(pre.train!.recipes[size].steps).toBe(shipped.steps);
    }
    expect(pre.commands).toContain('startRun');
    expect(CLASSROOM_SCRIPT.find((s) => s.train?.kind === 'classify')!.commands).toContain('startFinetune');
  });

  it('asks a quiz question that exists', () => {
    expect(MULTIPLE_CHOICE.some((q) => q.id === QUIZ_QUESTION)).toBe(true);
  });
});

describe('shipped checkpoints for the demo', () => {
  const entries = manifest.checkpoints as ShippedEntry[];
  it('finds the base and instruct model of each size, and says null for a stage the manifest lacks', () => {
    expect(shippedFor(entries, 'pretrain', 'test')?.id).toBe('shipped:base-test');
    expect(shippedFor(entries, 'instruct', 'small')?.id).toBe('shipped:instruct-small');
    expect(shippedFor([], 'classify', 'small')).toBeNull();
    expect(shippedFor([{ id: 'shipped:spam-test', name: 'x', file: 'x', stage: 'classify', preset: 'test', description: '' }], 'classify', 'test')?.id).toBe('shipped:spam-test');
  });
  it('picks the test size on a software adapter and the small one on a real GPU, unless the URL says', () => {
    expect(demoSize(null, true)).toBe('test');
    expect(demoSize(null, false)).toBe('small');
    expect(demoSize(null, null)).toBe('test');
    expect(demoSize('small', true)).toBe('small');
    expect(demoSize('huge', false)).toBe('small');
  });
});

describe('the deck', () => {
  it('maps a keyboard and a clicker to moves', () => {
    expect(['ArrowRight', ' ', 'PageDown'].map(keyMove)).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp'].map(keyMove)).toEqual(['prev', 'prev']);
    expect(keyMove('Escape')).toBe('exit');
    expect(keyMove('a')).toBeNull();
  });
  it('keeps steps in range', () => {
    expect([clampStep(-1, 7), clampStep(9, 7), clampStep(NaN, 7), clampStep(3.7, 7)]).toEqual([0, 6, 0, 3]);
  });
  it('writes and reads a step\'s route, 1-based in the URL', () => {
    expect(stepRoute('show', 2)).toBe('/classroom/show/3');
    expect(stepRoute('student', 0, { controls: false, text: false })).toBe('/classroom/1?controls=0&text=0');
    expect(parseRoute('show/3', 7)).toEqual({ role: 'show', step: 2 });
    expect(parseRoute('present/1', 7)).toEqual({ role: 'present', step: 0 });
    expect(parseRoute('4', 7)).toEqual({ role: 'student', step: 3 });
    expect(parseRoute('99', 7)).toEqual({ role: 'student', step: 6 });
    expect(parseRoute('', 7)).toBeNull();
    expect(parseRoute('nope/2', 7)).toBeNull();
  });
  it('reads display flags: the presenter always has controls, others only when asked', () => {
    expect(parseFlags('', 'present')).toEqual({ controls: true, text: true });
    expect(parseFlags('', 'show')).toEqual({ controls: false, text: true });
    expect(parseFlags('?controls=1&text=0', 'student')).toEqual({ controls: true, text: false });
  });
  it('makes a student link from the page address, dropping its query', () => {
    expect(studentLink('http://10.0.0.2:4173/lab/?x=1#/classroom/present/4', 3)).toBe('http://10.0.0.2:4173/lab/#/classroom/4');
  });
});
