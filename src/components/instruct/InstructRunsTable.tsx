/**
 * The learner's finished instruction-tuning runs, one row each (masking, LoRA or full, steps,
 * scores), read from the runs slice so they survive a reload. Presentation only.
 */
import { useLab } from '../../store/index.ts';
import './instruct.css';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** Table of the runs, newest last; a line of text when there are none yet. */
export function InstructRunsTable() {
  const runs = useLab((s) => s.runs.instruct);
  if (runs.length === 0) return <p className="muted" data-testid="instruct-runs-empty">No finished runs yet: train one above, and its scores land here.</p>;
  const fams = [...new Set(runs.flatMap((r) => (r.families ?? []).map((f) => f.family)))];
  return (
    <div className="table-scroll">
    <table className="data" data-testid="instruct-runs">
      <caption>Your instruction-tuning runs</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">prompt in loss</th>
          <th scope="col">trained</th>
          <th scope="col">steps</th>
          <th scope="col">format adherence{runs.some((r) => r.baseFormatAdherence !== undefined) ? ' (base)' : ''}</th>
          {fams.map((f) => <th key={f} scope="col">{f}</th>)}
          <th scope="col">finished</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r, i) => (
          <tr key={r.finishedAt + ':' + i} data-testid="instruct-run-row" data-masked={r.masked ? 'yes' : 'no'} data-lora={r.lora ? 'yes' : 'no'}>
            <td>{i + 1}</td>
            <td>{r.masked ? 'masked' : 'counted'}</td>
            <td>{r.lora ? `LoRA${r.loraRank ? ` r=${r.loraRank}` : ''}` : 'all weights'}</td>
            <td>{r.steps}</td>
            <td data-testid="run-format">{pct(r.formatAdherence)}{r.baseFormatAdherence !== undefined && ` (${pct(r.baseFormatAdherence)})`}</td>
            {fams.map((f) => {
              const s = r.families?.find((x) => x.family === f);
              return <td key={f}>{s && s.total > 0 ? `${s.correct}/${s.total}` : '–'}</td>;
            })}
            <td className="small muted">{new Date(r.finishedAt).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
