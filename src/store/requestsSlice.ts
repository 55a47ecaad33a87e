/**
 * Answers to the page's requests on any model, kept by request id so several panes and panels can
 * wait on their own at once: streamed samples, class probabilities, class reports, instruction
 * scores, attention weights, progress of long
 * requests and their errors; plus the learner's uploaded finetuning sets as the engine accepted
 * them. Plain data; only the bridge writes it (and forgetRequest). At most MAX_REQUESTS ids are
 * kept per kind of answer, the oldest dropped.
 */
import type { StateCreator } from 'zustand';
import type { ClassReport, InstructScores, ModelRef, SampledToken } from '../worker/protocol.ts';
import type { AttentionMaps } from '../train/attention-maps.ts';

/** Answers kept per kind (older request ids are dropped). */
export const MAX_REQUESTS = 40;

export interface SampleStream {
  requestId: number;
  prompt: string;
  model: ModelRef;
  tokens: SampledToken[];
  running: boolean;
  /** set when the request failed */
  error?: string;
}

export interface RequestProgress {
  done: number;
  total: number;
  what: string;
}

export interface RequestsSlice {
  /** streamed samples by request id (samplingSlice's sampleId names the workshop's) */
  samples: Record<number, SampleStream>;
  classProbs: Record<number, { text: string; classes: string[]; probs: number[] }>;
  classReports: Record<number, { model: ModelRef; report: ClassReport }>;
  instructScores: Record<number, { model: ModelRef; scores: InstructScores }>;
  /** attention weights of a text under a model, with its tokens as text */
  attention: Record<number, { model: ModelRef; tokens: string[] } & AttentionMaps>;
  progress: Record<number, RequestProgress>;
  /** requests that failed: the message */
  requestErrors: Record<number, string>;
  /** the learner's finetuning sets the engine accepted (items per split) */
  uploads: Partial<Record<'classify' | 'instruct' | 'prefer', { name: string; counts: { train: number; val: number; test: number } }>>;
  /** drops everything kept for one request id (a pane closed) */
  forgetRequest(requestId: number): void;
}

/** `rec` with `id` set to `value`, keeping at most MAX_REQUESTS ids (the smallest, i.e. oldest, dropped). */
export function putCapped<V>(rec: Record<number, V>, id: number, value: V, max = MAX_REQUESTS): Record<number, V> {
  const next = { ...rec, [id]: value };
  const ids = Object.keys(next).map(Number).sort((a, b) => a - b);
  for (const k of ids.slice(0, Math.max(0, ids.length - max))) delete next[k];
  return next;
}

function without<V>(rec: Record<number, V>, id: number): Record<number, V> {
  if (!(id in rec)) return rec;
  const next = { ...rec };
  delete next[id];
  return next;
}

export const createRequestsSlice: StateCreator<RequestsSlice, [], [], RequestsSlice> = (set) => ({
  samples: {},
  classProbs: {},
  classReports: {},
  instructScores: {},
  attention: {},
  progress: {},
  requestErrors: {},
  uploads: {},
  forgetRequest: (id) =>
    set((s) => ({
      samples: without(s.samples, id),
      classProbs: without(s.classProbs, id),
      classReports: without(s.classReports, id),
      instructScores: without(s.instructScores, id),
      attention: without(s.attention, id),
      progress: without(s.progress, id),
      requestErrors: without(s.requestErrors, id),
    })),
});
