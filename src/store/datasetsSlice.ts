/**
 * The learner's own datasets, one per kind (pretraining text, labelled messages, instructions),
 * after they passed validation in src/data. A rejected file never replaces what was loaded before.
 * Holds parsed text only; the files never leave the browser.
 */
import type { StateCreator } from 'zustand';
import type { DataError } from '../data/errors.ts';
import { loadUserFile, type DataKind, type UserData } from '../data/load.ts';

export interface DatasetsSlice {
  /** The last file of each kind that loaded cleanly. */
  userData: Partial<Record<DataKind, UserData>>;
  /** Keep a validated file (replacing the previous one of its kind). */
  setUserData(data: UserData): void;
  /**
   * Validate a file's bytes as `kind` and keep it if it passes. Returns the errors (file, line,
   * problem) when it does not; then the previously loaded file of that kind stays.
   */
  loadFile(name: string, bytes: Uint8Array, kind: DataKind): DataError[];
  /** Forget the learner's file of one kind (the lessons fall back to the built-in set). */
  clearUserData(kind: DataKind): void;
}

export const createDatasetsSlice: StateCreator<DatasetsSlice, [], [], DatasetsSlice> = (set) => ({
  userData: {},
  setUserData: (data) => set((s) => ({ userData: { ...s.userData, [data.kind]: data } })),
  loadFile: (name, bytes, kind) => {
    const r = loadUserFile(name, bytes, kind);
    if (!r.ok) return r.errors;
    set((s) => ({ userData: { ...s.userData, [kind]: r.value } }));
    return [];
  },
  clearUserData: (kind) =>
    set((s) => {
      const next = { ...s.userData };
      delete next[kind];
      return { userData: next };
    }),
});
