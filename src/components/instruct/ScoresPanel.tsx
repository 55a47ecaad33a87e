/**
 * Scores on the held-out test split for the base and the tuned model: format adherence and each
 * task family's share of accepted answers, as a table and a bar chart (percent, labelled axes).
 * Presentation only: the page asks the engine for the scores and passes them in.
 */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import './instruct.css';

/** A model's scores (the shape of the engine's InstructScores). */
export interface ScoreSet {
  n: number;
  /** fraction in [0, 1] */
  formatAdherence: number;
  /** followed and confidence: the world rows' format and mean confidence (score.ts) */
  families: { family: string; correct: number; total: number; followed?: number; confidence?: number }[];
}

/** A score request under way: done of total instructions answered. */
export interface ScoreProgress {
  done: number;
  total: number;
}

export interface ScoresPanelProps {
  base: ScoreSet | null;
  tuned: ScoreSet | null;
  baseProgress?: ScoreProgress | null;
  tunedProgress?: ScoreProgress | null;
  /** label of the tuned model (e.g. "after 40 steps") */
  tunedName: string;
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** Rows: format adherence first, then every family either model was scored on. */
export function scoreRows(base: ScoreSet | null, tuned: ScoreSet | null): { name: string; base: number | null; tuned: number | null; total: number }[] {
  const fams = [...new Set([...(base?.families ?? []), ...(tuned?.families ?? [])].map((f) => f.family))];
  const frac = (s: ScoreSet | null, fam: string) => {
    const f = s?.families.find((x) => x.family === fam);
    return f && f.total > 0 ? f.correct / f.total : null;
  };
  const total = (fam: string) => (base ?? tuned)?.families.find((x) => x.family === fam)?.total ?? 0;
  return [
    { name: 'format adherence', base: base ? base.formatAdherence : null, tuned: tuned ? tuned.formatAdherence : null, total: (base ?? tuned)?.n ?? 0 },
    ...fams.map((f) => ({ name: f, base: frac(base, f), tuned: frac(tuned, f), total: total(f) })),
  ];
}

function Progress({ p, who }: { p?: ScoreProgress | null; who: string }) {
  if (!p) return null;
  return (
    <p className="small" data-testid={`score-progress-${who}`}>
      Scoring the {who} model: <progress max={p.total} value={p.done} /> {p.done} of {p.total} instructions
    </p>
  );
}

/** Table and bar chart of the two models' scores. */
export function ScoresPanel({ base, tuned, baseProgress, tunedProgress, tunedName }: ScoresPanelProps) {
  const rows = scoreRows(base, tuned);
  // The chart's first bar is labelled "format" (the axis has no room for the long name; the table has it).
  const chart = rows.map((r, i) => ({ name: i === 0 ? 'format' : r.name, base: r.base === null ? 0 : 100 * r.base, tuned: r.tuned === null ? 0 : 100 * r.tuned }));
  const cell = (x: number | null, who: string) => <td data-testid={`score-${who}`} data-value={x ?? ''}>{x === null ? '–' : pct(x)}</td>;
  return (
    <div className="scores-panel" data-testid="scores">
      <Progress p={baseProgress} who="base" />
      <Progress p={tunedProgress} who="tuned" />
      <table className="data" data-testid="score-table">
        <caption>Test-split scores (share of instructions)</caption>
        <thead>
          <tr><th scope="col">measure</th><th scope="col">instructions</th><th scope="col">base</th><th scope="col">tuned ({tunedName})</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-testid="score-row" data-name={r.name}>
              <th scope="row" style={{ fontWeight: r.name === 'format adherence' ? 600 : 'normal' }}>{r.name}</th>
              <td>{r.total || '–'}</td>
              {cell(r.base, 'base')}
              {cell(r.tuned, 'tuned')}
            </tr>
          ))}
        </tbody>
      </table>
      {(base || tuned) && (
        <figure aria-label="Bar chart of the scores of the base and the tuned model" data-testid="score-chart">
          <BarChart width={Math.max(480, 90 * chart.length)} height={300} data={chart} margin={{ top: 8, right: 16, bottom: 56, left: 40 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" interval={0} angle={-20} textAnchor="end" height={64} label={{ value: 'measure (format, then each task family)', position: 'insideBottom', offset: -48 }} />
            <YAxis domain={[0, 100]} unit="%" label={{ value: 'instructions passed (%)', angle: -90, position: 'insideLeft', offset: -24, style: { textAnchor: 'middle' } }} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(0)}%` : String(v))} />
            <Legend verticalAlign="top" />
            <Bar dataKey="base" name="base model" fill="#8a8f99" isAnimationActive={false} />
            <Bar dataKey="tuned" name="tuned model" fill="#1d7a3a" isAnimationActive={false} />
          </BarChart>
          <figcaption className="small muted">
            Format adherence: a non-empty answer that ends with end-of-text within the token limit and does not start a
            new instruction. Each family counts the answers its scorer accepts. Greedy decoding, fixed seed.
          </figcaption>
        </figure>
      )}
    </div>
  );
}
