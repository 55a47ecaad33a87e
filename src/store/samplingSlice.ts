/**
 * Sampling and tokenization results for the page: the streamed tokens of the current sample
 * (with their top candidates), the draft sampling settings and the last "how it tokenizes" answer.
 * Plain data; the bridge appends tokens as the engine sends them.
 */
import type { StateCreator } from 'zustand';
import type { SampledToken, SampleRequest } from '../worker/protocol.ts';

export type SampleDraft = Omit<SampleRequest, 'requestId'>;

export interface SampleState {
  requestId: number;
  prompt: string;
  tokens: SampledToken[];
  running: boolean;
}

export interface SamplingSlice {
  sample: SampleState | null;
  sampleDraft: SampleDraft;
  tokenized: { text: string; pieces: { id: number; text: string }[] } | null;
  setSampleDraft(patch: Partial<SampleDraft>): void;
}

export const DEFAULT_SAMPLE: SampleDraft = { prompt: 'The', temperature: 0.8, topK: 40, topP: 0.95, seed: 1, maxTokens: 40 };

export const createSamplingSlice: StateCreator<SamplingSlice, [], [], SamplingSlice> = (set) => ({
  sample: null,
  sampleDraft: DEFAULT_SAMPLE,
  tokenized: null,
  setSampleDraft: (patch) => set((s) => ({ sampleDraft: { ...s.sampleDraft, ...patch } })),
});
