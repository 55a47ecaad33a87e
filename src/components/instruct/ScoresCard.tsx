/**
 * Lesson 3's scores: asks the engine for the base checkpoint's and the tuned run's format
 * adherence and family scores on a sample of the test split (with progress), scores the run by
 * itself when it finishes, and files the finished run in the runs slice with those scores.
 */
import { useEffect, useRef, useState } from 'react';
import { useLab } from '../../store/index.ts';
import { requestScores, useScore } from './engine.ts';
import type { InstructDraft } from './InstructControls.tsx';
import { ScoresPanel } from './ScoresPanel.tsx';

/** New tokens per answer when scoring: enough for the longest reference answers of the sample. */
export const SCORE_MAX_TOKENS = 32;

export interface ScoresCardProps {
  baseModel: string;
  /** the current run is an instruction run */
  tuning: boolean;
  draft: InstructDraft;
  preset: string;
}

export function ScoresCard({ baseModel, tuning }: ScoresCardProps) {
  const [limit, setLimit] = useState(20);
  const [ids, setIds] = useState<{ base: number | null; tuned: number | null; tunedStep: number | null }>({ base: null, tuned: null, tunedStep: null });
  const run = useLab((s) => s.run);
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  const addInstructRun = useLab((s) => s.addInstructRun);
  const base = useScore(ids.base);
  const tuned = useScore(ids.tuned);
  const filed = useRef<number | null>(null);
  const busy = run.status === 'training' || run.status === 'loading' || run.status === 'recovering';
  const scoring = (base.progress !== null && base.scores === null && !base.error) || (tuned.progress !== null && tuned.scores === null && !tuned.error);

  const score = (which: 'both' | 'tuned') => {
    const b = which === 'both' || base.scores === null ? requestScores(baseModel, limit, SCORE_MAX_TOKENS) : ids.base;
    const now = useLab.getState().run; // the latest run, not this render's (a finish arrives between renders)
    const isTuning = now.settings?.task?.kind === 'instruct';
    const t = isTuning ? requestScores('run', limit, SCORE_MAX_TOKENS) : null;
    setIds({ base: b, tuned: t, tunedStep: isTuning ? now.step : null });
  };

  // A run that finishes is scored by itself, so its row in the runs table has numbers. The store
  // subscription sees the moment it finishes; the ref holds this render's `score`.
  const scoreNow = useRef(score);
  useEffect(() => {
    scoreNow.current = score;
  });
  useEffect(
    () =>
      useLab.subscribe((s, prev) => {
        if (s.run.status === 'done' && prev.run.status !== 'done' && s.run.settings?.task?.kind === 'instruct') scoreNow.current('tuned');
      }),
    [],
  );

  // File the finished run once its scores are in.
  useEffect(() => {
    const t = run.settings?.task;
    if (!tuned.scores || ids.tuned === null || filed.current === ids.tuned || t?.kind !== 'instruct' || run.status !== 'done' || ids.tunedStep !== run.step) return;
    filed.current = ids.tuned;
    addInstructRun({
      masked: t.maskPrompt, lora: t.lora, loraRank: t.lora ? t.loraRank : undefined, steps: run.step, formatAdherence: tuned.scores.formatAdherence,
      families: tuned.scores.families, baseFormatAdherence: base.scores?.formatAdherence, preset: run.settings?.preset, parent: run.parent, finishedAt: Date.now(),
    });
  }, [tuned.scores, ids, run, base.scores, addInstructRun]);

  return (
    <div className="scores-card" data-testid="scores-card">
      <h3>Scores on held-out test instructions</h3>
      <div className="controls-row">
        <label>
          Instructions to score{' '}
          <select data-testid="score-limit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {[10, 20, 50, 100, 450].map((n) => <option key={n} value={n}>{n === 450 ? 'all 450' : n}</option>)}
          </select>
        </label>
        <button type="button" data-testid="score-both" disabled={!gpuReady || busy || scoring} onClick={() => score('both')}>
          Score {tuning ? 'base and tuned' : 'the base model'}
        </button>
        {busy && <span className="small muted">Scoring waits until the run is paused or done.</span>}
      </div>
      {(base.error || tuned.error) && <p role="alert" className="error" data-testid="score-error">{base.error ?? tuned.error}</p>}
      <ScoresPanel base={base.scores} tuned={tuned.scores} baseProgress={base.scores ? null : base.progress} tunedProgress={tuned.scores ? null : tuned.progress}
        tunedName={ids.tunedStep !== null ? `step ${ids.tunedStep}` : 'not scored'} />
      <p className="small muted">
        Greedy answers of at most {SCORE_MAX_TOKENS} tokens, families taken in turn from the test split. A small sample is quick but noisy: one
        answer is {limit > 0 ? (100 / limit).toFixed(0) : '–'} percentage points.
      </p>
    </div>
  );
}
