/**
 * The live loss chart: training loss (each read-back) and validation loss in nats against tokens
 * seen, with ln(V) marked: the loss of a model that spreads its bets evenly over the V tokens,
 * where a fresh model starts. Reads the store's downsampled series; animation off.
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useLab } from '../../store/index.ts';
import { formatCount } from './format.ts';
import './engine.css';

export function LossChart({ width = 640, height = 300 }: { width?: number; height?: number }) {
  const metrics = useLab((s) => s.metrics);
  const evals = useLab((s) => s.evals);
  const data = useLab((s) => s.data);
  const vocab = data.state === 'ready' ? data.vocabSize : 1024;
  const lnV = Math.log(vocab);
  const train = metrics.map((m) => ({ tokens: m.tokens, loss: m.loss }));
  const val = evals.map((e) => ({ tokens: e.tokens, loss: e.valLoss }));
  return (
    <figure className="loss-chart" data-testid="loss-chart" data-points={metrics.length} data-eval-points={evals.length}
      data-first-loss={metrics[0]?.loss} data-last-loss={metrics.at(-1)?.loss}
      aria-label={`Loss chart: ${metrics.length} training and ${evals.length} validation points`}>
      <LineChart width={width} height={height} margin={{ top: 8, right: 24, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="tokens" domain={[0, 'dataMax']} tickFormatter={formatCount}
          label={{ value: 'tokens seen', position: 'insideBottom', offset: -16 }} />
        <YAxis type="number" domain={[0, Math.ceil(lnV + 0.5)]} allowDataOverflow
          label={{ value: 'loss (nats)', angle: -90, position: 'insideLeft', offset: 0 }} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(t) => `${formatCount(Number(t))} tokens`} />
        <Legend verticalAlign="top" />
        <ReferenceLine y={lnV} stroke="#888" strokeDasharray="6 4"
          label={{ value: `start: ln(${vocab}) = ${lnV.toFixed(2)}`, position: 'insideTopRight', fontSize: 12 }} />
        <Line data={train} dataKey="loss" name="training loss" stroke="#2456d6" dot={false} isAnimationActive={false} />
        <Line data={val} dataKey="loss" name="validation loss" stroke="#b3261e" isAnimationActive={false} />
      </LineChart>
      <figcaption className="small muted">
        Cross-entropy in nats: how surprised the model is by the next token, on average. A model that guesses evenly
        among all {vocab} tokens scores ln({vocab}) ≈ {lnV.toFixed(2)}; lower is better.
      </figcaption>
    </figure>
  );
}
