/**
 * Lesson 2's one door to the store and the engine (through src/store/api.ts): the models a run can
 * start from, the requests it sends (start, restore, upload, class report, classify a text) and
 * the answers it reads back by request id. The lesson's other components are props-only.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { AUTOSAVE_IDS, type ClassReport, classifyText, myModel, requestClassReport, restoreRun, RUN_REPORT_ID, SHIPPED_BASE, startFinetune, uploadDataset } from '../../store/api.ts';
import { workerLink } from '../../store/bridge.ts';
import { useLab } from '../../store/index.ts';
import type { SlotInfo } from '../../store/trainingSlice.ts';
import type { Message } from '../../data/types.ts';
import type { StartOption } from './RunSetup.tsx';
import type { SpamAnswer } from './TryMessage.tsx';
import { FRESH_WATCH, onRunChange, summaryOf } from './lifecycle.ts';
import { runSettingsFor, taskOf, toDelimited, type ClassifySetup } from './setup.ts';

/** The shipped base model the lesson starts from by default. */
export const DEFAULT_BASE = SHIPPED_BASE;
/** The autosave slot of lesson-2 runs. */
export const CLASSIFY_AUTOSAVE = AUTOSAVE_IDS.classify;

/** Asks the worker for the checkpoint list (saved and shipped). */
export function refreshCheckpoints(): void {
  workerLink.send({ type: 'ckpt-list' });
}

/** Starts a lesson-2 run from a checkpoint of the given preset. */
export function startClassifyRun(setup: ClassifySetup, preset: string): void {
  const { task: _task, ...settings } = runSettingsFor(setup, preset as Parameters<typeof runSettingsFor>[1]);
  startFinetune({ task: taskOf(setup), fromSlot: setup.start, settings });
}

/** Brings back the autosaved lesson-2 run (paused) as the engine's current run. */
export function restoreClassifyRun(): void {
  restoreRun('classify');
}

/**
 * Hands the learner's validated messages to the engine for runs on 'upload' (in the file's own
 * delimiter, so the engine reads them exactly as the page did); the answer is `uploads.classify`
 * or an error of scope 'data'.
 */
export function sendUpload(file: string, messages: readonly Message[]): void {
  uploadDataset('classify', file, toDelimited(messages, file.toLowerCase().endsWith('.tsv') ? '\t' : ','));
}

/** Asks for a model's scores on a split ('run': the current classifier; a base model: the prompted baseline). */
export function requestReport(model: string, split: 'validation' | 'test', limit?: number): number {
  return requestClassReport(model, split, limit);
}

/** Asks a classifier for the class probabilities of a text. */
export function requestClassify(model: string, text: string): number {
  return classifyText(model, text);
}

/** What a request has produced so far. */
export interface Answer<T> {
  result: T | null;
  progress: { done: number; total: number } | null;
  error?: string;
}

type LabState = ReturnType<typeof useLab.getState>;

/** The report answering a request, once it is in the store. */
function reportIn(s: LabState, requestId: number): ClassReport | null {
  return s.classReports[requestId]?.report ?? null;
}

/** A class report request's answer, progress and error. */
export function useReport(requestId: number | null): Answer<ClassReport> {
  const result = useLab((s) => (requestId === null ? null : reportIn(s, requestId)));
  const progress = useLab((s) => (requestId === null ? undefined : s.progress[requestId]));
  const error = useLab((s) => (requestId === null ? undefined : s.requestErrors[requestId]));
  return { result, progress: result || !progress ? null : progress, error };
}

/** A classify-text request's answer and error. */
export function useClassProbs(requestId: number | null): Answer<SpamAnswer> {
  const result = useLab((s) => (requestId === null ? undefined : s.classProbs[requestId]));
  const error = useLab((s) => (requestId === null ? undefined : s.requestErrors[requestId]));
  return { result: result ?? null, progress: null, error };
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
      stale = reportIn(s, RUN_REPORT_ID);
      record = null;
      show(null);
    }
    if (c.finished?.how === 'await') {
      record = c.finished.task;
      show({ id: RUN_REPORT_ID, stale });
    } else if (c.finished?.how === 'ask') {
      show({ id: requestReport('run', 'test'), stale: null });
    }
    const report = record ? reportIn(s, RUN_REPORT_ID) : null;
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
export function useRunLifecycle(): Answer<ClassReport> {
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

/** The default start: the learner's own base when listed, else the shipped base, else the first option. */
export function defaultStart(options: readonly StartOption[], mine?: string | null): string {
  const has = (id: string | null | undefined) => !!id && options.some((o) => o.id === id);
  return has(mine) ? mine! : has(DEFAULT_BASE) ? DEFAULT_BASE : options[0]?.id ?? '';
}

/** The learner's base model (lesson 1's "keep as my base"), or the shipped one. */
export function useMyBase(): string | null {
  return useLab((s) => myModel(s, 'base'));
}

export function useStartOptions(): StartOption[] {
  const slots = useLab((s) => s.slots);
  return useMemo(() => startOptions(slots), [slots]);
}

/** The saved lesson-2 autosave, if there is one. */
export function useClassifyAutosave(): SlotInfo | undefined {
  return useLab((s) => s.slots.find((x) => x.id === CLASSIFY_AUTOSAVE));
}
