/**
 * One training run in the page's engine: builds the model from a checkpoint (fresh, autosaved or
 * uploaded), trains it in slices between which it can pause, evaluate or autosave, and keeps the
 * run's metric history. The autosave (weights, AdamW moments, settings, history) goes to the
 * "autosave" slot every AUTOSAVE_EVERY steps and at every pause, so a reload, a lost device or a
 * diverged loss falls back to it. Talks to the page only through `post`.
 */
import { layoutArena } from '../gpu/arena.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { presetDoesNotFit } from '../model/config.ts';
import { initParams, unflatten } from '../model/flat.ts';
import type { GPUModel } from '../model/gpt.ts';
import { gptParamSpecs } from '../model/params.ts';
import { defaultKernelChoice } from '../model/passes.ts';
import { saveCheckpoint, type Checkpoint } from '../train/checkpoint.ts';
import { checkpointFromModel, modelFromCheckpoint } from '../train/engine.ts';
import { lmSource } from '../train/sources.ts';
import { DivergedError, Trainer } from '../train/trainer.ts';
import { MetricBatcher } from './batcher.ts';
import type { Corpus } from './data.ts';
import type { EvalPoint, FromWorker, MetricPoint, RunSettings, RunStatus } from './protocol.ts';
import { presetFor, readRunInfo, runInfo, trainSettings } from './settings.ts';
import type { SlotStore } from './slots.ts';

export const AUTOSAVE_ID = 'autosave';
export const AUTOSAVE_EVERY = 50;

/** The GPU side the run needs; replaced after a device loss. */
export interface Gpu {
  device: GPUDevice;
  cache: PipelineCache;
  isFallback: boolean;
}

/** A fresh checkpoint of `settings`' preset: initial weights from the seed, no moments. */
export function freshCheckpoint(settings: RunSettings, corpus: Corpus): Checkpoint {
  const config = { ...presetFor(settings).config, vocabSize: corpus.tokenizer.vocabSize };
  const layout = layoutArena('init', gptParamSpecs(config), 4);
  const views = unflatten(layout, initParams(layout, settings.seed));
  return { config, tokenizer: corpus.tokenizer, weights: new Map(layout.tensors.map((t) => [t.name, { shape: [...t.shape], data: views[t.name] }])) };
}

export class Run {
  status: RunStatus = 'paused';
  model: GPUModel | undefined;
  trainer: Trainer | undefined;
  metrics: MetricPoint[] = [];
  evals: EvalPoint[] = [];
  private pauseWanted = false;
  /** the learner wants it training (survives a device loss, which stops the loop by itself) */
  private wantTraining = false;
  private evalWanted = false;
  private loop: Promise<void> | undefined;
  /** bumped when the device is replaced, so a loop that failed on the old device stays quiet */
  private epoch = 0;
  private readonly batcher: MetricBatcher;

  constructor(
    readonly settings: RunSettings,
    private readonly corpus: Corpus,
    private readonly slots: SlotStore,
    private readonly post: (m: FromWorker) => void,
    /** the checkpoint the model is built from (and falls back to) */
    private start: Checkpoint,
  ) {
    // The run's state rides with each metric batch, so a fast GPU never floods the page.
    this.batcher = new MetricBatcher((metrics, evals) => {
      this.post({ type: 'metrics', metrics, evals });
      this.postState();
    });
    const info = readRunInfo(start.info, start.optimizer?.step ?? 0, settings);
    this.metrics = info.metrics;
    this.evals = info.evals;
  }

  get step(): number {
    return this.trainer?.step ?? this.start.optimizer?.step ?? 0;
  }

  get tokens(): number {
    return this.trainer?.tokens ?? readRunInfo(this.start.info, this.step, this.settings).tokensSeen;
  }

  postState(status: RunStatus = this.status): void {
    this.status = status;
    this.post({ type: 'run-state', state: { status, settings: this.settings, step: this.step, tokens: this.tokens } });
  }

  /** Builds the model on `gpu` from the start checkpoint; throws when the preset does not fit. */
  async build(gpu: Gpu): Promise<void> {
    const why = presetDoesNotFit({ ...presetFor(this.settings), config: this.start.config }, gpu.device.limits);
    if (why) throw new Error(why);
    const B = this.settings.batch;
    const T = this.start.config.blockSize;
    const ts = trainSettings(this.settings);
    this.model = await modelFromCheckpoint(gpu.device, gpu.cache, this.start, {
      batchSize: B, seqLen: T, gradClip: ts.gradClip, kernels: defaultKernelChoice(gpu.isFallback),
    });
    this.trainer = new Trainer(this.model, lmSource(this.corpus.train, this.corpus.val, B, T, this.corpus.tokenizer.padId), ts);
    this.trainer.step = this.start.optimizer?.step ?? 0;
    this.trainer.tokens = readRunInfo(this.start.info, this.trainer.step, this.settings).tokensSeen;
  }

  /** The current weights and moments as a checkpoint, with the run's settings and history. */
  async snapshot(): Promise<Checkpoint> {
    const t = this.trainer!;
    return checkpointFromModel(this.model!, this.corpus.tokenizer, { ...runInfo(this.settings, t.step, t.tokens, this.metrics, this.evals) }, t.step);
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
      await this.slots.put({ id: AUTOSAVE_ID, name: 'Autosave', savedAt: Date.now(), bytes: bytes.length, step: ck.optimizer!.step, preset: this.settings.preset, auto: true }, bytes);
      this.post({ type: 'checkpoints', slots: await this.slots.list() });
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
    try {
      if (t.step === 0) await this.autosave();
      while (t.step < this.settings.steps && !this.pauseWanted) {
        const nextSave = (Math.floor(t.step / AUTOSAVE_EVERY) + 1) * AUTOSAVE_EVERY;
        await t.run({
          onMetric: (m) => {
            const p: MetricPoint = { step: m.step, tokens: m.tokens, loss: m.trainLoss, lr: m.lr, tokensPerSec: m.tokensPerSec, msPerStep: m.msPerStep };
            this.metrics.push(p);
            this.batcher.metric(p);
          },
          onEval: (step, valLoss, tokens) => this.addEval({ step, tokens, valLoss }),
          shouldStop: () => this.pauseWanted || this.evalWanted || t.step >= nextSave,
        });
        if (epoch !== this.epoch) return;
        if (this.evalWanted) await this.evaluate();
        if (t.step >= nextSave || this.pauseWanted || t.step >= this.settings.steps) await this.autosave();
      }
      this.batcher.flush();
      this.wantTraining = false;
      this.postState(t.step >= this.settings.steps ? 'done' : 'paused');
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
    const t = this.trainer!;
    this.addEval({ step: t.step, tokens: t.tokens, valLoss: await t.evaluate() });
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
    this.model?.destroy();
    this.model = undefined;
  }
}
