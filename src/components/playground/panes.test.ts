import { describe, expect, it } from 'vitest';
import { resolveModels } from './panes.ts';

const mine = { base: 'shipped:base-small', instruct: 'autosave:instruct' };
const listed = ['shipped:base-small', 'shipped:base-test', 'shipped:instruct-test', 'autosave:instruct'];

describe('which checkpoint each pane uses', () => {
  it('fills unchosen panes with the learner\'s base, instruct, then base again', () => {
    expect(resolveModels([null, null, null], listed, mine).map((p) => p.id)).toEqual(['shipped:base-small', 'autosave:instruct', 'shipped:base-small']);
  });

  it('keeps a chosen checkpoint that is listed, and any chosen one while the list is still loading', () => {
    expect(resolveModels(['shipped:base-test', 'shipped:instruct-test'], listed, mine)).toEqual([
      { id: 'shipped:base-test', note: null }, { id: 'shipped:instruct-test', note: null },
    ]);
    expect(resolveModels(['shipped:nope', null], null, mine)[0]).toEqual({ id: 'shipped:nope', note: null });
  });

  it('replaces an unknown checkpoint by the default of its place, with a note naming both', () => {
    const [a, b] = resolveModels([null, 'ck-gone'], listed, mine);
    expect(a.note).toBeNull();
    expect(b).toEqual({ id: 'autosave:instruct', note: 'Pane 2: the checkpoint "ck-gone" is not available here, so the pane uses autosave:instruct.' });
  });

  it('uses whichever default exists, and says so when none does', () => {
    expect(resolveModels([null, null], listed, { base: 'shipped:base-test', instruct: null }).map((p) => p.id)).toEqual(['shipped:base-test', 'shipped:base-test']);
    expect(resolveModels(['x'], [], { base: null, instruct: null })[0]).toEqual({ id: '', note: 'Pane 1: the checkpoint "x" is not available here, so the pane uses the default model.' });
  });
});
