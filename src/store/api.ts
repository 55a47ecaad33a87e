/**
 * The one door to the engine for lessons, the playground and a scripted classroom demo: each
 * function performs one command (commands.ts: label, predicate, perform) or sends one request, and
 * requests return the id their answers are kept under in the store (requestsSlice), so several
 * panels can wait at once. Components read answers with useAnswer; a finished run's report is in
 * `reports[kind]` and its row in `runs` (runsSlice), filed by the store, never by a component.
 *
 *   send                                         answer in the store (useLab)
 *   startFinetune({task, fromSlot, settings?})   run, metrics, evals; reports[kind] and a row in runs when it finishes
 *   restoreRun(kind)                             run, metrics, evals (the kind's autosave, paused)
 *   pauseRun(), resumeRun()                      run
 *   resetKind(kind)                              the run of that kind stops and its autosave goes
 *                                                (another kind's current run is left alone)
 *   listCheckpoints()                            slots
 *   uploadCheckpoint / downloadCheckpoint / deleteCheckpoint   slots, a file download
 *   tokenize(text)                               tokenized
 *   runCommand(cmd, arg)                         any command of commands.ts (the workshop's buttons)
 *   uploadDataset(kind, name, text)              uploads[kind], or engineErrors.data (file, line, field)
 *   sampleFrom(model, req)            -> id      samples[id] (tokens stream in; running false when done)
 *   sendSample(req)                              the same, with an id from nextRequestId()
 *   classifyText(model, text)         -> id      classProbs[id]
 *   requestClassReport(model, split, limit?) -> id   classReports[id] (a model without a head: the prompted baseline)
 *   addMyMessage({label, text}), removeMyMessage(i)  myMessages (the learner's own everyday messages, kept locally)
 *   scoreInstruct(model, opts)        -> id      progress[id] while it runs, then instructScores[id]
 *   requestAttention(model, prompt, ids?) -> id   attention[id]: every head's weights for the prompt's tokens and ids
 *   forgetRequest(id)                            drops what is kept for the id
 *   measureThisGpu(request?)                     gpuMeasuring while it runs, then gpuMeasurements[adapter] (kept in
 *                                                localStorage); useRecipeEstimate(recipe) / estimateRecipe(state, recipe)
 *                                                give a recipe's time on this GPU
 *   downloadText(name, text)                     a file download (the measurement's JSON)
 *   errors of a request                          requestErrors[id]
 *
 * `model` is 'run' (the current run's model) or a checkpoint id from `slots` (shipped ids start
 * with "shipped:"). myModel(state, role) gives the learner's base/classifier/instruct model
 * (myModelsSlice), setMyModel(role, id) changes it.
 */
import type { ClassReport, MeasureRequest, ModelRef, MyMessage, SampleRequest, TaskKind } from '../worker/protocol.ts';
import { saveMadeFile, workerLink, type EngineLink } from './bridge.ts';
import {
  classifyText as classifyCmd, nextRequestId, pauseRun as pauseCmd, requestClassReport as reportCmd, restoreRun as restoreCmd, resumeRun as resumeCmd,
  scoreInstruct as scoreCmd, startFinetune as finetuneCmd, uploadDataset as uploadCmd, type Command, type CommandState, type FinetuneArgs,
} from './commands.ts';
import { measureGpu as measureCmd } from './gpuMeasure.ts';
import { useLab } from './index.ts';
import type { LabState } from './index.ts';
import type { SampleStream } from './requestsSlice.ts';

export { myModel, type ModelRole } from './myModelsSlice.ts';
export { nextRequestId } from './commands.ts';
// Components may not import the worker: the contract's constants and shapes come from here.
export { AUTOSAVE_IDS, SHIPPED_BASE, SHIPPED_INSTRUCT, SHIPPED_PREFIX } from '../worker/protocol.ts';
export type { AdapterReport, GpuMeasurement, MeasureRequest } from '../worker/protocol.ts';
export { MEASURE_DEFAULTS, measureWorkGflop, type RecipeSize } from '../model/estimate.ts';
export { currentMeasurement, estimateRecipe, measureSecondsLeft, roughMeasureSeconds, type RecipeEstimate } from './gpuMeasureSlice.ts';
export { measureGpu, useRecipeEstimate } from './gpuMeasure.ts';
export type { ClassReport, MyMessage, InstructScores, InstructScoring, ModelRef, RunReport, TaskKind, TaskSettings } from '../worker/protocol.ts';

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

/** Pauses the current run after its step (it autosaves). */
export function pauseRun(): void {
  pauseCmd.perform(link, state());
}

/** Goes on training the current (paused) run. */
export function resumeRun(): void {
  resumeCmd.perform(link, state());
}

/** Forgets the run of one kind and its autosave (a current run of another kind keeps going). */
export function resetKind(kind: TaskKind): void {
  link.send({ type: 'reset', kind });
}

/** Asks for the checkpoint list (saved and shipped); it arrives in `slots`. */
export function listCheckpoints(): void {
  link.send({ type: 'ckpt-list' });
}

/** Runs a command (commands.ts) on the current state: what buttons and a demo script call. */
export function runCommand<A>(cmd: Command<A>, arg: A): void {
  cmd.perform(link, state(), arg);
}

/** How a text splits into tokens; the answer is `tokenized`. */
export function tokenize(text: string): void {
  link.send({ type: 'tokenize', text });
}

/** Stores a checkpoint file the learner picked (a .safetensors); the list in `slots` shows it. */
export function uploadCheckpoint(name: string, bytes: ArrayBuffer): void {
  link.send({ type: 'ckpt-upload', name, bytes }, [bytes]);
}

/** Downloads a checkpoint's file. */
export function downloadCheckpoint(id: string): void {
  link.send({ type: 'ckpt-download', id });
}

/** Deletes a saved checkpoint (shipped ones cannot be). */
export function deleteCheckpoint(id: string): void {
  link.send({ type: 'ckpt-delete', id });
}

/** Sends the learner's file for runs with dataset 'upload'. */
export function uploadDataset(kind: 'classify' | 'instruct' | 'prefer', name: string, text: string): void {
  uploadCmd.perform(link, state(), { kind, name, text });
}

/** Samples from a model; tokens stream into samples[id]. `template` wraps the prompt as an instruction. */
export function sampleFrom(model: ModelRef, req: Omit<SampleRequest, 'requestId' | 'model'>): number {
  const requestId = nextRequestId();
  sendSample({ requestId, model, ...req });
  return requestId;
}

/** Sends a sample request whose id the caller took from nextRequestId (a queue that files the id first). */
export function sendSample(req: SampleRequest): void {
  link.send({ type: 'sample', ...req });
}

/** Class probabilities of a text under a classifier. */
export function classifyText(model: ModelRef, text: string): number {
  const requestId = nextRequestId();
  classifyCmd.perform(link, state(), { requestId, model, text });
  return requestId;
}

/** A classifier's (or the prompted base model's) scores on a split ('everyday': the lab's everyday messages and the learner's own); `limit` caps the messages. */
export function requestClassReport(model: ModelRef, split: ClassReport['split'], limit?: number): number {
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

/** The attention weights of every head of every layer for a prompt's tokens followed by `ids` (a sampled answer). */
export function requestAttention(model: ModelRef, prompt: string, ids?: number[]): number {
  const requestId = nextRequestId();
  link.send({ type: 'attention', requestId, model, prompt, ids });
  return requestId;
}

/** Adds a labelled message of the learner's to the everyday split (kept in this browser); throws on an empty or overlong text. */
export function addMyMessage(m: MyMessage): void {
  useLab.getState().addMyMessage(m);
}

/** Removes one of the learner's everyday messages. */
export function removeMyMessage(index: number): void {
  useLab.getState().removeMyMessage(index);
}

/** Times the matmul variants and a few training steps of each preset on this GPU (defaults: model/measure.ts). */
export function measureThisGpu(request: MeasureRequest = {}): void {
  measureCmd.perform(link, useLab.getState(), request);
}

/** Saves a text the page made (the measurement's JSON) as a download. */
export function downloadText(name: string, text: string): void {
  saveMadeFile(name, new TextEncoder().encode(text).buffer as ArrayBuffer);
}

/** Drops what the store keeps for a request. */
export function forgetRequest(requestId: number): void {
  useLab.getState().forgetRequest(requestId);
}

/** Selectors (use with useLab): the answers of one request. */
export const selectSample = (id: number | null) => (s: LabState): SampleStream | undefined => (id === null ? undefined : s.samples[id]);

/** The kinds of answer kept by request id. */
type AnswerKind = 'samples' | 'classProbs' | 'classReports' | 'instructScores' | 'attention';

/** What a request has produced so far: its answer, its progress while there is no answer, and its error. */
export interface Answer<T> {
  result: T | null;
  progress: { done: number; total: number } | null;
  error: string | null;
}

/** The answer of one request (all null for no request). */
export function useAnswer<K extends AnswerKind>(kind: K, requestId: number | null): Answer<LabState[K][number]> {
  const result = useLab((s) => (requestId === null ? undefined : (s[kind] as Record<number, LabState[K][number]>)[requestId]));
  const progress = useLab((s) => (requestId === null ? undefined : s.progress[requestId]));
  const error = useLab((s) => (requestId === null ? undefined : s.requestErrors[requestId]));
  return { result: result ?? null, progress: result || !progress ? null : progress, error: error ?? null };
}
