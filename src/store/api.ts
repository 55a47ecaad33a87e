/**
 * The small typed API the lessons and the playground call (components reach the engine only
 * through the store). Each function sends one message through the bridge; requests return the id
 * their answers are kept under in the store (requestsSlice), so several panels can wait at once.
 *
 *   send                                         answer in the store (useLab)
 *   startFinetune({task, fromSlot, settings?})   run, metrics, evals; classReports[0] when a classify run ends
 *   restoreRun(kind)                             run, metrics, evals (the kind's autosave, paused)
 *   resetKind(kind)                              the run of that kind stops and its autosave goes
 *                                                (another kind's current run is left alone)
 *   uploadDataset(kind, name, text)              uploads[kind], or engineErrors.data (file, line, field)
 *   sampleFrom(model, req)            -> id      samples[id] (tokens stream in; running false when done)
 *   classifyText(model, text)         -> id      classProbs[id]
 *   requestClassReport(model, split, limit?) -> id   classReports[id] (a model without a head: the prompted baseline)
 *   scoreInstruct(model, opts)        -> id      progress[id] while it runs, then instructScores[id]
 *   forgetRequest(id)                            drops what is kept for the id
 *   errors of a request                          requestErrors[id]
 *
 * `model` is 'run' (the current run's model) or a checkpoint id from `slots` (shipped ids start
 * with "shipped:"). myModel(state, role) gives the learner's base/classifier/instruct model
 * (myModelsSlice), setMyModel(role, id) changes it.
 */
import type { ModelRef, SampleRequest, TaskKind } from '../worker/protocol.ts';
import { workerLink, type EngineLink } from './bridge.ts';
import { classifyText as classifyCmd, requestClassReport as reportCmd, restoreRun as restoreCmd, scoreInstruct as scoreCmd, startFinetune as finetuneCmd, uploadDataset as uploadCmd, type CommandState, type FinetuneArgs } from './commands.ts';
import { useLab } from './index.ts';
import type { LabState } from './index.ts';
import type { SampleStream } from './requestsSlice.ts';
import { RUN_REPORT_ID } from './requestsSlice.ts';

export { myModel, type ModelRole } from './myModelsSlice.ts';
export { RUN_REPORT_ID } from './requestsSlice.ts';
// Components may not import the worker: the contract's constants and shapes come from here.
export { AUTOSAVE_IDS, SHIPPED_BASE, SHIPPED_INSTRUCT, SHIPPED_PREFIX } from '../worker/protocol.ts';
export type { ClassReport, InstructScores, ModelRef, TaskKind, TaskSettings } from '../worker/protocol.ts';

// Far from the workshop's small ids and random per page load, so two tabs' logs never mix ids.
let next = 2_000_000_000 + Math.floor(Math.random() * 1000) * 100_000;
/** A fresh request id. */
export const nextRequestId = (): number => ++next;

let link: EngineLink = workerLink;
/** For tests: where messages go. */
export function setApiLink(l: EngineLink): void {
  link = l;
}
const state = (): CommandState => useLab.getState();

/** Starts a classification or instruction-tuning run from a checkpoint (the draft fills the rest). */
export function startFinetune(a: FinetuneArgs): void {
  finetuneCmd.perform(link, state(), a);
}

/** Brings back the autosaved run of one kind as the current (paused) run. */
export function restoreRun(kind: TaskKind): void {
  restoreCmd.perform(link, state(), kind);
}

/** Forgets the run of one kind and its autosave (a current run of another kind keeps going). */
export function resetKind(kind: TaskKind): void {
  link.send({ type: 'reset', kind });
}

/** Sends the learner's file for runs with dataset 'upload'. */
export function uploadDataset(kind: 'classify' | 'instruct', name: string, text: string): void {
  uploadCmd.perform(link, state(), { kind, name, text });
}

/** Samples from a model; tokens stream into samples[id]. `template` wraps the prompt as an instruction. */
export function sampleFrom(model: ModelRef, req: Omit<SampleRequest, 'requestId' | 'model'>): number {
  const requestId = nextRequestId();
  link.send({ type: 'sample', requestId, model, ...req });
  return requestId;
}

/** Class probabilities of a text under a classifier. */
export function classifyText(model: ModelRef, text: string): number {
  const requestId = nextRequestId();
  classifyCmd.perform(link, state(), { requestId, model, text });
  return requestId;
}

/** A classifier's (or the prompted base model's) scores on a split; `limit` caps the messages. */
export function requestClassReport(model: ModelRef, split: 'validation' | 'test', limit?: number): number {
  const requestId = nextRequestId();
  reportCmd.perform(link, state(), { requestId, model, split, limit });
  return requestId;
}

/** Format adherence and per-family scores on held-out instructions (greedy, seeded). */
export function scoreInstruct(model: ModelRef, opts: { limit: number; maxTokens: number; seed: number; families?: string[] }): number {
  const requestId = nextRequestId();
  scoreCmd.perform(link, state(), { requestId, model, ...opts });
  return requestId;
}

/** Drops what the store keeps for a request. */
export function forgetRequest(requestId: number): void {
  useLab.getState().forgetRequest(requestId);
}

/** Selectors (use with useLab): the answers of one request. */
export const selectSample = (id: number | null) => (s: LabState): SampleStream | undefined => (id === null ? undefined : s.samples[id]);
export const selectClassReport = (id: number | null) => (s: LabState) => (id === null ? undefined : s.classReports[id]);
export const selectRunReport = (s: LabState) => s.classReports[RUN_REPORT_ID];
export const selectClassProbs = (id: number | null) => (s: LabState) => (id === null ? undefined : s.classProbs[id]);
export const selectInstructScores = (id: number | null) => (s: LabState) => (id === null ? undefined : s.instructScores[id]);
export const selectProgress = (id: number | null) => (s: LabState) => (id === null ? undefined : s.progress[id]);
export const selectRequestError = (id: number | null) => (s: LabState) => (id === null ? undefined : s.requestErrors[id]);
