/**
 * Lesson 3's scores: asks the engine for the base checkpoint's and the tuned run's format
 * adherence and family scores on a sample of the test split (with progress), scores the run by
 * itself when it finishes, and files the finished run in the runs slice with those scores.
 */
import { useEffect, useRef, useState } from 'react';
import { useLab } from '../../store/index.ts';
import type { RunSettings } from '../../store/trainingSlice.ts';
import { requestScores, useScore, type ScoreResult } from './engine.ts';
import { ScoresPanel } from './ScoresPanel.tsx';
import { INSTRUCT_SCORING } from '../../lessons/instruct/recipe.ts';

/** New tokens per answer when scoring: enough for the longest reference answers of the sample. */
const SCORE_MAX_TOKENS = INSTRUCT_SCORING.maxTokens;

export interface ScoresCardProps {
  /** the checkpoint the base column is scored on */
  baseModel: string;
}

/** A request was sent and has neither answered nor failed. */
const waiting = (id: number | null, r: ScoreResult) => id !== null && r.scores === null && r.error === null;

/** The request ids of one scoring: the base checkpoint, the run's model, and the step it was at. */
interface ScoreIds {
  base: number | null;
  tuned: number | null;
  tunedStep: number | null;
}

/** A run that finished on this page, with the scoring asked for it then (its row is filed from these). */
interface Finished extends ScoreIds {
  settings: RunSettings;
  parent?: string;
}

export function ScoresCard({ baseModel }: ScoresCardProps) {
  const [limit, setLimit] = useState<number>(INSTRUCT_SCORING.limit);
  const [ids, setIds] = useState<ScoreIds>({ base: null, tuned: null, tunedStep: null });
  const [finished, setFinished] = useState<Finished | null>(null);
  const run = useLab((s) => s.run);
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  const addInstructRun = useLab((s) => s.addInstructRun);
  const base = useScore(ids.base);
  const tuned = useScore(ids.tuned);
  const finBase = useScore(finished?.base ?? null);
  const finTuned = useScore(finished?.tuned ?? null);
  const filed = useRef<number | null>(null);
  const tuning = run.settings?.task?.kind === 'instruct';
  const busy = run.status === 'training' || run.status === 'loading' || run.status === 'recovering';
  const scoring = waiting(ids.base, base) || waiting(ids.tuned, tuned);

  const score = (which: 'both' | 'tuned'): ScoreIds => {
    const b = which === 'both' || base.scores === null ? requestScores(baseModel, limit, SCORE_MAX_TOKENS) : ids.base;
    const now = useLab.getState().run; // the latest run, not this render's (a finish arrives between renders)
    const isTuning = now.settings?.task?.kind === 'instruct';
    const next = { base: b, tuned: isTuning ? requestScores('run', limit, SCORE_MAX_TOKENS) : null, tunedStep: isTuning ? now.step : null };
    setIds(next);
    return next;
  };

  // A run that finishes training here is scored by itself, so its row in the runs table has numbers.
  // The store subscription sees the moment it finishes; the ref holds this render's `score`.
  const scoreNow = useRef(score);
  useEffect(() => {
    scoreNow.current = score;
  });
  useEffect(
    () =>
      useLab.subscribe((s, prev) => {
        const st = s.run.settings;
        if (s.run.status === 'done' && prev.run.status === 'training' && st?.task?.kind === 'instruct') setFinished({ ...scoreNow.current('tuned'), settings: st, parent: s.run.parent });
      }),
    [],
  );

  // File the finished run once, when its own scores (and the base's, if asked) are in; a later rescore adds no row.
  useEffect(() => {
    const t = finished?.settings.task;
    if (!finished || finished.tuned === null || !finTuned.scores || filed.current === finished.tuned || t?.kind !== 'instruct') return;
    if (waiting(finished.base, finBase)) return;
    filed.current = finished.tuned;
    addInstructRun({
      masked: t.maskPrompt, lora: t.lora, loraRank: t.lora ? t.loraRank : undefined, steps: finished.tunedStep ?? finished.settings.steps,
      formatAdherence: finTuned.scores.formatAdherence, families: finTuned.scores.families, baseFormatAdherence: finBase.scores?.formatAdherence,
      preset: finished.settings.preset, parent: finished.parent, finishedAt: Date.now(),
    });
  }, [finished, finTuned, finBase, addInstructRun]);

  return (
    <div className="scores-card" data-testid="scores-card">
      <h3>Scores on held-out test instructions</h3>
      <div className="controls-row">
        <label>
          Instructions to score{' '}
          <select data-testid="score-limit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {INSTRUCT_SCORING.limits.map((n) => <option key={n} value={n}>{n === 450 ? 'all 450' : n}</option>)}
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
