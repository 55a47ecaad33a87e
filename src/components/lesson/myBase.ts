/**
 * Which checkpoint the learner chose as "my base model" in lesson 1, for lessons 2 and 3 to start
 * from. A tiny localStorage-backed value with a React hook, kept here until the store's myModels
 * slice takes it over. Holds a slot id and its label only; the bytes stay in the worker's IndexedDB.
 */
import { useSyncExternalStore } from 'react';
import { isRecord, loadSaved, save, forget } from '../../store/persist.ts';

export const MY_BASE_KEY = 'webgpu-llm-lab.my-base.v1';

/** The learner's chosen base checkpoint. */
export interface MyBase {
  /** checkpoint slot id (the worker's IndexedDB key) */
  slotId: string;
  name: string;
  step: number;
  preset: string;
  /** Date.now() when chosen */
  chosenAt: number;
}

/** Validates a saved value; undefined when it is not a MyBase. */
export function parseMyBase(x: unknown): MyBase | undefined {
  if (!isRecord(x)) return undefined;
  const { slotId, name, step, preset, chosenAt } = x;
  if (typeof slotId !== 'string' || !slotId || typeof name !== 'string' || typeof preset !== 'string') return undefined;
  if (!Number.isInteger(step) || (step as number) < 0 || !Number.isFinite(chosenAt)) return undefined;
  return { slotId, name, step: step as number, preset, chosenAt: chosenAt as number };
}

let current: MyBase | null = loadSaved(MY_BASE_KEY, parseMyBase) ?? null;
const listeners = new Set<() => void>();

/** The learner's base checkpoint, or null when none was chosen. */
export function getMyBase(): MyBase | null {
  return current;
}

/** Marks a checkpoint as the learner's base (null forgets the choice). */
export function setMyBase(b: MyBase | null): void {
  current = b;
  if (b) save(MY_BASE_KEY, b);
  else forget(MY_BASE_KEY);
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The chosen base checkpoint, re-rendering when it changes. */
export function useMyBase(): MyBase | null {
  return useSyncExternalStore(subscribe, getMyBase, getMyBase);
}
