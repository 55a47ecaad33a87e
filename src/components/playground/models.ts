/**
 * Which checkpoints the playground offers, read from the store: the learner's base and instruct
 * models (myModelsSlice, falling back to the first listed model of the same stage) and the spam
 * classifiers, the learner's own first. Reads only; requests go through the store's api.ts.
 */
import { useShallow } from 'zustand/react/shallow';
import { myModel } from '../../store/api.ts';
import { useLab, type LabState } from '../../store/index.ts';
import type { SlotInfo } from './types.ts';

/** The first listed checkpoint of a stage, shipped ones first (or the learner's own first). */
const firstOf = (s: LabState, stage: SlotInfo['stage'], shippedFirst = true) =>
  (s.slots.find((x) => !!x.shipped === shippedFirst && x.stage === stage) ?? s.slots.find((x) => x.stage === stage))?.id ?? null;

/**
 * The learner's base and instruct models (myModelsSlice: their own once chosen, else the shipped
 * ones); when the list lacks those, the first listed model of the same stage.
 */
export function useMyModels(): { base: string | null; instruct: string | null } {
  return useLab(useShallow((s) => ({
    base: myModel(s, 'base') ?? firstOf(s, 'pretrain'),
    instruct: myModel(s, 'instruct') ?? firstOf(s, 'instruct'),
  })));
}

/** A preference-tuned (DPO) model: the learner's own lesson-4 run first, else the shipped one; null when there is none. */
export function usePreferModel(): string | null {
  return useLab((s) => firstOf(s, 'prefer', false));
}

/** Checkpoints with a classification head (lesson 2's spam classifiers), the learner's own first. */
export function useClassifiers(): SlotInfo[] {
  const slots = useLab((s) => s.slots);
  const mine = useLab((s) => myModel(s, 'classifier'));
  const all = slots.filter((s) => s.stage === 'classify');
  return [...all.filter((s) => s.id === mine), ...all.filter((s) => s.id !== mine)];
}
