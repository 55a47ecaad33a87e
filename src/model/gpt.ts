/**
 * The GPT on the GPU: buffers laid out from the parameter and activation tables, every dispatch
 * built once (bind groups included), and a training step encoded into one command encoder:
 * zero-grad, forward, fused cross-entropy, backward, gradient norm and clipping, AdamW.
 * Finetuning (options from ParamOptions): `nClasses` swaps the tied LM head for a classification
 * head read at one position per sequence (the token logits and their loss are then never computed,
 * and steps take ClassStepInput), `lora` adds low-rank updates, `frozen` tensors are left alone by
 * AdamW and the gradient norm, and the backward pass stops where nothing below trains.
 * `seqLens` adds passes at shorter lengths over the same buffers (the first B·T' rows of each): a
 * step whose batch has T' < T columns runs only those, as instruction batches of short examples do.
 * Owns GPU objects only; batching, schedules and events live in src/train.
 */
import { createArena, layoutArena, tensorTable, type ArenaLayout } from '../gpu/arena.ts';
import { createStorageBuffer, readBuffer, readBuffers, writeArray } from '../gpu/buffers.ts';
import { encodeDispatches, type BufferView, type Dispatch } from '../gpu/compute.ts';
import { Pacer, spinningWaits } from '../gpu/pace.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { createAdamWUniforms, writeAdamWUniforms, adamw_update, type AdamWHyper } from '../kernels/adamw.ts';
import { encoder_buckets } from '../kernels/encoder.ts';
import { GRADNORM_PARTIALS, gradnorm } from '../kernels/gradnorm.ts';
import { numel } from './activations.ts';
import { modelActSpecs } from './finetune.ts';
import type { GPTConfig } from './config.ts';
import { gptParamSpecs, type ParamOptions } from './params.ts';
import { buildBackward, buildForward, buildLoss, defaultKernelChoice, deviceKernels, type Bufs, type KernelChoice } from './passes.ts';
import { DPO_STATS_LENGTH, dpoBuffers, dpoStats, type DpoSettings, type DpoStats } from './dpo.ts';

export interface GPUModelOptions extends ParamOptions {
  /** sequences per step (B) */
  batchSize: number;
  /** tokens per sequence the buffers are sized for (T <= blockSize) */
  seqLen: number;
  /** kernel versions to run (default: those for a software adapter) */
  kernels?: KernelChoice;
  /** clip the global gradient norm to this (0 disables) */
  gradClip?: number;
  /** shorter lengths (each < seqLen) a language-model step may also have: the batch's T is then tokens.length / B */
  seqLens?: readonly number[];
  /** train on preference pairs with DPO instead of the cross-entropy (dpo.ts): B = 2 x pairs + dpo.textRows */
  dpo?: DpoSettings;
}

/** The dispatches of one step at one sequence length. */
interface Passes {
  forward: Dispatch[];
  loss: Dispatch[];
  backward: Dispatch[];
}

/** A language-model step (pretraining, instruction tuning). */
export interface StepInput {
  /** (B, T) token ids */
  tokens: ArrayLike<number>;
  /** (B, T) next-token ids */
  targets: ArrayLike<number>;
  /** (B, T) 1 = counted in the loss, 0 = ignored; all ones when omitted */
  weights?: ArrayLike<number>;
  /** (B) a DPO model's reference log-probabilities of the rows (see dpo.ts) */
  refLogps?: ArrayLike<number>;
}

/** A classification step (model built with nClasses): the class is read at lastIndex of each row. */
export interface ClassStepInput {
  /** (B, T) token ids */
  tokens: ArrayLike<number>;
  /** (B) position of each row whose hidden state the head reads (its last real token, or 0 for the first-token experiment) */
  lastIndex: ArrayLike<number>;
  /** (B) class of each row, < nClasses */
  labels: ArrayLike<number>;
  /** (B) 1 = a real example, 0 = a filler row left out of the loss */
  rowMask: ArrayLike<number>;
}

export class GPUModel {
  readonly layout: ArenaLayout;
  readonly B: number;
  readonly T: number;
  private readonly bufs: Bufs;
  private readonly adamHyper: GPUBuffer;
  /** by sequence length: seqLen and each of opts.seqLens */
  private readonly passes = new Map<number, Passes>();
  /** buffers the zero-grad step clears (encoder.clearBuffer: a memset, cheaper than a fill kernel each) */
  private zero: GPUBuffer[] = [];
  private update: Dispatch[] = [];
  private allOnes: Float32Array;
  /** sleeps through most of a wait where waiting spins the JS thread (Dawn in Node) */
  private readonly pacer: Pacer;
  /** the kernel versions the dispatches run (opts.kernels, until rebuildDispatches changes them) */
  private kernels: KernelChoice;

  private constructor(
    readonly device: GPUDevice,
    readonly cache: PipelineCache,
    readonly config: GPTConfig,
    readonly opts: GPUModelOptions,
  ) {
    this.B = opts.batchSize;
    this.T = opts.seqLen;
    this.kernels = opts.kernels ?? deviceKernels.get(device) ?? defaultKernelChoice(true);
    if (this.T > config.blockSize) throw new Error(`seqLen ${this.T} is longer than the model's context (blockSize ${config.blockSize})`);
    for (const t of opts.seqLens ?? []) {
      if (!(Number.isInteger(t) && t >= 1 && t < this.T)) throw new Error(`seqLens: ${t} is not a whole number from 1 to ${this.T - 1} (shorter than seqLen)`);
      if (opts.nClasses) throw new Error('seqLens: a classification model reads each row at its own position and runs at seqLen only');
    }
    const align = device.limits.minStorageBufferOffsetAlignment;
    this.layout = layoutArena('params', gptParamSpecs(config, opts), align);
    const arena = (label: string) => createArena(device, { ...this.layout, label });
    const params = arena('params');
    const grads = arena('grads');
    const acts: Record<string, BufferView> = {};
    const dacts: Record<string, BufferView> = {};
    const view = (label: string, n: number): BufferView => {
      const buffer = createStorageBuffer(device, n * 4, label);
      return { buffer, offset: 0, size: buffer.size };
    };
    for (const s of modelActSpecs(config, this.B, this.T, opts)) {
      acts[s.name] = view(`act:${s.name}`, numel(s.shape));
      if (s.grad) dacts[s.name] = view(`dact:${s.name}`, numel(s.shape));
    }
    const BT = this.B * this.T;
    this.bufs = {
      params: params.views,
      grads: grads.views,
      paramsWhole: { buffer: params.buffer, offset: 0, size: params.buffer.size },
      gradsWhole: { buffer: grads.buffer, offset: 0, size: grads.buffer.size },
      m: view('adam-m', this.layout.totalFloats),
      v: view('adam-v', this.layout.totalFloats),
      acts,
      dacts,
      dpreatt: view('dpreatt', this.B * config.nHead * this.T * this.T),
      tokens: view('tokens', BT),
      targets: view('targets', BT),
      weights: view('weights', BT),
      lastIndex: view('cls-last-index', this.B),
      labels: view('cls-labels', this.B),
      rowMask: view('cls-row-mask', this.B),
      loraDh: view('lora-dh', BT * (opts.lora?.rank ?? 1)),
      buckets: view('encoder-buckets', 3 * BT + 1),
      stats: view('loss-stats', opts.dpo ? DPO_STATS_LENGTH : 4),
      gnorm: view('grad-norm', 4),
      partials: view('grad-norm-partials', GRADNORM_PARTIALS),
      table: (() => {
        const t = tensorTable(this.layout);
        const buffer = createStorageBuffer(device, t, 'tensor-table');
        return { buffer, offset: 0, size: buffer.size };
      })(),
      dpo: opts.dpo ? dpoBuffers(view, this.B, this.T, opts.dpo.textRows) : undefined,
    };
    this.adamHyper = createAdamWUniforms(device, { lr: 0, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0, step: 1 });
    this.allOnes = new Float32Array(BT).fill(1);
    this.pacer = new Pacer(spinningWaits.has(device));
  }

  /** Builds the model's buffers and every dispatch (pipelines compiled once, through the cache). */
  static async create(device: GPUDevice, cache: PipelineCache, config: GPTConfig, opts: GPUModelOptions): Promise<GPUModel> {
    const m = new GPUModel(device, cache, config, opts);
    await m.build();
    return m;
  }

  private async build(): Promise<void> {
    const { config: c, B, T, bufs, cache: k } = this;
    const kc = this.kernels;
    const norm = await gradnorm(k, bufs.gnorm, bufs.partials, bufs.gradsWhole, bufs.table, this.opts.gradClip ?? 1);
    const passes = new Map<number, Passes>();
    for (const t of new Set([T, ...(this.opts.seqLens ?? [])])) {
      passes.set(t, {
        forward: await buildForward(k, c, B, t, bufs, kc, this.opts),
        loss: await buildLoss(k, c, B, t, bufs, kc, this.opts),
        backward: [...(await buildBackward(k, c, B, t, bufs, kc, this.opts)), ...norm],
      });
    }
    this.zero = [bufs.gradsWhole.buffer, ...Object.values(bufs.dacts).map((v) => v.buffer)];
    const largest = Math.max(...this.layout.tensors.map((t) => t.numel));
    const update = [await adamw_update(k, bufs.paramsWhole, bufs.gradsWhole, bufs.m, bufs.v, bufs.table, bufs.gnorm, this.adamHyper, largest)];
    // Swapped in only when every dispatch is built: a step between the awaits runs the old ones.
    this.passes.clear();
    for (const [t, p] of passes) this.passes.set(t, p);
    this.update = update;
  }

  /**
   * Builds every dispatch again through the cache, keeping the buffers and weights: after
   * `cache.setOverride` this runs the replaced kernel source from the next step on. `kernels`
   * also changes which versions run (the kernel lab switches attention to the row kernels when a
   * learner swaps in attention.wgsl); the previous choice stays when the build fails.
   */
  async rebuildDispatches(kernels: KernelChoice = this.kernels): Promise<void> {
    const before = this.kernels;
    this.kernels = kernels;
    try {
      await this.build();
    } catch (e) {
      this.kernels = before;
      throw e;
    }
  }

  /** Views of every parameter tensor in the params arena, by name (for decoders that share the weights). */
  get paramViews(): Readonly<Record<string, BufferView>> {
    return this.bufs.params;
  }

  /** Uploads parameters (flat, in the table's layout). */
  setParams(flat: Float32Array): void {
    if (flat.length !== this.layout.totalFloats) throw new Error(`setParams: expected ${this.layout.totalFloats} floats, got ${flat.length}`);
    writeArray(this.device, this.bufs.paramsWhole.buffer, flat);
  }

  /** Restores AdamW's moments (for resuming); both flat in the table's layout. */
  setMoments(m: Float32Array, v: Float32Array): void {
    writeArray(this.device, this.bufs.m.buffer, m);
    writeArray(this.device, this.bufs.v.buffer, v);
  }

  /** True when the model has a classification head (steps take ClassStepInput). */
  get classifying(): boolean {
    return !!this.opts.nClasses;
  }

  /** The sequence lengths steps can run at, longest first. */
  get lengths(): number[] {
    return [...this.passes.keys()].sort((x, y) => y - x);
  }

  /** Uploads a step's batch and returns the passes of its length (tokens.length / B). */
  private writeBatch(input: StepInput | ClassStepInput): Passes {
    const T = input.tokens.length / this.B;
    const passes = this.passes.get(T);
    const BT = this.B * T;
    const d = this.device;
    if (!passes) {
      const shapes = this.lengths.map((t) => `${this.B * t} (B=${this.B} x T=${t})`).join(' or ');
      throw new Error(`tokens: expected ${shapes} ids, got ${input.tokens.length}`);
    }
    if (this.opts.nClasses) {
      if (!('labels' in input)) throw new Error('this model has a classification head: steps need lastIndex, labels and rowMask (ClassStepInput)');
      const NC = this.opts.nClasses;
      for (const [name, a] of [['lastIndex', input.lastIndex], ['labels', input.labels], ['rowMask', input.rowMask]] as const) {
        if (a.length !== this.B) throw new Error(`${name}: expected ${this.B} values (one per row), got ${a.length}`);
      }
      for (let b = 0; b < this.B; b++) {
        if (!(input.lastIndex[b] >= 0 && input.lastIndex[b] < T)) throw new Error(`lastIndex[${b}] = ${input.lastIndex[b]} is outside 0..${T - 1}`);
        if (input.rowMask[b] !== 0 && !(input.labels[b] >= 0 && input.labels[b] < NC)) throw new Error(`labels[${b}] = ${input.labels[b]} is not a class 0..${NC - 1}`);
      }
      writeArray(d, this.bufs.lastIndex.buffer, Uint32Array.from(input.lastIndex));
      writeArray(d, this.bufs.labels.buffer, Uint32Array.from(input.labels));
      writeArray(d, this.bufs.rowMask.buffer, Float32Array.from(input.rowMask));
    } else {
      if (!('targets' in input)) throw new Error('this model has the language-model head: steps need targets (StepInput)');
      if (input.targets.length !== BT) throw new Error(`targets: expected ${BT} ids (B=${this.B} x T=${T}), got ${input.targets.length}`);
      if (input.weights && input.weights.length !== BT) throw new Error(`weights: expected ${BT} values (B=${this.B} x T=${T}), got ${input.weights.length}`);
      writeArray(d, this.bufs.targets.buffer, Uint32Array.from(input.targets));
      writeArray(d, this.bufs.weights.buffer, input.weights ? Float32Array.from(input.weights) : this.allOnes.subarray(0, BT));
      if (this.bufs.dpo) {
        if (input.refLogps?.length !== this.B) throw new Error(`refLogps: a DPO step needs the reference's ${this.B} row log-probabilities, got ${input.refLogps?.length ?? 'none'}`);
        writeArray(d, this.bufs.dpo.ref.buffer, Float32Array.from(input.refLogps));
      }
    }
    writeArray(d, this.bufs.tokens.buffer, Uint32Array.from(input.tokens));
    writeArray(d, this.bufs.buckets.buffer, encoder_buckets(input.tokens, this.B, T));
    return passes;
  }

  /** The dispatches of one training step at the full length, in order (for profiling: nothing is submitted). */
  stepDispatches(): readonly Dispatch[] {
    const p = this.passes.get(this.T) as Passes;
    return [...p.forward, ...p.loss, ...p.backward, ...this.update];
  }

  /** One training step in one command buffer. The loss stays on the GPU: read it with readLoss(). */
  trainStep(input: StepInput | ClassStepInput, hyper: AdamWHyper): void {
    const p = this.writeBatch(input);
    writeAdamWUniforms(this.device, this.adamHyper, hyper);
    this.submit('train-step', [...p.forward, ...p.loss, ...p.backward, ...this.update], true);
  }

  /** Forward, loss and gradients (and their norm) without an update: for tests and inspection. */
  gradientStep(input: StepInput | ClassStepInput): void {
    const p = this.writeBatch(input);
    this.submit('gradient-step', [...p.forward, ...p.loss, ...p.backward], true);
  }

  private submit(label: string, dispatches: Dispatch[], zeroGrads = false): void {
    const enc = this.device.createCommandEncoder({ label });
    // Backward passes accumulate (+=), so every gradient starts the step at zero.
    if (zeroGrads) for (const b of this.zero) enc.clearBuffer(b);
    encodeDispatches(enc, dispatches, label);
    this.device.queue.submit([enc.finish()]);
    this.pacer.submitted(label);
  }

  /**
   * Forward and loss only (evaluation); nothing is updated. The fused loss also writes dlogits,
   * which the next training step clears before use.
   */
  evalStep(input: StepInput | ClassStepInput): void {
    const p = this.writeBatch(input);
    this.submit('eval-step', [...p.forward, ...p.loss]);
  }

  /** The last step's mean loss (over counted positions) and the gradient norm before clipping. */
  async readLoss(): Promise<{ loss: number; gradNorm: number }> {
    const ranges = [this.bufs.stats, this.bufs.gnorm].map((v) => ({ buffer: v.buffer, byteLength: 8, offset: v.offset }));
    const [stats, gn] = (await this.pacer.settle(() => readBuffers(this.device, ranges))).map((b) => new Float32Array(b));
    return { loss: stats[0], gradNorm: gn[0] };
  }

  /** A DPO model's figures of the last step (dpo.ts DpoStats). */
  async readDpo(): Promise<DpoStats> {
    return dpoStats(await this.read('dpo-stats'));
  }

  /** The last step's class logits (B, NC), row-major: for accuracy in evaluation. */
  async readClassLogits(): Promise<Float32Array> {
    if (!this.opts.nClasses) throw new Error('readClassLogits: this model has no classification head');
    return (await this.read({ act: 'cls_logits' })).subarray(0, this.B * this.opts.nClasses);
  }

  /** Reads parameters (flat), gradients or an activation back: for tests, checkpoints and display. */
  async read(what: 'params' | 'grads' | 'm' | 'v' | 'dpo-stats' | 'dpo-seq' | { act: string } | { dact: string }): Promise<Float32Array> {
    const v =
      what === 'params' ? this.bufs.paramsWhole : what === 'grads' ? this.bufs.gradsWhole : what === 'm' ? this.bufs.m : what === 'v' ? this.bufs.v
      : what === 'dpo-stats' ? this.bufs.stats : what === 'dpo-seq' ? this.bufs.dpo?.seq
      : 'act' in what ? this.bufs.acts[what.act] : this.bufs.dacts[what.dact];
    if (!v) throw new Error(`no buffer ${JSON.stringify(what)}`);
    return new Float32Array(await this.pacer.settle(() => readBuffer(this.device, v.buffer, v.size, v.offset)));
  }

  /** Frees every GPU buffer the model made. */
  destroy(): void {
    const seen = new Set<GPUBuffer>();
    const all = [this.bufs.paramsWhole, this.bufs.gradsWhole, this.bufs.m, this.bufs.v, this.bufs.dpreatt, this.bufs.tokens, this.bufs.targets,
      this.bufs.weights, this.bufs.lastIndex, this.bufs.labels, this.bufs.rowMask, this.bufs.loraDh, this.bufs.buckets, this.bufs.stats, this.bufs.gnorm, this.bufs.partials, this.bufs.table,
      ...Object.values(this.bufs.acts), ...Object.values(this.bufs.dacts), ...Object.values(this.bufs.dpo ?? {})];
    for (const v of all) seen.add(v.buffer);
    for (const b of seen) b.destroy();
    this.adamHyper.destroy();
  }
}
