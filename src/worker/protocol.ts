/**
 * The typed messages between the page and the engine worker. Plain data only: no GPU objects,
 * no functions, no classes; byte payloads travel as transferable ArrayBuffers. The page sends
 * ToWorker commands and the worker answers with FromWorker events; nothing else crosses.
 */
import type { AdapterReport } from '../gpu/info.ts';
import type { WebGPUUnavailableReason } from '../gpu/device.ts';
import type { Preset } from '../model/config.ts';

export type { AdapterReport };
/** 'test' | 'small' | 'medium' | 'large' */
export type PresetId = Preset['id'];

/** What one training run is asked to do (kept with its checkpoints so a reload resumes it). */
export interface RunSettings {
  preset: PresetId;
  /** optimizer steps of the whole run */
  steps: number;
  /** peak learning rate */
  lr: number;
  seed: number;
  /** sequences per step (B) */
  batch: number;
}

/** One read-back of the training loss (the Trainer reads it every logEvery steps). */
export interface MetricPoint {
  step: number;
  /** tokens trained on so far */
  tokens: number;
  /** mean cross-entropy of the steps since the last read-back, in nats */
  loss: number;
  lr: number;
  tokensPerSec: number;
  msPerStep: number;
}

/** One validation pass. */
export interface EvalPoint {
  step: number;
  tokens: number;
  /** mean validation cross-entropy, in nats */
  valLoss: number;
}

/** A saved checkpoint, as the list shows it (the bytes stay in IndexedDB). */
export interface SlotInfo {
  id: string;
  name: string;
  /** Date.now() when saved */
  savedAt: number;
  bytes: number;
  step: number;
  preset: string;
  /** true for the run's automatic save (every N steps and at pause) */
  auto: boolean;
}

/** What the training side of the worker is doing. */
export type RunStatus = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'diverged' | 'recovering';

export interface RunState {
  status: RunStatus;
  settings: RunSettings | null;
  step: number;
  tokens: number;
}

/** A sampled token with the most likely candidates it was chosen from. */
export interface SampledToken {
  id: number;
  text: string;
  prob: number;
  top: { id: number; text: string; prob: number }[];
}

export interface SampleRequest {
  /** chosen by the page, echoed on every event of this request */
  requestId: number;
  prompt: string;
  temperature: number;
  topK: number;
  topP: number;
  seed: number;
  maxTokens: number;
}

/** Where an error belongs, so the page can show it next to the control that caused it. */
export type ErrorScope = 'train' | 'sample' | 'tokenize' | 'checkpoint' | 'upload' | 'data';

export type ToWorker =
  /** baseUrl: the page's base (the worker's own URL is under assets/), for the shipped data */
  | { type: 'init'; baseUrl?: string }
  | { type: 'start'; settings: RunSettings; fromSlot?: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'reset' }
  | { type: 'evaluate' }
  | ({ type: 'sample' } & SampleRequest)
  | { type: 'tokenize'; text: string }
  | { type: 'ckpt-save'; name: string }
  | { type: 'ckpt-list' }
  | { type: 'ckpt-delete'; id: string }
  | { type: 'ckpt-download'; id: string }
  | { type: 'ckpt-upload'; name: string; bytes: ArrayBuffer }
  /** Destroys the GPUDevice to exercise loss recovery; only the e2e test sends it. */
  | { type: 'debug-lose-device' };

export type FromWorker =
  | { type: 'gpu-ready'; report: AdapterReport; selfTest: { n: number; maxAbsDiff: number; ms: number }; kernels: KernelReport }
  | { type: 'gpu-unavailable'; reason: WebGPUUnavailableReason; message: string }
  | { type: 'gpu-lost'; reason: string; message: string }
  | { type: 'gpu-error'; message: string }
  | { type: 'data-progress'; phase: 'fetch' | 'encode'; done: number; total: number }
  | { type: 'data-ready'; trainTokens: number; valTokens: number; vocabSize: number }
  | { type: 'run-state'; state: RunState }
  /** a run's whole history, sent when a saved run is restored (replaces what the page holds) */
  | { type: 'history'; metrics: MetricPoint[]; evals: EvalPoint[] }
  /** new points since the last batch (at most one message every ~200 ms) */
  | { type: 'metrics'; metrics: MetricPoint[]; evals: EvalPoint[] }
  | { type: 'sample-token'; requestId: number; token: SampledToken }
  | { type: 'sample-done'; requestId: number }
  | { type: 'tokens'; text: string; pieces: { id: number; text: string }[] }
  | { type: 'checkpoints'; slots: SlotInfo[] }
  | { type: 'download'; name: string; bytes: ArrayBuffer }
  | { type: 'error'; scope: ErrorScope; message: string }
  | { type: 'notice'; message: string };

/** Which kernel versions the engine runs on this adapter, and why: shown on the "Your GPU" panel. */
export interface KernelReport {
  matmul: string;
  rows: string;
  why: string;
}
