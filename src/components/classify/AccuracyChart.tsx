/**
 * Training and validation accuracy (percent) against optimizer steps, with the 50% of a coin toss
 * marked. Pure props (the page passes the store's eval points); animation off.
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import './classify.css';

/** The fields of an evaluation point the chart draws (EvalPoint has them). */
export interface AccuracyPoint {
  step: number;
  valAccuracy?: number;
  trainAccuracy?: number;
}

export function AccuracyChart({ evals, width = 640, height = 260 }: { evals: readonly AccuracyPoint[]; width?: number; height?: number }) {
  const train = evals.filter((e) => e.trainAccuracy !== undefined).map((e) => ({ step: e.step, acc: 100 * e.trainAccuracy! }));
  const val = evals.filter((e) => e.valAccuracy !== undefined).map((e) => ({ step: e.step, acc: 100 * e.valAccuracy! }));
  return (
    <figure className="accuracy-chart" data-testid="accuracy-chart" data-val-points={val.length} data-train-points={train.length}
      data-last-val={val.at(-1)?.acc} aria-label={`Accuracy chart: ${train.length} training and ${val.length} validation points`}>
      <LineChart width={width} height={height} margin={{ top: 8, right: 24, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="step" domain={[0, 'dataMax']} allowDecimals={false}
          label={{ value: 'optimizer step', position: 'insideBottom', offset: -16 }} />
        <YAxis type="number" domain={[0, 100]} unit="%" label={{ value: 'accuracy (%)', angle: -90, position: 'insideLeft', offset: 0 }} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : String(v))} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" />
        <ReferenceLine y={50} stroke="#888" strokeDasharray="6 4" label={{ value: 'coin toss: 50%', position: 'insideBottomRight', fontSize: 12 }} />
        <Line data={train} dataKey="acc" name="training accuracy" stroke="#2456d6" isAnimationActive={false} />
        <Line data={val} dataKey="acc" name="validation accuracy" stroke="#b3261e" isAnimationActive={false} />
      </LineChart>
      <figcaption className="small muted">
        Share of messages labelled correctly: on the training batches since the previous check, and on the validation
        split, which the model never trains on. A gap that keeps widening means it is memorising its examples.
      </figcaption>
    </figure>
  );
}
