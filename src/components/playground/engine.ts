/**
 * The playground's one door to the store and the engine (through the store's api.ts): the
 * checkpoint list, the learner's default models, one sample stream per request, and the requests
 * it sends. Everything else in the playground is props-only presentation.
 */
import { useShallow } from 'zustand/react/shallow';
import { classifyText, forgetRequest, myModel, sampleFrom, selectClassProbs, selectRequestError, selectSample } from '../../store/api.ts';
import { workerLink } from '../../store/bridge.ts';
import { useLab, type LabState } from '../../store/index.ts';
import type { PaneStream } from './Pane.tsx';
import type { SlotInfo } from './types.ts';

/** The sampling part of a request: everything but the id and the model. */
export interface SampleSettings {
  prompt: string;
  temperature: number;
  topK: number;
  topP: number;
  maxTokens: number;
  seed: number;
  template: boolean;
}

/** Sends one sample request for a checkpoint; returns its request id. */
export function sendSample(model: string, s: SampleSettings): number {
  return sampleFrom(model, s);
}

/** Drops the answers the store keeps for requests the page no longer shows. */
export function forgetRequests(ids: readonly (number | null)[]): void {
  for (const id of ids) if (id !== null) forgetRequest(id);
}

/** Asks the worker for the checkpoint list (saved and shipped). */
export function refreshCheckpoints(): void {
  workerLink.send({ type: 'ckpt-list' });
}

/** The stream of one request, or null when it is not (or no longer) in the store. */
export function useStream(requestId: number | null): PaneStream | null {
  const st = useLab(selectSample(requestId));
  if (!st) return null;
  return { model: st.model, prompt: st.prompt, tokens: st.tokens, running: st.running, error: st.error };
}

/** True while any of these requests is still streaming. */
export function useAnyRunning(requestIds: readonly (number | null)[]): boolean {
  return useLab((s) => requestIds.some((id) => id !== null && s.samples[id]?.running === true));
}

/** Every checkpoint the worker listed. */
export function useSlots(): SlotInfo[] {
  return useLab((s) => s.slots);
}

/** The first listed checkpoint of a stage, shipped ones first. */
const firstOf = (s: LabState, stage: SlotInfo['stage']) =>
  (s.slots.find((x) => x.shipped && x.stage === stage) ?? s.slots.find((x) => x.stage === stage))?.id ?? null;

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

export function useGpuState() {
  return useLab((s) => s.gpu);
}

/** Checkpoints with a classification head (lesson 2's spam classifiers), the learner's own first. */
export function useClassifiers(): SlotInfo[] {
  const slots = useLab((s) => s.slots);
  const mine = useLab((s) => myModel(s, 'classifier'));
  const all = slots.filter((s) => s.stage === 'classify');
  return [...all.filter((s) => s.id === mine), ...all.filter((s) => s.id !== mine)];
}

/** Asks a classifier for the class probabilities of a text; returns the request id. */
export function sendClassify(model: string, text: string): number {
  return classifyText(model, text);
}

/** A classifier's answer to one request, or null while it has none. */
export interface ClassAnswer {
  classes: string[];
  probs: number[];
  error?: string;
}

export function useClassAnswer(requestId: number | null): ClassAnswer | null {
  const probs = useLab(selectClassProbs(requestId));
  const error = useLab(selectRequestError(requestId));
  if (error) return { classes: [], probs: [], error };
  return probs ? { classes: probs.classes, probs: probs.probs } : null;
}
