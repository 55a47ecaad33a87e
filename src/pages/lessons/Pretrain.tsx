/**
 * Lesson 1, pretraining (route lesson/pretrain): the lesson's prose (src/lessons/pretrain) with
 * live panels after its sections: the start of the real corpus, how it tokenizes and one
 * input/target pair (the plain-TS tokenizer, so this part works without WebGPU), then training
 * from scratch or from the shipped base, the sample timeline, "keep as my base" and an upload of
 * the learner's own text. Composes components and the store; never reaches into the engine.
 */
import { useEffect, useMemo, useState } from 'react';
import { UploadData } from '../../components/data/UploadData.tsx';
import { FactsChart } from '../../components/lesson/FactsChart.tsx';
import { KeepBase } from '../../components/lesson/KeepBase.tsx';
import { LessonLayout } from '../../components/lesson/LessonLayout.tsx';
import { ModelDiagram } from '../../components/diagram/ModelDiagram.tsx';
import { RunPanel, type StartOption } from '../../components/lesson/RunPanel.tsx';
import { SampleTimeline } from '../../components/lesson/SampleTimeline.tsx';
import { InputTargetPair, TokenStrip, type ShownToken } from '../../components/lesson/TokenView.tsx';
import { WebGPUHelp } from '../../components/WebGPUHelp.tsx';
import { PRETRAIN_LESSON, PRETRAIN_SECTIONS as S } from '../../lessons/pretrain/content.ts';
import * as L from '../../lessons/pretrain/recipe.ts';
import { AUTOSAVE_IDS, restoreRun, SHIPPED_PREFIX } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { presetBatch } from '../../store/presets.ts';
import { lessonOnePreset } from '../../components/measure/lessonEstimates.ts';
import type { SlotInfo } from '../../store/trainingSlice.ts';
import type { Tokenizer } from '../../train/tokenizer.ts';
import { fetchText } from '../../util/fetch.ts';
import { loadPageTokenizer } from './instructTokens.ts';
import { DeviceLost } from '../../components/DeviceLost.tsx';

type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };
const BASE = import.meta.env.BASE_URL;

/** The start of a file, about `n` bytes, cut at its last whole line (no word or UTF-8 character is split): the corpus is 5 MB. */
async function fetchHead(url: string, n: number): Promise<string> {
  const text = await fetchText(url, undefined, n);
  return text.slice(0, Math.max(text.lastIndexOf('\n'), 1)).trimEnd();
}

function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [st, setSt] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    load().then((value) => live && setSt({ state: 'ready', value }), (e: unknown) => live && setSt({ state: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => void (live = false);
  }, [load]);
  return st;
}

const loadSample = () => fetchHead(`${BASE}datasets/corpus-train.txt`, L.SAMPLE_CHARS);

const toShown = (tok: Tokenizer, text: string): ShownToken[] => tok.pieces(text).map((p) => ({ id: p.id, text: p.text }));

function Status({ st, what }: { st: Loaded<unknown>; what: string }) {
  if (st.state === 'loading') return <p role="status" className="muted">Loading {what}…</p>;
  if (st.state === 'error') return <p role="alert" className="error">Could not load {what}: {st.message}</p>;
  return null;
}

function TokensPanel({ tok, sample }: { tok: Tokenizer; sample: string }) {
  const [text, setText] = useState('The jury said it did find that many of the laws are outmoded.');
  const sampleTokens = useMemo(() => toShown(tok, sample), [tok, sample]);
  const own = useMemo(() => toShown(tok, text), [tok, text]);
  return (
    <div className="card">
      <p className="small muted" data-testid="sample-token-count">
        The {[...sample].length} characters above are {sampleTokens.length} tokens, about {(sample.length / Math.max(1, sampleTokens.length)).toFixed(1)} characters each. The first 60:
      </p>
      <TokenStrip tokens={sampleTokens.slice(0, 60)} label="The corpus sample as tokens" testId="sample-tokens" />
      <label className="field wide">
        Your text{' '}
        <textarea rows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="own-tokenize-text" />
      </label>
      <p className="small muted">{own.length} tokens for {[...text].length} characters</p>
      <TokenStrip tokens={own} label="Your text as tokens" testId="own-tokens" />
    </div>
  );
}

/** Shipped base checkpoints and the learner's own base, as start options (best fit first). */
function useStartOptions(): StartOption[] {
  const slots = useLab((s) => s.slots);
  const isFallback = useLab((s) => s.gpu.state === 'ready' && s.gpu.report.isFallback);
  const mine = useLab((s) => s.myModels.base);
  const order: readonly string[] = isFallback ? ['test', 'small'] : ['small', 'test', 'medium', 'large'];
  const rank = (s: SlotInfo) => (order.includes(s.preset) ? order.indexOf(s.preset) : order.length);
  const shipped = slots.filter((s) => s.shipped && (s.stage === 'pretrain' || s.id.startsWith('shipped:base'))).sort((a, b) => rank(a) - rank(b))[0];
  const opts: StartOption[] = [
    shipped
      ? { slotId: shipped.id, label: 'Continue from the shipped base model', note: `${shipped.name}: the ${shipped.preset} model, already trained for ${shipped.step.toLocaleString('en-US')} steps.`, testId: 'start-shipped' }
      : { label: 'Continue from the shipped base model', note: 'This build of the lab ships no base checkpoint yet, so only a run from scratch is possible.', testId: 'start-shipped' },
  ];
  const own = mine && !mine.startsWith(SHIPPED_PREFIX) ? slots.find((s) => s.id === mine) : undefined;
  if (own) opts.push({ slotId: own.id, label: 'Continue from my base model', note: `${own.name}, kept at step ${own.step.toLocaleString('en-US')}.`, testId: 'start-mine' });
  return opts;
}

function OwnText({ tok }: { tok: Tokenizer | null }) {
  const loaded = useLab((s) => s.userData.pretrain);
  const first = loaded?.kind === 'pretrain' ? loaded.docs[0] : undefined;
  const chars = loaded?.kind === 'pretrain' ? loaded.docs.reduce((n, d) => n + d.text.length, 0) : 0;
  const head = first ? first.text.slice(0, 300) : '';
  return (
    <div className="card" data-testid="own-text">
      <UploadData kind="pretrain" />
      <p role="note" data-testid="own-text-not-trained">
        <strong>Not trained on yet:</strong> the engine pretrains only on the built-in Brown Corpus for now, so a run on
        this page ignores your file. What you see here is how the file parsed and how it would tokenize.
      </p>
      {loaded?.kind === 'pretrain' && (
        <div data-testid="own-text-summary">
          <p>{loaded.docs.length.toLocaleString('en-US')} documents, {chars.toLocaleString('en-US')} characters. The start of the first one:</p>
          <div className="text-sample">{head}</div>
          {tok && <TokenStrip tokens={toShown(tok, head).slice(0, 60)} label="The start of your file as tokens" testId="own-text-tokens" />}
        </div>
      )}
    </div>
  );
}

export default function Pretrain() {
  const gpu = useLab((s) => s.gpu);
  const run = useLab((s) => s.run);
  const data = useLab((s) => s.data);
  const evals = useLab((s) => s.evals);
  const setDraft = useLab((s) => s.setDraft);
  const drawnPreset = useLab((s) => (s.run.settings?.task?.kind ?? 'pretrain') === 'pretrain' && s.run.settings ? s.run.settings.preset : s.draft.preset);
  const tokSt = useLoaded(loadPageTokenizer);
  const sampleSt = useLoaded(loadSample);
  const startOptions = useStartOptions();
  const tok = tokSt.state === 'ready' ? tokSt.value : null;
  const sample = sampleSt.state === 'ready' ? sampleSt.value : '';
  const vocab = data.state === 'ready' ? data.vocabSize : (tok?.vocabSize ?? 1024);
  const otherKind = run.settings?.task && run.settings.task.kind !== 'pretrain' ? run.settings.task.kind : null;
  const hasPretrainSave = useLab((s) => s.slots.some((x) => x.id === AUTOSAVE_IDS.pretrain));
  const busy = run.status === 'training' || run.status === 'loading' || run.status === 'recovering';

  // With no run yet, propose the lesson's size for this adapter: the first preferred preset that fits.
  const limits = gpu.state === 'ready' ? gpu.report.limits : undefined;
  const fallback = gpu.state === 'ready' && gpu.report.isFallback;
  useEffect(() => {
    if (!limits || useLab.getState().run.status !== 'idle') return;
    const want = lessonOnePreset(limits, fallback);
    if (want) setDraft({ preset: want, batch: presetBatch(want), steps: L.PRETRAIN_RECIPE.steps, lr: L.PRETRAIN_RECIPE.lr, seed: L.PRETRAIN_RECIPE.seed });
  }, [limits, fallback, setDraft]);

  const pair = tok && sample ? toShown(tok, sample).slice(0, L.PAIR_TOKENS + 1) : [];
  const needsGpu = (what: string) => (gpu.state === 'ready' ? null : <p className="muted" data-testid="needs-gpu">{what} needs WebGPU{gpu.state === 'probing' ? ': asking the browser for an adapter…' : ', which is not available here (see the note at the top).'}</p>);

  const panels = {
    [S.what]: (
      <div className="card">
        <Status st={sampleSt} what="the corpus sample" />
        {sample && <div className="text-sample" data-testid="corpus-sample">{sample}</div>}
        <p className="small muted">From <code>datasets/corpus-train.txt</code>, the first {[...sample].length} characters of about 5 MB.</p>
      </div>
    ),
    [S.tokens]: (
      <>
        <Status st={tokSt} what="the tokenizer" />
        {tok && sample && <TokensPanel tok={tok} sample={sample} />}
      </>
    ),
    [S.pairs]: pair.length > 1 ? <div className="card"><InputTargetPair window={pair} /></div> : null,
    [S.train]: gpu.state === 'ready' ? (
      <>
        <div className="card">
          <ModelDiagram preset={drawnPreset} head="lm"
            caption={<>The {drawnPreset} model this run trains: in pretraining every part is lit, because every weight learns. The head reuses the token embedding (tied), so it adds no parameters of its own.</>} />
        </div>
        {otherKind && (
          <p role="note" className="card warn" data-testid="other-run">
            The engine's current run is a {otherKind} run from another lesson, so the controls below act on it. Starting a
            run here replaces it as the current run; its own autosave stays.{' '}
            {hasPretrainSave && <button type="button" disabled={busy} onClick={() => restoreRun('pretrain')} data-testid="restore-pretrain">Bring back my pretraining run</button>}
          </p>
        )}
        <RunPanel vocabSize={vocab} startOptions={startOptions} />
        {!otherKind && <div className="card"><FactsChart evals={evals} /></div>}
      </>
    ) : needsGpu('Training'),
    [S.samples]: gpu.state === 'ready' ? (
      <div className="card">
        <SampleTimeline storageKey="webgpu-llm-lab.timeline.pretrain.v1" prompt={L.TIMELINE_PROMPT} every={L.TIMELINE_EVERY}
          maxTokens={L.TIMELINE_TOKENS} seed={L.TIMELINE_SEED} temperature={L.TIMELINE_SAMPLING.temperature} topK={L.TIMELINE_SAMPLING.topK} />
      </div>
    ) : needsGpu('Sampling'),
    [S.keep]: gpu.state === 'ready' ? <div className="card"><KeepBase /></div> : needsGpu('Saving a model'),
    [S.own]: <OwnText tok={tok} />,
  };

  const banner = gpu.state === 'unavailable' ? (
    <>
      <p role="alert" data-testid="lesson-needs-webgpu">
        This browser offers no WebGPU, so the model cannot train here. Everything else on this page still works: read on,
        look at the corpus, its tokens and the input/target pairs.
      </p>
      <WebGPUHelp status={gpu} />
    </>
  ) : gpu.state === 'lost' ? (
    <DeviceLost gpu={gpu} note="your run is in its autosave" />
  ) : null;

  return <LessonLayout lesson={PRETRAIN_LESSON} panels={panels} banner={banner} />;
}
