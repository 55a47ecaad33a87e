/**
 * Lesson 3's world rows: the base checkpoint and the tuned run asked about the made-up world's three
 * kinds of people (tuned on, only in pretraining, never seen), each row with its format, exact
 * match, mean confidence (the probability the model gave its own answer) and what it proves. Sends
 * only through engine.ts.
 */
import { useState } from 'react';
import { worldRows, type WorldRow } from '../../data/scorers.ts';
import { INSTRUCT_SCORING } from '../../lessons/instruct/recipe.ts';
import { WORLD_INTRO, WORLD_ROWS, WORLD_SCORE_LIMIT } from '../../lessons/instruct/world.ts';
import { scoreInstruct, useAnswer } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import type { ScoreSet } from './ScoresPanel.tsx';
import './instruct.css';

/** New tokens per answer: the lesson's scoring setting. */
const SCORE_MAX_TOKENS = INSTRUCT_SCORING.maxTokens;

const pct = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : `${Math.round(100 * x)}%`);
const conf = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(2));

/** The three rows of a score set, by group. */
const rowsOf = (s: ScoreSet | null): Map<string, WorldRow> => new Map((s ? worldRows(s.families) : []).map((r) => [r.group, r]));

export function WorldCard({ baseModel }: { baseModel: string }) {
  const [ids, setIds] = useState<{ base: number | null; tuned: number | null }>({ base: null, tuned: null });
  const run = useLab((s) => s.run);
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  const base = useAnswer('instructScores', ids.base);
  const tuned = useAnswer('instructScores', ids.tuned);
  const tuning = run.settings?.task?.kind === 'instruct';
  const busy = run.status === 'training' || run.status === 'loading' || run.status === 'recovering';
  const pending = (id: number | null, r: typeof base) => id !== null && r.result === null && r.error === null;
  const ask = () => {
    const opts = { limit: WORLD_SCORE_LIMIT, maxTokens: SCORE_MAX_TOKENS, seed: INSTRUCT_SCORING.seed, families: ['world'] };
    setIds({ base: scoreInstruct(baseModel, opts), tuned: tuning ? scoreInstruct('run', opts) : null });
  };
  const b = rowsOf(base.result?.scores ?? null);
  const t = rowsOf(tuned.result?.scores ?? null);
  const progress = [base, tuned].map((r) => r.progress).find((p, i) => p && pending(i === 0 ? ids.base : ids.tuned, i === 0 ? base : tuned));
  return (
    <div className="scores-card" data-testid="world-card">
      <h3>What the model knows about the made-up world</h3>
      <p>{WORLD_INTRO}</p>
      <button type="button" data-testid="world-score" disabled={!gpuReady || busy || pending(ids.base, base) || pending(ids.tuned, tuned)} onClick={ask}>
        Ask {tuning ? 'the base and the tuned model' : 'the base model'} about {WORLD_SCORE_LIMIT} people
      </button>
      {busy && <span className="small muted"> Asking waits until the run is paused or done.</span>}
      {progress && <p className="small" data-testid="world-progress"><progress max={progress.total} value={progress.done} /> {progress.done} of {progress.total} questions</p>}
      {(base.error || tuned.error) && <p role="alert" className="error">{base.error ?? tuned.error}</p>}
      <table className="data" data-testid="world-table">
        <caption>Questions about people of the made-up world (chance: 1 in 16, about 6%)</caption>
        <thead>
          <tr>
            <th scope="col">who</th><th scope="col">questions</th>
            <th scope="col">format base / tuned</th><th scope="col">exact base / tuned</th><th scope="col">confidence base / tuned</th>
            <th scope="col">what it shows</th>
          </tr>
        </thead>
        <tbody>
          {WORLD_ROWS.map((w) => {
            const rb = b.get(w.group);
            const rt = t.get(w.group);
            return (
              <tr key={w.group} data-testid="world-row" data-group={w.group} data-n={(rt ?? rb)?.n ?? 0}
                data-exact-base={rb?.exact ?? ''} data-exact-tuned={rt?.exact ?? ''} data-confidence-tuned={rt?.confidence ?? ''}>
                <th scope="row">{w.name}</th>
                <td>{(rt ?? rb)?.n ?? '–'}</td>
                <td>{pct(rb?.format)} / {pct(rt?.format)}</td>
                <td>{pct(rb?.exact)} / {pct(rt?.exact)}</td>
                <td>{conf(rb?.confidence)} / {conf(rt?.confidence)}</td>
                <td className="small">{w.proves}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small muted">
        Exact: the answer is the taught one ("Born in Marden."). Confidence: the probability the model gave the whole
        answer it wrote, averaged over the row. Greedy answers of at most {SCORE_MAX_TOKENS} tokens.
      </p>
    </div>
  );
}
