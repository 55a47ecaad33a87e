/**
 * Lesson 4, preference tuning (DPO): why SFT cannot teach refusal, the world's pairs (and the
 * learner's own, hand-made or uploaded), a run from an instruction-tuned checkpoint with live
 * charts of the DPO loss, reward margin and chosen/rejected log-probabilities, and the before/after
 * table when it finishes. Composes components; engine traffic goes through the store's api.ts.
 */
import { useEffect, useState } from 'react';
import { DeviceLost } from '../../components/DeviceLost.tsx';
import { ModelDiagram } from '../../components/diagram/ModelDiagram.tsx';
import { StartEstimate } from '../../components/measure/StartEstimate.tsx';
import { LessonLayout } from '../../components/lesson/LessonLayout.tsx';
import { RunProgress, useRunProgress } from '../../components/lesson/RunProgress.tsx';
import { BeforeAfter } from '../../components/prefer/BeforeAfter.tsx';
import { CorpusProgress } from '../../components/engine/CorpusProgress.tsx';
import { DpoCharts } from '../../components/prefer/DpoCharts.tsx';
import { HandPairs } from '../../components/prefer/HandPairs.tsx';
import { PairsUpload } from '../../components/prefer/PairsUpload.tsx';
import { PairsViewer } from '../../components/prefer/PairsViewer.tsx';
import { WebGPUHelp } from '../../components/WebGPUHelp.tsx';
import { useBuiltinDataset } from '../../components/data/useBuiltinDatasets.ts';
import type { PrefPair } from '../../data/prefs.ts';
import { PREFER_LESSON } from '../../lessons/prefer/content.ts';
import { PREFER_RECIPE, PREFER_SCORING, preferRunSize } from '../../lessons/prefer/recipe.ts';
import { listCheckpoints, pauseRun, resumeRun, SHIPPED_INSTRUCT, startFinetune } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { presetBatch, presetRows } from '../../store/presets.ts';

export default function Prefer() {
  const gpu = useLab((s) => s.gpu);
  const run = useLab((s) => s.run);
  const slots = useLab((s) => s.slots);
  const metrics = useLab((s) => s.metrics);
  const trainError = useLab((s) => s.engineErrors.train);
  const progress = useRunProgress();
  const prefs = useBuiltinDataset('prefs');
  const [from, setFrom] = useState('');
  const [steps, setSteps] = useState(PREFER_RECIPE.steps);
  const [beta, setBeta] = useState(PREFER_RECIPE.beta);
  const [nll, setNll] = useState(PREFER_RECIPE.nll);
  const [replay, setReplay] = useState(PREFER_RECIPE.replay);
  const [lora, setLora] = useState(false);
  const [dataset, setDataset] = useState<'world' | 'upload'>('world');
  const [limit, setLimit] = useState(PREFER_SCORING.limit);
  const [mine, setMine] = useState<PrefPair[]>([]);

  useEffect(() => {
    if (gpu.state === 'ready') listCheckpoints();
  }, [gpu.state]);

  const starts = slots.filter((s) => s.stage === 'instruct');
  const start = starts.find((s) => s.id === from) ?? starts.find((s) => s.id === SHIPPED_INSTRUCT) ?? starts[0];
  const preferring = run.settings?.task?.kind === 'prefer';
  const training = run.status === 'training' || run.status === 'loading' || run.status === 'recovering';
  const live = gpu.state === 'ready';
  const blocked = !live ? 'Needs WebGPU.' : training ? 'A run is training: pause it first.' : !start ? 'Waiting for the list of checkpoints…' : null;
  const questions = prefs.state === 'ready' && prefs.data.kind === 'prefs' ? prefs.data.pairs.filter((p) => p.kind === 'unknown').slice(0, 30).map((p) => p.instruction) : [];
  const runBeta = run.settings?.task?.kind === 'prefer' ? run.settings.task.beta : beta;

  const preset = (presetRows(undefined).find((r) => r.id === start?.preset) ?? presetRows(undefined).find((r) => r.id === 'small')!).id;
  const onStart = () => {
    if (!start) return;
    const { maxTokens, seed, families } = PREFER_SCORING;
    startFinetune({
      task: { kind: 'prefer', beta, nll, replay, replayWeight: PREFER_RECIPE.replayWeight, lora, loraRank: PREFER_RECIPE.loraRank, dataset, extra: mine, score: { limit, maxTokens, seed, families } },
      fromSlot: start.id,
      settings: { preset, steps, lr: PREFER_RECIPE.lr, seed: PREFER_RECIPE.seed, batch: presetBatch(preset) },
    });
  };
  const num = (set: (n: number) => void) => (e: React.ChangeEvent<HTMLInputElement>) => set(Number(e.target.value));

  const panels = {
    pairs: (
      <section className="card" aria-label="The pairs">
        <PairsViewer mine={mine} />
      </section>
    ),
    train: live && (
      <section className="card" aria-label="Train">
        <h3>Preference-tune an instruction-tuned model</h3>
        <div className="controls-row" data-testid="prefer-controls">
          <label>Start from{' '}
            <select data-testid="prefer-from" value={start?.id ?? ''} disabled={training} onChange={(e) => setFrom(e.target.value)}>
              {starts.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </label>
          <label>Steps <input type="number" min={1} data-testid="prefer-steps" value={steps} disabled={training} onChange={num(setSteps)} /></label>
          <label>β <input type="number" min={0.01} step={0.05} data-testid="prefer-beta" value={beta} disabled={training} onChange={num(setBeta)} /></label>
          <label>NLL weight <input type="number" min={0} step={0.5} data-testid="prefer-nll" value={nll} disabled={training} onChange={num(setNll)} /></label>
          <label title="Rows of pretraining text trained as plain next-token prediction beside each step's pairs, so the model keeps what pretraining taught it">Pretraining replay{' '}
            <select data-testid="prefer-replay" value={replay} disabled={training} onChange={(e) => setReplay(Number(e.target.value))}>
              {[0, 8, 16].map((n) => <option key={n} value={n}>{n ? `${n} rows a step` : 'off'}</option>)}
            </select>
          </label>
          <label><input type="checkbox" checked={lora} disabled={training} onChange={(e) => setLora(e.target.checked)} /> LoRA only</label>
          <label>Pairs{' '}
            <select data-testid="prefer-dataset" value={dataset} disabled={training} onChange={(e) => setDataset(e.target.value as 'world' | 'upload')}>
              <option value="world">the world's pairs</option><option value="upload">your file</option>
            </select>
          </label>
          <label>Score on{' '}
            <select data-testid="prefer-limit" value={limit} disabled={training} onChange={(e) => setLimit(Number(e.target.value))}>
              {PREFER_SCORING.limits.map((n) => <option key={n} value={n}>{n} questions</option>)}
            </select>
          </label>
        </div>
        <ModelDiagram preset={preset} head="lm" choice={lora ? 'lora' : 'all'} loraRank={PREFER_RECIPE.loraRank} reference="Frozen reference (the start model)"
          caption={<>The policy trains ({lora ? `rank-${PREFER_RECIPE.loraRank} adapters only` : 'every weight'}); the reference is the same model as it was at the start, frozen: each step reads its log-probabilities of both answers to measure how far the policy has moved.</>} />
        <p>
          <button type="button" data-testid="prefer-start" disabled={!!blocked} title={blocked ?? undefined} onClick={onStart}>Start</button>{' '}
          <StartEstimate recipe={preferRunSize(preset, steps, presetBatch(preset), replay)} testId="prefer-estimate" />{' '}
          <button type="button" className="secondary" disabled={run.status !== 'training' || !preferring} onClick={pauseRun}>Pause</button>{' '}
          <button type="button" className="secondary" disabled={!(run.status === 'paused' && preferring && run.step < (run.settings?.steps ?? 0))} onClick={resumeRun}>Resume</button>
        </p>
        <PairsUpload disabled={training} onAccepted={() => setDataset('upload')} />
        {preferring ? (
          <>
            {run.status === 'loading' && <CorpusProgress />}
            <RunProgress {...progress} testId="prefer-progress" />
            <DpoCharts metrics={metrics} beta={runBeta} />
          </>
        ) : <p className="muted" data-testid="prefer-no-run">No preference run yet: start one above.</p>}
        {trainError && <p role="alert" className="error" data-testid="prefer-error">{trainError}</p>}
      </section>
    ),
    results: live && (
      <section className="card" aria-label="Before and after">
        <BeforeAfter />
      </section>
    ),
    hand: live && (
      <section className="card" aria-label="Your own pairs">
        <HandPairs model={start?.id ?? SHIPPED_INSTRUCT} questions={questions} disabled={training ? 'A run is training.' : null} onAdd={(p) => setMine((m) => [...m, p])} />
        <p className="small" data-testid="prefer-mine-count">{mine.length} pair{mine.length === 1 ? '' : 's'} of yours will train with the next run.</p>
      </section>
    ),
  };

  const banner =
    gpu.state === 'unavailable' ? (
      <section className="card warn" data-testid="prefer-needs-webgpu">
        <p role="alert">Training and sampling need WebGPU, which this browser does not offer. The lesson text and the pairs still show.</p>
        <WebGPUHelp status={gpu} />
      </section>
    ) : gpu.state === 'lost' ? <DeviceLost gpu={gpu} /> : null;

  return <LessonLayout lesson={PREFER_LESSON} panels={panels} banner={banner} />;
}
