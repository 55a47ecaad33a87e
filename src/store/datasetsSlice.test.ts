// The learner's files in the store: a good file is kept, a bad one returns its errors and leaves
// the previously loaded file of that kind (and of the other kinds) untouched.
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createDatasetsSlice, type DatasetsSlice } from './datasetsSlice.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('datasets slice', () => {
  it('keeps what was loaded when a bad file arrives', () => {
    const store = create<DatasetsSlice>()((...a) => createDatasetsSlice(...a));
    expect(store.getState().loadFile('good.csv', enc('ham,hello\nspam,win cash\n'), 'classify')).toEqual([]);
    expect(store.getState().loadFile('notes.txt', enc('Plain text for pretraining. '.repeat(10)), 'pretrain')).toEqual([]);
    const errors = store.getState().loadFile('bad.csv', enc('ham,hello\nspma,win cash\n'), 'classify');
    expect(errors).toEqual([{ file: 'bad.csv', line: 2, field: 'label', message: 'unknown label "spma" (use spam or ham, or 1 or 0)' }]);
    const kept = store.getState().userData.classify;
    expect(kept?.kind === 'classify' && kept.file).toBe('good.csv');
    expect(kept?.kind === 'classify' && kept.messages.length).toBe(2);
    expect(store.getState().userData.pretrain?.file).toBe('notes.txt');
    store.getState().clearUserData('classify');
    expect(store.getState().userData.classify).toBeUndefined();
    expect(store.getState().userData.pretrain?.file).toBe('notes.txt');
  });
});
