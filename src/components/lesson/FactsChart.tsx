/**
 * Lesson 1's "facts the model knows" chart: after each validation pass of a pretraining run, the
 * share of known people (biographies in the corpus) and of unknown people (in no text) whose home
 * town the model ranks first of the 16 after "X was born in", against chance (1 in 16). Pure
 * props, no store: the page passes the run's evaluation points (EvalPoint.facts).
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../engine/format.ts';
import './lesson.css';

/** An evaluation point that may carry the probe's result. */
export interface FactsEval {
  step: number;
  tokens: number;
  /** fractions known of `n` facts per side, and chance (the worker's FactsPoint) */
  facts?: { known: number; unknown: number; n: number; chance: number };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

export function FactsChart({ evals, width = 640, height = 220 }: { evals: readonly FactsEval[]; width?: number; height?: number }) {
  const rows = evals.filter((e) => e.facts).map((e) => ({ tokens: e.tokens, step: e.step, known: 100 * e.facts!.known, unknown: 100 * e.facts!.unknown }));
  const last = evals.findLast((e) => e.facts)?.facts;
  return (
    <figure className="loss-chart" data-testid="facts-chart" data-points={rows.length}
      data-known={last?.known} data-unknown={last?.unknown} data-chance={last?.chance} aria-label={`Facts the model knows: ${rows.length} probes`}>
      {last ? (
        <p data-testid="facts-latest">
          At step {rows.at(-1)!.step.toLocaleString('en-US')} the model ranks the right home town first for{' '}
          <strong>{pct(last.known)}</strong> of {last.n} known people and <strong>{pct(last.unknown)}</strong> of {last.n} unknown
          people; guessing gets {pct(last.chance)}.
        </p>
      ) : (
        <p className="muted" data-testid="facts-waiting">The first probe comes with the first validation pass of a pretraining run.</p>
      )}
      <LineChart data={rows} width={width} height={height} margin={{ top: 8, right: 24, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="tokens" domain={[0, 'dataMax']} tickFormatter={formatCount}
          label={{ value: 'tokens seen', position: 'insideBottom', offset: -16 }} />
        <YAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`}
          label={{ value: 'facts known', angle: -90, position: 'insideLeft', offset: 0 }} />
        <Tooltip formatter={(v) => `${Math.round(Number(v))}%`} labelFormatter={(t) => `${formatCount(Number(t))} tokens seen`} />
        <Legend verticalAlign="top" />
        {last && <ReferenceLine y={100 * last.chance} stroke="#888" strokeDasharray="6 4" label={{ value: `chance ${pct(last.chance)}`, position: 'insideTopRight', fontSize: 12 }} />}
        <Line dataKey="known" name="known people" stroke="#2456d6" isAnimationActive={false} />
        <Line dataKey="unknown" name="unknown people" stroke="#b3261e" isAnimationActive={false} />
      </LineChart>
      <figcaption className="small muted">
        The cue test: the model reads "Name was born in" and each of the 16 towns after it; a fact counts as known when
        the right town is the likeliest. Known people have biographies in the training text; unknown people appear
        nowhere in it, so for them the model can only guess.
      </figcaption>
    </figure>
  );
}
