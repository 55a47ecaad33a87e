/**
 * A loss chart for any run the lab trains: training loss (each read-back) and validation loss in
 * nats against tokens seen, with the loss of a uniform guess, ln(choices), marked as where a fresh
 * model starts, and perplexity (e^loss) on a second axis and in the tooltip. Pure props, no store:
 * the workshop and every lesson pass their own series. Series should arrive downsampled (the
 * store's series are capped at MAX_POINTS by src/worker/downsample.ts appendCapped); animation is
 * off so a growing run redraws cheaply.
 */
import type { ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../engine/format.ts';
import './lesson.css';

/** The fields of a training read-back the chart draws (MetricPoint has them). */
export interface LossPoint {
  step: number;
  tokens: number;
  loss: number;
}

/** The fields of a validation pass the chart draws (EvalPoint has them). */
export interface ValPoint {
  step: number;
  tokens: number;
  valLoss: number;
}

export interface LossChartProps {
  metrics: readonly LossPoint[];
  evals: readonly ValPoint[];
  /** how many outcomes the model chooses among (vocabulary size, or classes): the start is ln(choices) */
  choices: number;
  /** the reference line's label; the value ln(choices) is appended */
  referenceLabel?: string;
  /** show perplexity (e^loss) on a right-hand axis and in the tooltip; off for classifiers */
  perplexity?: boolean;
  width?: number;
  height?: number;
  testId?: string;
  /** replaces the default caption */
  caption?: ReactNode;
  /** vertical marks at moments of the run (a kernel swapped in, say), at tokens seen */
  marks?: readonly { tokens: number; label: string }[];
}

/** Perplexity of a loss in nats: the number of equally likely choices the model is as unsure as. */
export function perplexityOf(loss: number): number {
  return Math.exp(loss);
}

/** One row per x position: the training and/or validation loss there (one table, so the tooltip finds both). */
export function mergeSeries(metrics: readonly LossPoint[], evals: readonly ValPoint[]): { tokens: number; train?: number; val?: number }[] {
  const at = new Map<number, { tokens: number; train?: number; val?: number }>();
  for (const m of metrics) at.set(m.tokens, { ...at.get(m.tokens), tokens: m.tokens, train: m.loss });
  for (const e of evals) at.set(e.tokens, { ...at.get(e.tokens), tokens: e.tokens, val: e.valLoss });
  return [...at.values()].sort((a, b) => a.tokens - b.tokens);
}

function formatPpl(p: number): string {
  return p >= 100 ? Math.round(p).toLocaleString('en-US') : p.toFixed(1);
}

interface TipProps {
  active?: boolean;
  label?: unknown;
  payload?: readonly { name?: unknown; value?: unknown; color?: string }[];
  perplexity: boolean;
}

function ChartTip({ active, label, payload, perplexity }: TipProps) {
  if (!active || !payload?.length) return null;
  const rows = payload.filter((p) => typeof p.value === 'number' && p.name !== 'hidden');
  return (
    <div className="chart-tooltip">
      <p><strong>{formatCount(Number(label))} tokens seen</strong></p>
      {rows.map((p, i) => (
        <p key={i} style={{ color: p.color }}>
          {String(p.name)}: {(p.value as number).toFixed(3)} nats
          {perplexity && <> · perplexity {formatPpl(perplexityOf(p.value as number))}</>}
        </p>
      ))}
    </div>
  );
}

export function LossChart({
  metrics, evals, choices, referenceLabel = 'start: ln(vocabulary)', perplexity = true, width = 640, height = 300, testId = 'loss-chart', caption, marks = [],
}: LossChartProps) {
  const lnV = Math.log(choices);
  const top = Math.ceil(lnV + 0.5);
  const rows = mergeSeries(metrics, evals);
  return (
    <figure className="loss-chart" data-testid={testId} data-points={metrics.length} data-eval-points={evals.length}
      data-first-loss={metrics[0]?.loss} data-last-loss={metrics.at(-1)?.loss} data-reference={lnV} data-marks={marks.length}
      aria-label={`Loss chart: ${metrics.length} training and ${evals.length} validation points`}>
      <LineChart data={rows} width={width} height={height} margin={{ top: 8, right: perplexity ? 8 : 24, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="tokens" domain={[0, 'dataMax']} tickFormatter={formatCount}
          label={{ value: 'tokens seen', position: 'insideBottom', offset: -16 }} />
        <YAxis yAxisId="loss" type="number" domain={[0, top]} allowDataOverflow
          label={{ value: 'loss (nats)', angle: -90, position: 'insideLeft', offset: 0 }} />
        {perplexity && (
          // Same scale as the loss axis, ticks relabelled as e^loss: perplexity is a monotone map of loss.
          <YAxis yAxisId="ppl" orientation="right" type="number" domain={[0, top]} allowDataOverflow
            tickFormatter={(v: number) => formatPpl(perplexityOf(v))}
            label={{ value: 'perplexity', angle: 90, position: 'insideRight', offset: 0 }} />
        )}
        <Tooltip content={(p) => <ChartTip active={p.active} label={p.label} payload={p.payload as TipProps['payload']} perplexity={perplexity} />} />
        <Legend verticalAlign="top" />
        <ReferenceLine yAxisId="loss" y={lnV} stroke="#888" strokeDasharray="6 4"
          label={{ value: `${referenceLabel} = ${lnV.toFixed(2)}`, position: 'insideTopRight', fontSize: 12 }} />
        {marks.map((m, i) => (
          <ReferenceLine key={i} yAxisId="loss" x={m.tokens} stroke="#8a4b00" strokeDasharray="3 3"
            label={{ value: m.label, position: 'insideTopLeft', fontSize: 11, fill: '#8a4b00' }} />
        ))}
        <Line yAxisId="loss" dataKey="train" name="training loss" stroke="#2456d6" dot={false} connectNulls isAnimationActive={false} />
        <Line yAxisId="loss" dataKey="val" name="validation loss" stroke="#b3261e" connectNulls isAnimationActive={false} />
        {/* Recharts draws an axis only for a series bound to it: an invisible copy anchors the perplexity axis. */}
        {perplexity && <Line yAxisId="ppl" dataKey="train" name="hidden" stroke="transparent" dot={false} activeDot={false} legendType="none" isAnimationActive={false} />}
      </LineChart>
      <figcaption className="small muted">
        {caption ?? (
          <>
            Cross-entropy in nats: how surprised the model is by the right next token, on average. Guessing evenly among
            all {choices} choices scores ln({choices}) ≈ {lnV.toFixed(2)}, the dashed line; lower is better.
            {perplexity && <> Perplexity, e to the loss, reads the same number as "as unsure as a fair pick among this many tokens".</>}
          </>
        )}
      </figcaption>
    </figure>
  );
}
