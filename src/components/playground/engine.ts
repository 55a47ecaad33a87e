/**
 * The playground's one door to the store and the engine: the checkpoint list, the learner's
 * default models, one sample stream per request, and the requests it sends. Everything else in
 * the playground is props-only presentation.
 */
import { useShallow } from 'zustand/react/shallow';
import { workerLink } from '../../store/bridge.ts';
import { useLab } from '../../store/index.ts';
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

// Ids far above the workshop's, so streams of the two pages never share an id.
let nextRequest = 1_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

/** Sends one sample request for a checkpoint; returns its request id. */
export function sendSample(model: string, s: SampleSettings): number {
  const requestId = nextRequest++;
  workerLink.send({ type: 'sample', requestId, model, ...s });
  return requestId;
}

/** Asks the worker for the checkpoint list (saved and shipped). */
export function refreshCheckpoints(): void {
  workerLink.send({ type: 'ckpt-list' });
}

/** The stream of one request, or null when it is not (or no longer) in the store. */
export function useStream(requestId: number | null): PaneStream | null {
  const st = useLab((s) => s.sample);
  const error = useLab((s) => s.engineErrors.sample);
  if (requestId === null || !st || st.requestId !== requestId) return null;
  return { prompt: st.prompt, tokens: st.tokens, running: st.running, error: st.running ? undefined : error };
}

/** Every checkpoint the worker listed. */
export function useSlots(): SlotInfo[] {
  return useLab((s) => s.slots);
}

/**
 * The learner's base and instruct models: their own when they have trained them, otherwise the
 * shipped ones (by stage in the list).
 */
export function useMyModels(): { base: string | null; instruct: string | null } {
  return useLab(useShallow((s) => ({
    base: s.slots.find((x) => x.shipped && x.stage === 'pretrain')?.id ?? null,
    instruct: s.slots.find((x) => x.shipped && x.stage === 'instruct')?.id ?? null,
  })));
}

export function useGpuState() {
  return useLab((s) => s.gpu);
}

/** True while any of these requests is still streaming. */
export function useAnyRunning(requestIds: readonly (number | null)[]): boolean {
  return useLab((s) => s.sample !== null && s.sample.running && requestIds.includes(s.sample.requestId));
}

/** Checkpoints with a classification head (lesson 2's spam classifiers). */
export function useClassifiers(): SlotInfo[] {
  const slots = useLab((s) => s.slots);
  return slots.filter((s) => s.stage === 'classify');
}

/** Asks a classifier for the class probabilities of a text; returns the request id. */
export function sendClassify(model: string, text: string): number {
  const requestId = nextRequest++;
  workerLink.send({ type: 'classify-text', requestId, model, text });
  return requestId;
}

/** A classifier's answer to one request, or null while it has none. */
export interface ClassAnswer {
  text: string;
  classes: string[];
  probs: number[];
  error?: string;
}

export function useClassAnswer(_requestId: number | null): ClassAnswer | null {
  return null;
}
