/**
 * One training loop per kind of run behind one small interface, so run.ts trains any kind the same
 * way (slices between pauses, autosaves, evaluations): language-model steps (pretraining on the
 * corpus, instruction tuning on formatted records) run the shared Trainer; classification runs the
 * shared trainClassifier, resumed at the step it stopped. Each reports the page's MetricPoint and
 * EvalPoint. Builds nothing itself: run.ts passes the model.
 */
import type { GPUModel } from '../model/gpt.ts';
import type { ClassEval } from '../train/classmetrics.ts';
import { evaluateClassifier, trainClassifier, type ClassTrainSettings } from '../train/classtrain.ts';
import { spamSet, instructSet } from '../train/finetune-setup.ts';
import { DEFAULT_BIO_MIX, mixedLMSource } from '../train/mix.ts';
import { classificationSource, instructionSource, type ClassSource } from '../train/sources.ts';
import { Trainer, type TrainSettings } from '../train/trainer.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import type { Corpus } from './data.ts';
import { FactsProbe } from './facts.ts';
import type { EvalPoint, MetricPoint, TaskSettings } from './protocol.ts';
import type { TaskSet } from './taskdata.ts';
import { PreferStepper } from './prefer.ts';

export interface StepperHooks {
  onMetric(p: MetricPoint): void;
  onEval(p: EvalPoint): void;
  shouldStop(): boolean;
}

/** A run's training loop: `step` and `tokens` so far, training until done or stopped, one evaluation. */
export interface Stepper {
  step: number;
  tokens: number;
  /** trains until the run's last step or until shouldStop() after a step */
  run(h: StepperHooks): Promise<void>;
  evaluate(): Promise<EvalPoint>;
  /** classifiers: their scores on the test split */
  test?(): Promise<ClassEval>;
  /** a note on the data for the page (examples per split, how many were cut) */
  readonly dataNote: string;
  /** preference runs: the people the pairs ask about as known, whose questions the held-out scoring leaves out */
  readonly pairedPeople?: readonly string[];
  /** frees what the loop built beside the model (the facts probe's model) */
  dispose?(): void;
}

/** The data a run trains on; a pretraining run mixes in the world's biographies (bioMix, default DEFAULT_BIO_MIX). */
export type RunData = { kind: 'pretrain'; corpus: Corpus; bioMix?: number } | TaskSet;

/** Validation batches per evaluation of a classifier (a seeded sample of the val split, both classes). */
export const CLASS_EVAL_BATCHES = 8;

class LMStepper implements Stepper {
  readonly trainer: Trainer;
  constructor(
    model: GPUModel,
    src: ConstructorParameters<typeof Trainer>[1],
    ts: TrainSettings,
    step: number,
    tokens: number,
    readonly dataNote: string,
    /** pretraining: the facts probe, run after each validation pass and reported with it */
    private readonly facts?: FactsProbe,
  ) {
    this.trainer = new Trainer(model, src, ts);
    this.trainer.step = step;
    this.trainer.tokens = tokens;
  }
  get step() { return this.trainer.step; }
  get tokens() { return this.trainer.tokens; }
  async run(h: StepperHooks): Promise<void> {
    // The probe is GPU work the trainer's synchronous onEval cannot wait for: a validation pass
    // stops the slice, the probe runs, and the point goes out with both; then training goes on.
    for (;;) {
      let held: EvalPoint | undefined;
      await this.trainer.run({
        onMetric: (m) => h.onMetric({ step: m.step, tokens: m.tokens, loss: m.trainLoss, lr: m.lr, tokensPerSec: m.tokensPerSec, msPerStep: m.msPerStep }),
        onEval: (step, valLoss, tokens) => {
          const p = { step, tokens, valLoss };
          if (this.facts) held = p;
          else h.onEval(p);
        },
        shouldStop: () => h.shouldStop() || held !== undefined,
      });
      if (!held) return;
      h.onEval({ ...held, facts: await this.facts!.measure() });
      if (h.shouldStop() || this.trainer.step >= this.trainer.settings.steps) return;
    }
  }
  async evaluate(): Promise<EvalPoint> {
    const p: EvalPoint = { step: this.trainer.step, tokens: this.trainer.tokens, valLoss: await this.trainer.evaluate() };
    if (this.facts) p.facts = await this.facts.measure();
    return p;
  }
  dispose(): void {
    this.facts?.destroy();
  }
}

class ClassStepper implements Stepper {
  private right = 0;
  private rows = 0;
  constructor(
    private readonly model: GPUModel,
    private readonly src: ClassSource,
    private readonly cs: ClassTrainSettings,
    public step: number,
    readonly dataNote: string,
  ) {}
  get tokens() { return this.step * this.model.B * this.model.T; }
  private point(e: ClassEval): EvalPoint {
    const p: EvalPoint = { step: this.step, tokens: this.tokens, valLoss: e.loss, valAccuracy: e.accuracy };
    if (this.rows > 0) p.trainAccuracy = this.right / this.rows;
    this.right = 0;
    this.rows = 0;
    return p;
  }
  async run(h: StepperHooks): Promise<void> {
    const BT = this.model.B * this.model.T;
    const r = await trainClassifier(this.model, this.src, { ...this.cs, from: this.step }, {
      onMetric: (m) => {
        this.step = m.step;
        this.right += m.right;
        this.rows += m.rows;
        h.onMetric({ step: m.step, tokens: m.step * BT, loss: m.loss, lr: m.lr, tokensPerSec: (BT * 1000) / m.msPerStep, msPerStep: m.msPerStep });
      },
      onEval: (step, e) => {
        this.step = step;
        h.onEval(this.point(e));
      },
      shouldStop: h.shouldStop,
    });
    this.step = r.steps;
  }
  async evaluate(): Promise<EvalPoint> {
    return this.point(await evaluateClassifier(this.model, this.src.validation(), CLASS_EVAL_BATCHES));
  }
  test(): Promise<ClassEval> {
    return evaluateClassifier(this.model, this.src.test());
  }
}

/** The loop for a run of `task` on `model`, continuing at `step` (tokens seen so far for LM runs); a preference run also needs its `reference`. */
export function makeStepper(model: GPUModel, tok: Tokenizer, data: RunData, task: TaskSettings, ts: TrainSettings, step: number, tokens: number, reference?: GPUModel): Stepper {
  const B = model.B;
  const T = model.T;
  if (data.kind === 'prefer' && task.kind === 'prefer') {
    if (!reference) throw new Error('a preference run needs its reference model');
    return new PreferStepper(model, reference, tok, data, task, ts, step);
  }
  if (data.kind === 'pretrain') {
    const c = data.corpus;
    const mix = c.bios ? (data.bioMix ?? DEFAULT_BIO_MIX) : 0;
    const facts = c.world ? new FactsProbe(model, tok, c.world) : undefined;
    const note = `${c.train.length.toLocaleString('en-US')} training tokens${mix > 0 ? ` and ${c.bios!.length.toLocaleString('en-US')} of biographies (${Math.round(mix * 100)}% of the rows)` : ''}`;
    return new LMStepper(model, mixedLMSource(c.train, c.bios ?? [], c.val, B, T, tok.padId, mix), ts, step, tokens, note, facts?.fits ? facts : undefined);
  }
  if (data.kind === 'instruct' && task.kind === 'instruct') {
    const [train, val] = (['train', 'val'] as const).map((s) => instructSet(tok, data.records, s, T, task.maskPrompt));
    if (train.examples.length === 0) throw new Error(`${data.name}: no training example fits a ${T}-token context`);
    if (val.examples.length === 0) throw new Error(`${data.name}: no validation example fits a ${T}-token context`);
    const note = `${train.examples.length} training and ${val.examples.length} validation examples from ${data.name} (${train.dropped + val.dropped} dropped: no room for the response in ${T} tokens)`;
    return new LMStepper(model, instructionSource(train.examples, val.examples, B, T, tok.padId, model.lengths.slice(1)), ts, step, tokens, note);
  }
  if (data.kind === 'classify' && task.kind === 'classify') {
    const train = spamSet(tok, data.messages, 'train', T, task.readAt);
    // A seeded sample of the val split: the file is sorted by class, so its first batches would be one class.
    const val = spamSet(tok, data.messages, 'val', T, task.readAt, CLASS_EVAL_BATCHES * B);
    const test = spamSet(tok, data.messages, 'test', T, task.readAt);
    if (train.examples.length === 0) throw new Error(`${data.name}: no training messages`);
    const src = classificationSource(train, val, test, B, T, tok.padId, ts.seed);
    const cs: ClassTrainSettings = {
      steps: ts.steps, schedule: ts.schedule, beta1: ts.beta1, beta2: ts.beta2, eps: ts.eps, weightDecay: ts.weightDecay,
      logEvery: ts.logEvery, evalEvery: ts.evalEvery, evalBatches: CLASS_EVAL_BATCHES,
    };
    const cut = train.truncated + val.truncated + test.truncated;
    return new ClassStepper(model, src, cs, step, `${train.examples.length} training, ${val.examples.length} validation and ${test.examples.length} test messages from ${data.name} (${cut} cut to ${T} tokens)`);
  }
  throw new Error(`a ${task.kind} run cannot train on ${data.kind} data`);
}
