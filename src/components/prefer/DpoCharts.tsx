/**
 * Lesson 4's live charts of a preference run, against optimizer steps: the loss (DPO part, total
 * with the NLL and replay terms, and the replayed pretraining text's own NLL when the run replays
 * it), the reward margin, and the chosen and rejected answers' summed
 * log-probabilities. Pure props: the page passes the run's metric read-backs (those with `dpo`).
 * Animation off, so a growing run redraws cheaply.
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricPoint } from '../../store/trainingSlice.ts';

interface Series {
  key: string;
  name: string;
  color: string;
}

function Chart({ rows, series, yLabel, testId, zero, caption }: { rows: Record<string, number>[]; series: Series[]; yLabel: string; testId: string; zero?: boolean; caption: string }) {
  return (
    <figure className="loss-chart" data-testid={testId} data-points={rows.length} data-last={rows.at(-1)?.[series[0].key]} aria-label={`${yLabel}: ${rows.length} points`}>
      <LineChart data={rows} width={420} height={220} margin={{ top: 8, right: 16, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="step" domain={[0, 'dataMax']} label={{ value: 'optimizer step', position: 'insideBottom', offset: -16 }} />
        <YAxis type="number" domain={['auto', 'auto']} label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 0 }} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" />
        {zero && <ReferenceLine y={0} stroke="#888" strokeDasharray="6 4" />}
        {series.map((s) => <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} dot={rows.length < 30} isAnimationActive={false} />)}
      </LineChart>
      <figcaption className="small muted">{caption}</figcaption>
    </figure>
  );
}

/** The three charts of a preference run's read-backs. */
export function DpoCharts({ metrics, beta }: { metrics: readonly MetricPoint[]; beta: number }) {
  const rows = metrics.filter((m) => m.dpo).map((m) => ({ step: m.step, loss: m.loss, ...m.dpo! }));
  const replays = rows.some((r) => r.replay !== undefined);
  const lossSeries = [{ key: 'dpoLoss', name: 'DPO loss', color: '#2456d6' }, { key: 'loss', name: replays ? 'total (with NLL and replay)' : 'total (with NLL)', color: '#8a4b00' }];
  return (
    <div className="dpo-charts" data-testid="dpo-charts">
      <Chart rows={rows} testId="dpo-loss-chart" yLabel="loss (nats)"
        caption={`The DPO loss starts at ln 2 ≈ 0.69 (no preference yet) and falls as pairs are ordered; the total adds the NLL term on the chosen answers${replays ? ', and the replayed pretraining text\'s NLL per token, which should stay near where pretraining left it' : ''}.`}
        series={replays ? [...lossSeries, { key: 'replay', name: 'replayed text (NLL per token)', color: '#6b3fa0' }] : lossSeries} />
      <Chart rows={rows} testId="dpo-margin-chart" yLabel={`margin (β = ${beta} × nats)`} zero caption="Reward margin: how much more the chosen answers gained than the rejected ones, against the reference. It starts at 0."
        series={[{ key: 'margin', name: 'reward margin', color: '#1b7a3d' }]} />
      <Chart rows={rows} testId="dpo-logp-chart" yLabel="log-probability (nats)" caption="Summed log-probability of each answer's tokens under the model being trained (means over the step's pairs)."
        series={[{ key: 'chosen', name: 'chosen answers', color: '#1b7a3d' }, { key: 'rejected', name: 'rejected answers', color: '#b3261e' }]} />
    </div>
  );
}
