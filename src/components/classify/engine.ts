/**
 * Lesson 2's one door to the store and the engine: the models a run can start from, the requests
 * it sends (start, restore, class report, classify a text) and the answers it reads back. The
 * lesson's other components are props-only presentation.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { workerLink } from '../../store/bridge.ts';
import { useLab } from '../../store/index.ts';
import type { SlotInfo } from '../../store/trainingSlice.ts';
import type { ReportView } from './ClassReportView.tsx';
import type { StartOption } from './RunSetup.tsx';
import type { SpamAnswer } from './TryMessage.tsx';
import { FRESH_WATCH, onRunChange, summaryOf } from './lifecycle.ts';
import { runSettingsFor, type ClassifySetup } from './setup.ts';

/** The shipped base model the lesson starts from by default (protocol.ts SHIPPED_BASE). */
export const DEFAULT_BASE = 'shipped:base-small';
/** The autosave slot of lesson-2 runs (protocol.ts AUTOSAVE_IDS.classify). */
export const CLASSIFY_AUTOSAVE = 'autosave:classify';

// Request ids in their own range, so answers to the lesson never match another page's request.
let nextRequest = 2_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

/** Asks the worker for the checkpoint list (saved and shipped). */
export function refreshCheckpoints(): void {
  workerLink.send({ type: 'ckpt-list' });
}

/** Starts a lesson-2 run from a checkpoint of the given preset. */
export function startClassifyRun(setup: ClassifySetup, preset: string): void {
  workerLink.send({ type: 'start', settings: runSettingsFor(setup, preset as Parameters<typeof runSettingsFor>[1]), fromSlot: setup.start });
}

/** Brings back the autosaved lesson-2 run (paused) as the engine's current run. */
export function restoreClassifyRun(): void {
  workerLink.send({ type: 'restore', kind: 'classify' });
}

/** Asks for a model's scores on a split ('run': the current classifier; a base model: the prompted baseline). */
export function requestReport(model: string, split: 'validation' | 'test', limit?: number): number {
  const requestId = nextRequest++;
  workerLink.send({ type: 'class-report', requestId, model, split, limit });
  return requestId;
}

/** Asks a classifier for the class probabilities of a text. */
export function requestClassify(model: string, text: string): number {
  const requestId = nextRequest++;
  workerLink.send({ type: 'classify-text', requestId, model, text });
  return requestId;
}

/** What a request has produced so far. */
export interface Answer<T> {
  result: T | null;
  progress: { done: number; total: number } | null;
  error?: string;
}

const NONE = { result: null, progress: null } as const;

type LabState = ReturnType<typeof useLab.getState>;
type FullReport = ReportView & { trainableParams: number | null; seconds: number };

/** The report answering a request, once it is in the store. */
function reportIn(_s: LabState, _requestId: number): FullReport | null {
  return null;
}

export function useReport(_requestId: number | null): Answer<ReportView> {
  return NONE;
}

export function useClassProbs(_requestId: number | null): Answer<SpamAnswer> {
  return NONE;
}

// The lesson's watch over the engine's run. It lives at module level, started by the first visit to
// the lesson, so a run that finishes while the learner reads another page still gets its row.
let shown: { id: number; stale: unknown } | null = null;
const listeners = new Set<() => void>();
let watching = false;

function show(next: typeof shown): void {
  shown = next;
  for (const l of listeners) l();
}

function startWatching(): void {
  if (watching) return;
  watching = true;
  let watch = FRESH_WATCH;
  // the engine's own report (requestId 0) present when the current run began: it belongs to an older run
  let stale: unknown = null;
  let record: Parameters<typeof summaryOf>[0] | null = null;
  const onState = (s: LabState) => {
    const c = onRunChange(watch, s.run);
    watch = c.watch;
    if (c.began) {
      stale = reportIn(s, 0);
      record = null;
      show(null);
    }
    if (c.finished?.how === 'await') {
      record = c.finished.task;
      show({ id: 0, stale });
    } else if (c.finished?.how === 'ask') {
      show({ id: requestReport('run', 'test'), stale: null });
    }
    const report = record ? reportIn(s, 0) : null;
    if (record && report && report !== stale) {
      const task = record;
      record = null;
      s.addClassifierRun(summaryOf(task, report, s.run.params, Date.now()));
    }
  };
  onState(useLab.getState());
  useLab.subscribe(onState);
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/**
 * The test report of the current lesson-2 run: the engine's own report when this visit watched the
 * run finish (its row then goes into the runs table, once), or the one asked for when a finished
 * run came back from its autosave. Empty while a run trains.
 */
export function useRunLifecycle(): Answer<ReportView> {
  useEffect(startWatching, []);
  const cur = useSyncExternalStore(subscribe, () => shown);
  const answer = useReport(cur?.id ?? null);
  return cur && answer.result !== null && answer.result === cur.stale ? { ...answer, result: null } : answer;
}

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

/** The default start: the shipped base when listed, else the first option. */
export function defaultStart(options: readonly StartOption[]): string {
  return options.find((o) => o.id === DEFAULT_BASE)?.id ?? options[0]?.id ?? '';
}

export function useStartOptions(): StartOption[] {
  const slots = useLab((s) => s.slots);
  return useMemo(() => startOptions(slots), [slots]);
}

/** The saved lesson-2 autosave, if there is one. */
export function useClassifyAutosave(): SlotInfo | undefined {
  return useLab((s) => s.slots.find((x) => x.id === CLASSIFY_AUTOSAVE));
}
