/**
 * One training run in the page's engine, of any kind (pretraining, spam classification,
 * instruction tuning: steppers.ts holds the loop of each): builds the model from a checkpoint
 * (fresh, autosaved, uploaded, or a finetuning start with its new tensors), trains it in slices
 * between which it can pause, evaluate or autosave, and keeps the run's metric history. The
 * autosave (weights, AdamW moments, settings, history, lineage) goes to the kind's own slot
 * (AUTOSAVE_IDS) every AUTOSAVE_EVERY steps and at every pause, so a reload, a lost device or a
 * diverged loss falls back to it, and a lesson-2 run never overwrites the learner's pretraining.
 * A run that finishes posts one 'run-report' with what its lesson shows at the end (reports.ts).
 * Talks to the page only through `post`.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { presetDoesNotFit } from '../model/config.ts';
import type { GPUModel } from '../model/gpt.ts';
import { parameterCounts } from '../model/finetune.ts';
import { gptParamSpecs, type ParamOptions } from '../model/params.ts';
import { defaultKernelChoice, type KernelChoice } from '../model/passes.ts';
import { instructionLengths } from '../train/batches.ts';
import { saveCheckpoint, type Checkpoint } from '../train/checkpoint.ts';
import { checkpointFromModel, modelFromCheckpoint } from '../train/model-io.ts';
import { planInfo, planOptions } from '../train/finetune-setup.ts';
import { DEFAULT_BIO_MIX } from '../train/mix.ts';
import { DivergedError } from '../train/trainer.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import { MetricBatcher } from './batcher.ts';
import type { Corpus } from './data.ts';
import { runReport } from './reports.ts';
import { buildReference, preferShape } from './prefer.ts';
import { AUTOSAVE_IDS, type AdapterReport, type ClassReport, type InstructScores, type MyMessage, type InstructScoring, type RunReport, type EvalPoint, type FromWorker, type MetricPoint, type RunSettings, type RunStatus, type SlotInfo, type TaskKind } from './protocol.ts';
import { freshCheckpoint, kindOf, planOf, presetFor, readRunInfo, runInfo, trainSettings } from './settings.ts';

export { freshCheckpoint, planOf };
import type { SlotStore } from './slots.ts';
import { makeStepper, type RunData, type Stepper } from './steppers.ts';

/** The pretraining run's autosave slot (AUTOSAVE_IDS.pretrain). */
export const AUTOSAVE_ID = AUTOSAVE_IDS.pretrain;
export const AUTOSAVE_EVERY = 50;
const AUTOSAVE_NAMES: Record<TaskKind, string> = { pretrain: 'Autosave', classify: 'Autosave (classifier)', instruct: 'Autosave (instruction tuning)', prefer: 'Autosave (preference tuning)' };

/** The GPU side the run needs; replaced after a device loss. */
export interface Gpu {
  device: GPUDevice;
  cache: PipelineCache;
  isFallback: boolean;
  /** the kernels this device runs (measured on real GPUs: engine.worker.ts); the adapter's defaults when absent */
  kernels?: KernelChoice;
  /** what the adapter reports (absent in tests that build a Gpu by hand) */
  report?: AdapterReport;
}

/** The kernels models on `gpu` are built with. */
export function kernelsOf(gpu: Gpu): KernelChoice {
  return gpu.kernels ?? defaultKernelChoice(gpu.isFallback);
}

export class Run {
  status: RunStatus = 'paused';
  model: GPUModel | undefined;
  trainer: Stepper | undefined;
  metrics: MetricPoint[] = [];
  evals: EvalPoint[] = [];
  readonly kind: TaskKind;
  /** the checkpoint the run started from (slot id), absent for a run from scratch */
  readonly parent: string | undefined;
  /** trainable and total parameters of the model (set by build) */
  params: { trainable: number; total: number } | undefined;
  /** training wall time so far, seconds */
  seconds = 0;
  /** the checkpoint list sent after each autosave (the worker adds the shipped ones) */
  listSlots: () => Promise<SlotInfo[]> = () => this.slots.list();
  /**
   * Scores a finished instruction run and the model it started from (the worker supplies it: it
   * needs the instruction set and the checkpoints); without it the report carries no scores.
   */
  scoreFinished: ((run: Run, s: InstructScoring) => Promise<{ scores: InstructScores; baseScores: InstructScores | null }>) | undefined;
  /** a preference run's frozen reference, its start model (the worker sets it before build) */
  reference: Checkpoint | undefined;
  /** Scores a finished classifier on the everyday messages and the learner's own (the worker supplies it, as above). */
  everydayFinished: ((run: Run, mine: readonly MyMessage[]) => Promise<ClassReport>) | undefined;
  private pauseWanted = false;
  /** the learner wants it training (survives a device loss, which stops the loop by itself) */
  private wantTraining = false;
  private evalWanted = false;
  private loop: Promise<void> | undefined;
  /** bumped when the device is replaced, so a loop that failed on the old device stays quiet */
  private epoch = 0;
  private readonly batcher: MetricBatcher;

  readonly settings: RunSettings;
  private readonly data: RunData;

  constructor(
    settings: RunSettings,
    data: RunData,
    private readonly slots: SlotStore,
    private readonly post: (m: FromWorker) => void,
    /** the checkpoint the model is built from (and falls back to) */
    private start: Checkpoint,
    parent?: string,
  ) {
    // Pretraining mixes in the world's biographies: the mix goes into the settings, so every
    // autosave records it and a resumed run draws the same batches.
    if (data.kind === 'pretrain' && kindOf(settings) === 'pretrain') {
      settings = { ...settings, bioMix: settings.bioMix ?? (data.corpus.bios ? DEFAULT_BIO_MIX : 0) };
      data = { ...data, bioMix: settings.bioMix };
    }
    this.settings = settings;
    this.data = data;
    this.kind = kindOf(settings);
    // The run's state rides with each metric batch, so a fast GPU never floods the page.
    this.batcher = new MetricBatcher((metrics, evals) => {
      this.post({ type: 'metrics', metrics, evals });
      this.postState();
    });
    const info = readRunInfo(start.info, start.optimizer?.step ?? 0, settings);
    this.metrics = info.metrics;
    this.evals = info.evals;
    this.parent = parent ?? info.parent;
    this.seconds = info.seconds ?? 0;
  }

  /** The run of the page's pretraining corpus (the workshop's run). */
  static pretrain(settings: RunSettings, corpus: Corpus, slots: SlotStore, post: (m: FromWorker) => void, start: Checkpoint, parent?: string): Run {
    return new Run(settings, { kind: 'pretrain', corpus }, slots, post, start, parent);
  }

  get step(): number {
    return this.trainer?.step ?? this.start.optimizer?.step ?? 0;
  }

  get tokens(): number {
    return this.trainer?.tokens ?? readRunInfo(this.start.info, this.step, this.settings).tokensSeen;
  }

  postState(status: RunStatus = this.status): void {
    this.status = status;
    this.post({ type: 'run-state', state: { status, settings: this.settings, step: this.step, tokens: this.tokens, params: this.params, parent: this.parent } });
  }

  /** The tokenizer of the run's model. */
  get tokenizer(): Tokenizer {
    return this.start.tokenizer;
  }

  /** What a checkpoint of the run would say about the model (finetuning choices, training time). */
  get info(): Record<string, unknown> {
    const plan = planOf(this.settings.task);
    return { stage: this.kind, seconds: Math.round(this.seconds), ...(plan ? { finetune: planInfo(plan) } : {}) };
  }

  /** The model options of this run: a finetuning run's head, LoRA and frozen list. */
  private modelOptions(): ParamOptions {
    const plan = planOf(this.settings.task);
    return plan ? planOptions(plan, this.start) : {};
  }

  /** Builds the model on `gpu` from the start checkpoint; throws when the preset does not fit. */
  async build(gpu: Gpu): Promise<void> {
    const why = presetDoesNotFit({ ...presetFor(this.settings), config: this.start.config }, gpu.device.limits);
    if (why) throw new Error(why);
    const task = this.settings.task;
    const T = this.start.config.blockSize;
    const ts = trainSettings(this.settings);
    const opts = this.modelOptions();
    this.params = parameterCounts(gptParamSpecs(this.start.config, opts));
    const model = await modelFromCheckpoint(gpu.device, gpu.cache, this.start, {
      ...opts, batchSize: this.settings.batch, seqLen: T, gradClip: ts.gradClip, kernels: kernelsOf(gpu),
      // instruction batches (and preference pairs) of short examples run fewer columns (batches.ts instructionBatch)
      seqLens: task?.kind === 'instruct' || task?.kind === 'prefer' ? instructionLengths(T) : undefined,
      ...(task?.kind === 'prefer' ? preferShape(task, this.settings.batch) : {}),
    });
    const step = this.start.optimizer?.step ?? 0;
    let reference: GPUModel | undefined;
    try {
      if (task?.kind === 'prefer') reference = await buildReference(gpu.device, gpu.cache, this.reference ?? this.start, model);
      this.trainer = makeStepper(model, this.start.tokenizer, this.data, task ?? { kind: 'pretrain' }, ts, step, readRunInfo(this.start.info, step, this.settings).tokensSeen, reference);
    } catch (e) {
      reference?.destroy();
      model.destroy();
      throw e;
    }
    this.model = model;
  }

  /** What the data holds (examples per split), for a notice when the run starts. */
  get dataNote(): string {
    return this.trainer?.dataNote ?? '';
  }

  /** The current weights and moments as a checkpoint, with the run's settings and history. */
  async snapshot(): Promise<Checkpoint> {
    const t = this.trainer!;
    const plan = planOf(this.settings.task);
    const info: Record<string, unknown> = { ...runInfo(this.settings, t.step, t.tokens, this.metrics, this.evals, { parent: this.parent, seconds: Math.round(this.seconds) }) };
    if (plan) info.finetune = planInfo(plan);
    return checkpointFromModel(this.model!, this.start.tokenizer, info, t.step);
  }

  /** Saves the run to the autosave slot; it becomes the point a lost device falls back to. */
  async autosave(): Promise<void> {
    // A pause between read-backs has not checked the last steps' loss: never save weights that diverged.
    const { loss } = await this.model!.readLoss();
    if (!Number.isFinite(loss)) throw new DivergedError(this.step, loss);
    const ck = await this.snapshot();
    const bytes = saveCheckpoint(ck);
    // Kept in memory too: a lost device rebuilds from it even when storage failed.
    this.start = ck;
    try {
      await this.slots.put({
        id: AUTOSAVE_IDS[this.kind], name: AUTOSAVE_NAMES[this.kind], savedAt: Date.now(), bytes: bytes.length, step: ck.optimizer!.step, preset: this.settings.preset, auto: true,
        stage: this.kind, ...(this.parent !== undefined ? { parent: this.parent } : {}),
      }, bytes);
      this.post({ type: 'checkpoints', slots: await this.listSlots() });
    } catch (e) {
      // Storage full or blocked: training goes on, but a reload would lose the run. Say so.
      this.post({ type: 'error', scope: 'checkpoint', message: `The autosave at step ${ck.optimizer!.step} could not be stored (${(e as Error).message}); download a checkpoint to keep this run.` });
    }
  }

  /** Trains until done or paused (in slices, autosaving between them). Resolves when it stops. */
  train(): Promise<void> {
    if (this.loop) return this.loop;
    this.pauseWanted = false;
    this.wantTraining = true;
    const epoch = this.epoch;
    this.loop = this.trainLoop(epoch).finally(() => {
      if (epoch === this.epoch) this.loop = undefined;
    });
    return this.loop;
  }

  private async trainLoop(epoch: number): Promise<void> {
    const t = this.trainer!;
    this.postState('training');
    let t0 = performance.now();
    const clock = () => {
      this.seconds += (performance.now() - t0) / 1000;
      t0 = performance.now();
    };
    try {
      if (t.step === 0) await this.autosave();
      while (t.step < this.settings.steps && !this.pauseWanted) {
        const nextSave = (Math.floor(t.step / AUTOSAVE_EVERY) + 1) * AUTOSAVE_EVERY;
        await t.run({
          onMetric: (p) => {
            this.metrics.push(p);
            this.batcher.metric(p);
          },
          onEval: (p) => this.addEval(p),
          shouldStop: () => this.pauseWanted || this.evalWanted || t.step >= nextSave,
        });
        if (epoch !== this.epoch) return;
        clock();
        if (this.evalWanted) await this.evaluate();
        if (t.step >= nextSave || this.pauseWanted || t.step >= this.settings.steps) await this.autosave();
      }
      this.batcher.flush();
      this.wantTraining = false;
      const finished = t.step >= this.settings.steps;
      if (finished) await this.postReport();
      this.postState(finished ? 'done' : 'paused');
    } catch (e) {
      // A destroyed device fails the next read-back before its `lost` promise settles: wait a
      // moment for it, and if the device went away, stay quiet and let recover() carry on.
      const device = this.model?.device;
      const lost = device && (await Promise.race([device.lost.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))]));
      if (lost || epoch !== this.epoch) return;
      this.wantTraining = false;
      this.batcher.flush();
      if (e instanceof DivergedError) {
        this.postState('diverged');
        this.post({ type: 'error', scope: 'train', message: `${e.message} Training stopped; the last autosave (step ${this.start.optimizer?.step ?? 0}) is kept: load it from the list or reset.` });
      } else {
        this.postState('paused');
        this.post({ type: 'error', scope: 'train', message: `Training stopped: ${(e as Error).message ?? e}` });
      }
    }
  }

  /** What the finished run's lesson shows at the end (reports.ts). */
  async report(): Promise<RunReport> {
    const score = this.scoreFinished;
    const everyday = this.everydayFinished;
    return runReport(this, this.trainer!, score ? (s) => score(this, s) : undefined, everyday ? (mine) => everyday(this, mine) : undefined);
  }

  /** Posts the run's report; `restored`: a finished run back from its autosave (the page filed it before). */
  async postReport(restored = false): Promise<void> {
    try {
      this.post({ type: 'run-report', report: await this.report(), restored });
    } catch (e) {
      this.post({ type: 'error', scope: 'score', message: `The finished run could not be scored: ${(e as Error).message ?? e}` });
    }
  }

  private addEval(p: EvalPoint): void {
    this.evals.push(p);
    this.batcher.evalPoint(p);
  }

  /** Asks the loop to stop after the current step and waits for it (it autosaves on the way out). */
  async pause(): Promise<void> {
    this.pauseWanted = true;
    this.wantTraining = false;
    await this.loop;
  }

  /** A validation pass now (between steps when training). */
  async evaluate(): Promise<void> {
    if (this.loop && !this.evalWanted) {
      this.evalWanted = true;
      return;
    }
    this.evalWanted = false;
    this.addEval(await this.trainer!.evaluate());
    this.batcher.flush();
  }

  /**
   * After a device loss: forget the dead model, rebuild on the new device from the last autosave
   * (kept in memory; the history is cut back to it), and go on training if it was.
   */
  async recover(gpu: Gpu): Promise<number> {
    this.epoch++;
    const wasTraining = this.wantTraining && !this.pauseWanted;
    this.loop = undefined;
    this.batcher.clear();
    const step = this.start.optimizer?.step ?? 0;
    this.metrics = this.metrics.filter((p) => p.step <= step);
    this.evals = this.evals.filter((p) => p.step <= step);
    this.post({ type: 'history', metrics: this.metrics, evals: this.evals });
    await this.build(gpu);
    if (wasTraining) void this.train();
    else this.postState('paused');
    return step;
  }

  /** Stops and frees the GPU buffers (reset, or a new run replacing this one). */
  async dispose(): Promise<void> {
    await this.pause();
    this.batcher.clear();
    this.trainer?.dispose?.();
    this.model?.destroy();
    this.model = undefined;
  }
}
