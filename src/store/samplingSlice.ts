/**
 * Sampling and tokenization for the page: which sample request is the workshop's (its tokens stream
 * into requestsSlice's samples[id] like every other request's), the draft sampling settings and the
 * last "how it tokenizes" answer. Plain data; the bridge writes it.
 */
import type { StateCreator } from 'zustand';
import type { SampleRequest } from '../worker/protocol.ts';

export type SampleDraft = Omit<SampleRequest, 'requestId'>;

export interface SamplingSlice {
  /** the latest sample request (the workshop's sample panel shows samples[sampleId]) */
  sampleId: number | null;
  sampleDraft: SampleDraft;
  tokenized: { text: string; pieces: { id: number; text: string }[] } | null;
  setSampleDraft(patch: Partial<SampleDraft>): void;
}

export const DEFAULT_SAMPLE: SampleDraft = { prompt: 'The', temperature: 0.8, topK: 40, topP: 0.95, seed: 1, maxTokens: 40 };

export const createSamplingSlice: StateCreator<SamplingSlice, [], [], SamplingSlice> = (set) => ({
  sampleId: null,
  sampleDraft: DEFAULT_SAMPLE,
  tokenized: null,
  setSampleDraft: (patch) => set((s) => ({ sampleDraft: { ...s.sampleDraft, ...patch } })),
});
