/**
 * What the projector (or a student's device) draws for each step, one view per ClassroomView
 * name (VIEWS; a unit test checks every step's view is here). Steps that need WebGPU say so
 * plainly where there is none, and still show what the shipped checkpoints' records say.
 */
import type { ComponentType } from 'react';
import { BASE_PROMPT, COMPARE_PROMPT, PAIR_TOKENS, QUIZ_QUESTION, SPAM_EXAMPLE, type ClassroomStep, type ClassroomView } from '../../../lessons/classroom/script.ts';
import { MULTIPLE_CHOICE } from '../../../lessons/quiz/multipleChoice.ts';
import { useLab } from '../../../store/index.ts';
import { InputTargetPair, TokenStrip } from '../../lesson/TokenView.tsx';
import type { DemoContext } from '../context.ts';
import { isKindRun } from '../runner.ts';
import { shippedFor } from '../shipped.ts';
import { SkipResult, TrainView } from './TrainView.tsx';
import { useDemoSample, useDemoVerdict } from './useDemoAnswer.ts';

type ViewProps = { step: ClassroomStep; ctx: DemoContext };

function Loading() {
  return <p role="status">Loading the text…</p>;
}

function TextView({ ctx }: ViewProps) {
  if (!ctx.raw) return <Loading />;
  return (
    <>
      <blockquote className="raw-text" data-testid="demo-raw">{ctx.raw.text}</blockquote>
      <TokenStrip tokens={ctx.raw.tokens.slice(0, 40)} label="The text as tokens" testId="demo-tokens" />
    </>
  );
}

function PairsView({ ctx }: ViewProps) {
  if (!ctx.raw) return <Loading />;
  return <InputTargetPair window={ctx.raw.tokens.slice(0, PAIR_TOKENS + 1)} testId="demo-pairs" />;
}

/** Where there is no WebGPU: what this step cannot show, in one sentence. */
function NoGpu({ what }: { what: string }) {
  return <p className="no-gpu" role="note" data-testid="demo-no-gpu">Not live here: this browser offers no WebGPU, so {what}.</p>;
}

function Writing({ label, prompt, answer, testId }: { label: string; prompt: string; answer: ReturnType<typeof useDemoSample>; testId: string }) {
  return (
    <figure className="writing" data-testid={testId} data-running={answer.running}>
      <figcaption>{label}</figcaption>
      <p><span className="prompt">{prompt}</span><span data-testid={`${testId}-text`}>{prompt ? answer.text : answer.text.replace(/^\s*\n/, '')}</span>{answer.running && <span className="caret">▍</span>}</p>
      {answer.error && <p role="alert" className="error">{answer.error}</p>}
    </figure>
  );
}

function PretrainView({ step, ctx }: ViewProps) {
  const gpu = useLab((s) => s.gpu.state);
  const skipped = ctx.deck.modes[step.id] === 'skipped';
  const base = ctx.manifest ? shippedFor(ctx.manifest, 'pretrain', ctx.size) : null;
  const sample = useDemoSample(skipped && base ? base.id : null, BASE_PROMPT, false, ctx.runs);
  if (gpu === 'unavailable') return <><NoGpu what="nothing can train; here is the base model trained earlier" /><SkipResult step={step} ctx={ctx} /></>;
  return (
    <TrainView step={step} ctx={ctx}>
      {skipped && base && <Writing label={`${base.name} continues the prompt`} prompt={BASE_PROMPT} answer={sample} testId="skip-sample" />}
    </TrainView>
  );
}

function WritesView({ ctx }: ViewProps) {
  const gpu = useLab((s) => s.gpu.state);
  const pretrain = ctx.deck.modes.pretrain;
  const live = useLab((s) => pretrain !== 'skipped' && isKindRun(s.run, 'pretrain'));
  const liveStep = useLab((s) => s.run.step);
  const base = ctx.manifest ? shippedFor(ctx.manifest, 'pretrain', ctx.size) : null;
  const model = live ? 'run' : base?.id ?? null;
  const answer = useDemoSample(model, BASE_PROMPT, false, ctx.runs);
  if (gpu === 'unavailable') return <NoGpu what="no model can write" />;
  const label = live ? `Our model, trained live for ${liveStep.toLocaleString('en-US')} steps` : base ? base.name : 'No base model';
  return <Writing label={label} prompt={BASE_PROMPT} answer={answer} testId="demo-writes" />;
}

function SpamView({ step, ctx }: ViewProps) {
  const gpu = useLab((s) => s.gpu.state);
  const text = ctx.deck.spamText.trim() || SPAM_EXAMPLE;
  const skipped = ctx.deck.modes[step.id] === 'skipped';
  const live = useLab((s) => !skipped && isKindRun(s.run, step.train?.kind));
  // The engine reads a message with the run's model only between steps: ask again at each pause.
  const training = useLab((s) => s.run.status === 'training');
  const again = useLab((s) => (live ? String(s.run.step) : ''));
  const shipped = ctx.manifest ? shippedFor(ctx.manifest, 'classify', ctx.size) : null;
  const model = live ? (training ? null : 'run') : skipped && shipped ? shipped.id : null;
  const verdict = useDemoVerdict(model, text, ctx.runs, again);
  const p = verdict.result ? verdict.result.probs[verdict.result.classes.indexOf('spam')] : NaN;
  const message = <blockquote className="spam-text" data-testid="demo-spam-text">{text}</blockquote>;
  if (gpu === 'unavailable') return <>{message}<NoGpu what="no classifier can read the message" /><SkipResult step={step} ctx={ctx} /></>;
  return (
    <TrainView step={step} ctx={ctx}>
      {message}
      {live && training && <p className="muted" data-testid="demo-verdict-wait">Pause the training to ask the classifier about this message.</p>}
      {model && (
        <p className="verdict" data-testid="demo-verdict" data-spam-prob={Number.isFinite(p) ? p : ''}>
          {Number.isFinite(p) ? <>Spam: <strong>{(100 * p).toFixed(0)}%</strong> → {p >= 0.5 ? 'spam' : 'not spam'}</> : verdict.error ?? 'Reading the message…'}
        </p>
      )}
    </TrainView>
  );
}

function CompareView({ ctx }: ViewProps) {
  const gpu = useLab((s) => s.gpu.state);
  const base = ctx.manifest ? shippedFor(ctx.manifest, 'pretrain', ctx.size) : null;
  const tuned = ctx.manifest ? shippedFor(ctx.manifest, 'instruct', ctx.size) : null;
  const a = useDemoSample(base?.id ?? null, COMPARE_PROMPT, true, ctx.runs);
  const b = useDemoSample(tuned ? tuned.id : null, COMPARE_PROMPT, true, ctx.runs);
  if (gpu === 'unavailable') return <NoGpu what="neither model can answer" />;
  return (
    <>
      <p className="request">Request: <strong>{COMPARE_PROMPT}</strong></p>
      <div className="compare">
        <Writing label={base ? `Base: ${base.name}` : 'No shipped base model'} prompt="" answer={a} testId="demo-base" />
        <Writing label={tuned ? `Tuned: ${tuned.name}` : 'No shipped instruction-tuned model'} prompt="" answer={b} testId="demo-instruct" />
      </div>
    </>
  );
}

function QuizView({ ctx }: ViewProps) {
  const q = MULTIPLE_CHOICE.find((x) => x.id === QUIZ_QUESTION)!;
  return (
    <div className="demo-quiz" data-testid="demo-quiz" data-revealed={ctx.deck.revealed}>
      <p className="question">{q.prompt}</p>
      <ol type="A">
        {q.options.map((o) => (
          <li key={o.id} className={ctx.deck.revealed && o.id === q.answer ? 'right' : undefined} data-right={ctx.deck.revealed && o.id === q.answer}>{o.text}</li>
        ))}
      </ol>
      {ctx.deck.revealed && <p className="explanation" data-testid="demo-quiz-explanation">{q.explanation}</p>}
    </div>
  );
}

/** Every view of the script, by name. */
export const VIEWS: Record<ClassroomView, ComponentType<ViewProps>> = {
  'text': TextView,
  'pairs': PairsView,
  'pretrain': PretrainView,
  'base-writes': WritesView,
  'spam': SpamView,
  'base-vs-instruct': CompareView,
  'quiz': QuizView,
};

export function StepView({ step, ctx }: ViewProps) {
  const View = VIEWS[step.view];
  return <View step={step} ctx={ctx} />;
}
