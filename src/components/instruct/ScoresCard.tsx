/**
 * Lesson 3's scores: the base checkpoint's and the tuned run's format adherence and family scores
 * on a sample of the test split. A run that finishes here is scored by the engine itself (its
 * report, filed in the runs table by the store); the learner can score both again on any sample.
 */
import { useState } from 'react';
import { INSTRUCT_SCORING } from '../../lessons/instruct/recipe.ts';
import { scoreInstruct, useAnswer } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { ScoresPanel } from './ScoresPanel.tsx';

const { maxTokens: SCORE_MAX_TOKENS, seed: SCORE_SEED } = INSTRUCT_SCORING;

export interface ScoresCardProps {
  /** the checkpoint the base column is scored on */
  baseModel: string;
}

/** The request ids of one scoring: the base checkpoint, the run's model, and the step it was at. */
interface ScoreIds {
  base: number | null;
  tuned: number | null;
  tunedStep: number | null;
}

export function ScoresCard({ baseModel }: ScoresCardProps) {
  const [limit, setLimit] = useState<number>(INSTRUCT_SCORING.limit);
  const [ids, setIds] = useState<ScoreIds>({ base: null, tuned: null, tunedStep: null });
  const run = useLab((s) => s.run);
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  // The finished run's own scores, until the learner asks again.
  const report = useLab((s) => (s.reports.instruct?.kind === 'instruct' ? s.reports.instruct : undefined));
  const base = useAnswer('instructScores', ids.base);
  const tuned = useAnswer('instructScores', ids.tuned);
  const tuning = run.settings?.task?.kind === 'instruct';
  const busy = run.status === 'training' || run.status === 'loading' || run.status === 'recovering';
  const waiting = (id: number | null, a: typeof base) => id !== null && a.result === null && a.error === null;
  const scoring = waiting(ids.base, base) || waiting(ids.tuned, tuned);

  const score = () => {
    const opts = { limit, maxTokens: SCORE_MAX_TOKENS, seed: SCORE_SEED };
    setIds({ base: scoreInstruct(baseModel, opts), tuned: tuning ? scoreInstruct('run', opts) : null, tunedStep: tuning ? run.step : null });
  };
  const asked = ids.base !== null;
  const shown = asked
    ? { base: base.result?.scores ?? null, tuned: tuned.result?.scores ?? null, step: ids.tunedStep }
    : { base: report?.baseScores ?? null, tuned: report?.scores ?? null, step: report ? report.step : null };

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
        <button type="button" data-testid="score-both" disabled={!gpuReady || busy || scoring} onClick={score}>
          Score {tuning ? 'base and tuned' : 'the base model'}
        </button>
        {busy && <span className="small muted">Scoring waits until the run is paused or done.</span>}
      </div>
      {(base.error || tuned.error) && <p role="alert" className="error" data-testid="score-error">{base.error ?? tuned.error}</p>}
      <ScoresPanel base={shown.base} tuned={shown.tuned} baseProgress={asked ? base.progress : null} tunedProgress={asked ? tuned.progress : null}
        tunedName={shown.step !== null ? `step ${shown.step}` : 'not scored'} />
      <p className="small muted">
        Greedy answers of at most {SCORE_MAX_TOKENS} tokens, families taken in turn from the test split. A small sample is quick but noisy: one
        answer is {limit > 0 ? (100 / limit).toFixed(0) : '–'} percentage points.
      </p>
    </div>
  );
}
