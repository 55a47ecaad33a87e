/**
 * The models a lesson-2 run can start from, as the run setup lists them: the shipped base models,
 * then the learner's own pretrained checkpoints, never a classifier or an instruction-tuned model;
 * and which one is chosen by default. Pure: the page passes the checkpoint list in.
 */
import { SHIPPED_BASE } from '../../store/api.ts';
import type { SlotInfo } from '../../store/trainingSlice.ts';
import type { StartOption } from './RunSetup.tsx';

/** The shipped base model the lesson starts from by default. */
export const DEFAULT_BASE = SHIPPED_BASE;

/** Human name of a start checkpoint. */
function startName(s: SlotInfo): string {
  if (s.shipped) return `${s.name} (shipped, ${s.preset})`;
  if (s.auto) return `Your pretraining run (step ${s.step.toLocaleString('en-US')}, ${s.preset})`;
  return `${s.name} (yours, step ${s.step.toLocaleString('en-US')}, ${s.preset})`;
}

/**
 * The models a lesson-2 run can start from: the shipped base models, then the learner's own
 * pretrained checkpoints (saved ones and the pretraining autosave), never a classifier or an
 * instruction-tuned model.
 */
export function startOptions(slots: readonly SlotInfo[]): StartOption[] {
  const base = (s: SlotInfo) => s.stage === 'pretrain' || (s.stage === undefined && !s.id.startsWith('autosave:'));
  const shipped = slots.filter((s) => s.shipped && base(s));
  const own = slots.filter((s) => !s.shipped && base(s));
  return [...shipped, ...own].map((s) => ({ id: s.id, name: startName(s), preset: s.preset }));
}

/** The default start: the learner's own base when listed, else the shipped base, else the first option. */
export function defaultStart(options: readonly StartOption[], mine?: string | null): string {
  const has = (id: string | null | undefined) => !!id && options.some((o) => o.id === id);
  return has(mine) ? mine! : has(DEFAULT_BASE) ? DEFAULT_BASE : options[0]?.id ?? '';
}
