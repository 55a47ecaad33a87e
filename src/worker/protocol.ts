/**
 * The typed messages between the page and the engine worker. Plain data only: no GPU objects,
 * no functions, no classes; byte payloads travel as transferable ArrayBuffers. The page sends
 * ToWorker commands and the worker answers with FromWorker events; nothing else crosses.
 */
import type { AdapterReport } from '../gpu/info.ts';
import type { WebGPUUnavailableReason } from '../gpu/device.ts';
import type { Preset } from '../model/config.ts';
import type { Label } from '../data/types.ts';
import type { FreezeChoice } from '../model/finetune.ts';
import type { InstructScores } from '../train/score.ts';
import type { AttentionMaps } from '../train/attention-maps.ts';
import type { ReadAt } from '../train/sources.ts';
import type { KernelLabFromWorker, KernelLabToWorker } from './protocol-kernels.ts';
import type { PrefPair } from '../data/prefs.ts';
import type { MeasureFromWorker, MeasureToWorker } from './protocol-measure.ts';

export type { AdapterReport };
/** 'test' | 'small' | 'medium' | 'large' */
export type PresetId = Preset['id'];

/**
 * Which stage of the lab a run trains. Absent on a run means 'pretrain' (autosaves from before
 * lessons two and three). One run trains at a time; each kind keeps its own autosave slot
 * (AUTOSAVE_IDS), so starting a lesson-2 run does not overwrite the learner's pretraining run.
 */
export type TaskSettings =
  | { kind: 'pretrain' }
  | {
      kind: 'classify';
      /** which parameters train */
      choice: FreezeChoice;
      /** LoRA rank r when choice is 'lora' (alpha = 2r) */
      loraRank: number;
      /** read the class at the last real token (right) or the first (the lesson's experiment) */
      readAt: ReadAt;
      /** the shipped spam set, or the learner's upload (the datasets slice's current upload) */
      dataset: 'spam' | 'upload';
      /** the learner's own everyday messages, scored with the shipped ones when the run finishes */
      mine?: MyMessage[];
    }
  | {
      kind: 'instruct';
      /** leave prompt tokens out of the loss (the lesson's toggle) */
      maskPrompt: boolean;
      /** train LoRA adapters only, on all four matmuls of every block */
      lora: boolean;
      loraRank: number;
      dataset: 'instruct' | 'upload';
      /** when the run finishes, score it and its start model on this many test instructions (absent: not scored) */
      score?: InstructScoring;
    }
  | {
      kind: 'prefer';
      /** DPO's preference strength and the chosen answers' NLL weight (src/model/dpo.ts DpoSettings) */
      beta: number;
      nll: number;
      /** pretraining replay: rows of pretraining text (the page's corpus and biographies, mixed as pretraining mixes them) under each step's pairs; absent or 0: none */
      replay?: number;
      /** weight of the replay rows' mean token NLL (absent: 1) */
      replayWeight?: number;
      lora: boolean;
      loraRank: number;
      /** the world's pairs (world-prefs.jsonl) or the learner's upload */
      dataset: 'world' | 'upload';
      /** pairs the learner made by hand, trained beside the dataset's */
      extra?: PrefPair[];
      /** when the run finishes, score it and its start model (the world rows: held-out known and unknown people) */
      score?: InstructScoring;
    };
export type TaskKind = TaskSettings['kind'];

/** The autosave slot of each kind of run. */
export const AUTOSAVE_IDS: Record<TaskKind, string> = { pretrain: 'autosave', classify: 'autosave:classify', instruct: 'autosave:instruct', prefer: 'autosave:prefer' };

/**
 * Which model a request runs on: the current run's model, or a checkpoint by slot id. Shipped
 * checkpoints (public/models/manifest.json) have ids starting with SHIPPED_PREFIX and appear in the
 * 'checkpoints' list with `shipped: true`; they load by fetch, nothing is copied to IndexedDB.
 */
export type ModelRef = 'run' | string;
export const SHIPPED_PREFIX = 'shipped:';
/** The shipped base model (public/models/base-small.safetensors), the lessons' default start. */
export const SHIPPED_BASE = 'shipped:base-small';
/** The shipped instruction-tuned model, the playground's default right pane. */
export const SHIPPED_INSTRUCT = 'shipped:instruct-small';

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
  /** what the run trains; absent = pretraining */
  task?: TaskSettings;
  /** pretraining: expected fraction of rows drawn from the made-up world's biographies (absent: src/train/mix.ts DEFAULT_BIO_MIX) */
  bioMix?: number;
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
  /** preference runs: the DPO figures of the read-back step (margin and rewards in nats x beta; log-probabilities summed over each answer) */
  dpo?: { margin: number; chosen: number; rejected: number; dpoLoss: number; nll: number; accuracy: number; replay?: number };
}

/** One validation pass. */
export interface EvalPoint {
  step: number;
  tokens: number;
  /** mean validation cross-entropy, in nats */
  valLoss: number;
  /** classification runs: fraction in [0, 1] right on the validation split */
  valAccuracy?: number;
  /** classification runs: fraction right on the training batches since the last evaluation */
  trainAccuracy?: number;
  /** pretraining runs: the "facts the model knows" probe at this step (src/train/probe.ts) */
  facts?: FactsPoint;
}

/** The facts probe at one step: fractions in [0, 1] of the facts known, for known and unknown people. */
export interface FactsPoint {
  known: number;
  unknown: number;
  /** facts asked per side */
  n: number;
  /** what guessing scores: 1 / candidates */
  chance: number;
}

/** A classifier's scores on one split (lesson 2). Rows of `confusion` are the true class. */
/** A message the learner wrote and labelled, added to the everyday split (kept in their browser). */
export interface MyMessage {
  label: Label;
  text: string;
}

export interface ClassReport {
  /** the spam set's validation or test split, or the everyday messages written for the lab (and the learner's own) */
  split: 'validation' | 'test' | 'everyday';
  classes: string[];
  n: number;
  /** of n, the learner's own messages (the everyday split only) */
  mine?: number;
  accuracy: number;
  confusion: number[][];
  perClass: { precision: number; recall: number }[];
  /** null for the prompted base model (no head, nothing trained) */
  trainableParams: number | null;
  totalParams: number;
  /** training wall time of the run, seconds (0 for the prompted baseline) */
  seconds: number;
}

/** A model's scores on held-out instructions (lesson 3): the type src/train/score.ts returns. */
export type { InstructScores };

/** How lesson 3 scores a model: greedy answers of at most maxTokens to `limit` held-out instructions, seeded. */
export interface InstructScoring {
  limit: number;
  maxTokens: number;
  seed: number;
  /** only the families whose name starts with one of these ("world": the made-up world's rows); all when absent */
  families?: string[];
  /** score the world questions about these people in the in-pairs row (lesson 4: the people its pairs named as known) */
  pairedPeople?: string[];
}

/**
 * What a finished run of any kind reports: what its lesson shows at the end, and what the runs
 * table files (store/runsSlice.ts fileRunReport).
 */
export type RunReport = {
  settings: RunSettings;
  /** the checkpoint it started from */
  parent?: string;
  /** steps done */
  step: number;
  /** training wall time, seconds */
  seconds: number;
  params?: { trainable: number; total: number };
} & (
  | { kind: 'pretrain'; loss: number | null; valLoss: number | null }
  /** a classifier's scores on the test split */
  | { kind: 'classify'; test: ClassReport; everyday: ClassReport | null }
  /** the tuned model's scores and its start model's on the same instructions (null: not scored) */
  | { kind: 'instruct'; scores: InstructScores | null; baseScores: InstructScores | null }
  /** a preference run: the same, on the world's rows (before = its start model) */
  | { kind: 'prefer'; scores: InstructScores | null; baseScores: InstructScores | null }
);

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
  /** a checkpoint shipped with the lab (read-only: cannot be deleted) */
  shipped?: boolean;
  /** the stage that made it, from its info: 'pretrain' | 'classify' | 'instruct' (absent: unknown) */
  stage?: TaskKind;
  /** the checkpoint it was finetuned from (slot id or file name), for the lineage drawing */
  parent?: string;
}

/** What the training side of the worker is doing. */
export type RunStatus = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'diverged' | 'recovering';

export interface RunState {
  status: RunStatus;
  settings: RunSettings | null;
  step: number;
  tokens: number;
  /** trainable and total parameters of the run's model (finetuning freezes some) */
  params?: { trainable: number; total: number };
  /** the checkpoint the run started from (slot id), absent for a run from scratch */
  parent?: string;
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
  /** which model samples (default 'run') */
  model?: ModelRef;
  /** wrap the prompt in the instruction template (src/train/prompt.ts) before sampling */
  template?: boolean;
}

/** Where an error belongs, so the page can show it next to the control that caused it. */
export type ErrorScope = 'train' | 'sample' | 'tokenize' | 'checkpoint' | 'upload' | 'data' | 'classify' | 'score' | 'kernel' | 'measure' | 'attention';

export type ToWorker =
  /** baseUrl: the page's base (the worker's own URL is under assets/), for the shipped data */
  | { type: 'init'; baseUrl?: string }
  /** fromSlot: a saved or shipped checkpoint to start from (finetuning runs need one) */
  | { type: 'start'; settings: RunSettings; fromSlot?: string }
  /** bring back the autosaved run of this kind as the current run (paused) */
  | { type: 'restore'; kind: TaskKind }
  /**
   * the learner's own data for a finetuning kind (the text of a .csv/.tsv or .jsonl/.json file), used
   * by runs whose task has dataset 'upload'; answered with 'dataset-ready', or an 'error' of scope
   * 'data' naming file, line and field. Rows without a split get one (80/10/10).
   */
  | { type: 'dataset-upload'; kind: 'classify' | 'instruct' | 'prefer'; name: string; text: string }
  /** spam probability of a text under a classifier */
  | { type: 'classify-text'; requestId: number; text: string; model: ModelRef }
  /** a classifier's (or, for a model without a head, the prompted base model's) scores on a split */
  | { type: 'class-report'; requestId: number; model: ModelRef; split: ClassReport['split']; limit?: number; mine?: MyMessage[] }
  /** the attention weights of every head of every layer for `prompt`'s tokens followed by `ids` (a sampled answer) */
  | { type: 'attention'; requestId: number; model: ModelRef; prompt: string; ids?: number[] }
  /** format adherence and per-family scores of a model on held-out instructions (greedy, seeded) */
  | { type: 'score-instruct'; requestId: number; model: ModelRef; limit: number; maxTokens: number; seed: number; families?: string[] }
  | { type: 'pause' }
  | { type: 'resume' }
  /**
   * stops and forgets the current run and its autosave; with `kind`, only a run of that kind: when
   * the current run is another kind it keeps training and only that kind's autosave is deleted
   */
  | { type: 'reset'; kind?: TaskKind }
  | { type: 'evaluate' }
  | ({ type: 'sample' } & SampleRequest)
  | { type: 'tokenize'; text: string }
  | { type: 'ckpt-save'; name: string }
  | { type: 'ckpt-list' }
  | { type: 'ckpt-delete'; id: string }
  | { type: 'ckpt-download'; id: string }
  | { type: 'ckpt-upload'; name: string; bytes: ArrayBuffer }
  /** Destroys the GPUDevice to exercise loss recovery; only the e2e test sends it. */
  | { type: 'debug-lose-device' }
  | KernelLabToWorker
  | MeasureToWorker;

export type FromWorker =
  | { type: 'gpu-ready'; report: AdapterReport; selfTest: { n: number; maxAbsDiff: number; ms: number }; kernels: KernelReport }
  | { type: 'gpu-unavailable'; reason: WebGPUUnavailableReason; message: string }
  | { type: 'gpu-lost'; reason: string; message: string }
  | { type: 'gpu-error'; message: string }
  | { type: 'data-progress'; phase: 'fetch' | 'encode'; done: number; total: number }
  | { type: 'data-ready'; trainTokens: number; valTokens: number; vocabSize: number }
  /** an uploaded finetuning set passed validation: items per split */
  | { type: 'dataset-ready'; kind: 'classify' | 'instruct' | 'prefer'; name: string; counts: { train: number; val: number; test: number } }
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
  | { type: 'class-probs'; requestId: number; text: string; classes: string[]; probs: number[] }
  | { type: 'class-report'; requestId: number; model: ModelRef; report: ClassReport }
  /**
   * a run finished (or a finished run came back from its autosave: `restored`, already filed) with
   * the report its lesson shows
   */
  | { type: 'run-report'; report: RunReport; restored: boolean }
  /** progress of a long request (scoring, reports): done of total items */
  | { type: 'progress'; requestId: number; done: number; total: number; what: string }
  | { type: 'instruct-scores'; requestId: number; model: ModelRef; scores: InstructScores }
  /** the tokens as text and their attention weights, from the model's forward pass (train/attention-maps.ts) */
  | ({ type: 'attention'; requestId: number; model: ModelRef; tokens: string[] } & AttentionMaps)
  | { type: 'error'; scope: ErrorScope; message: string; requestId?: number }
  | { type: 'notice'; message: string }
  | KernelLabFromWorker
  | MeasureFromWorker;

/** Which kernel versions the engine runs on this adapter, and why: shown on the "Your GPU" panel. */
export interface KernelReport {
  matmul: string;
  rows: string;
  why: string;
}

export type * from './protocol-kernels.ts';
export type * from './protocol-measure.ts';
