/**
 * The learner's own models, which the lessons and the playground start from and compare: a base
 * model (lesson 1's "keep as my base"), a spam classifier (lesson 2) and an instruction-tuned model
 * (lesson 3), each a checkpoint id (saved slot or shipped). Defaults are the shipped base and
 * instruct models (there is no shipped classifier). Saved to localStorage; a choice whose
 * checkpoint has gone from the list falls back to the default (myModel()).
 */
import type { StateCreator } from 'zustand';
import { SHIPPED_BASE, SHIPPED_INSTRUCT, type SlotInfo } from '../worker/protocol.ts';
import { forget, isRecord, loadSaved, save } from './persist.ts';

export const MY_MODELS_KEY = 'webgpu-llm-lab.my-models.v1';

export type ModelRole = 'base' | 'classifier' | 'instruct';
export const MODEL_ROLES: readonly ModelRole[] = ['base', 'classifier', 'instruct'];

/** A checkpoint id per role (null: none chosen and no default). */
export type MyModels = Record<ModelRole, string | null>;

export const DEFAULT_MY_MODELS: MyModels = { base: SHIPPED_BASE, classifier: null, instruct: SHIPPED_INSTRUCT };

/** A saved value, checked: unknown or malformed fields fall back to the defaults. */
export function parseMyModels(x: unknown): MyModels | undefined {
  if (!isRecord(x)) return undefined;
  const out = { ...DEFAULT_MY_MODELS };
  for (const r of MODEL_ROLES) if ((typeof x[r] === 'string' && x[r] !== '') || x[r] === null) out[r] = x[r] as string | null;
  return out;
}

export interface MyModelsSlice {
  myModels: MyModels;
  /** chooses a checkpoint for a role (null: back to the default) */
  setMyModel(role: ModelRole, id: string | null): void;
}

/**
 * The checkpoint to use for a role: the learner's choice while it is in the list, else the default
 * (when the list has it, or before any list arrived), else null.
 */
export function myModel(s: { myModels: MyModels; slots: SlotInfo[] }, role: ModelRole): string | null {
  const has = (id: string | null) => id !== null && (s.slots.length === 0 || s.slots.some((x) => x.id === id));
  const chosen = s.myModels[role];
  if (has(chosen)) return chosen;
  const d = DEFAULT_MY_MODELS[role];
  return has(d) ? d : null;
}

/** Lesson 1's earlier "my base" value (components/lesson/myBase.ts), taken over when nothing newer is saved. */
const OLD_BASE_KEY = 'webgpu-llm-lab.my-base.v1';
const fromOldBase = (x: unknown): MyModels | undefined =>
  isRecord(x) && typeof x.slotId === 'string' && x.slotId !== '' ? { ...DEFAULT_MY_MODELS, base: x.slotId } : undefined;

export const createMyModelsSlice: StateCreator<MyModelsSlice, [], [], MyModelsSlice> = (set, get) => ({
  myModels: loadSaved(MY_MODELS_KEY, parseMyModels) ?? loadSaved(OLD_BASE_KEY, fromOldBase) ?? DEFAULT_MY_MODELS,
  setMyModel: (role, id) => {
    set((s) => ({ myModels: { ...s.myModels, [role]: id ?? DEFAULT_MY_MODELS[role] } }));
    const m = get().myModels;
    if (MODEL_ROLES.every((r) => m[r] === DEFAULT_MY_MODELS[r])) forget(MY_MODELS_KEY);
    else save(MY_MODELS_KEY, m);
  },
});
