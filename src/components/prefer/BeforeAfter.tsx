/**
 * Lesson 4's before/after table: the start model and the preference-tuned model on the world's
 * test questions about the people the run's pairs named, held-out known people the pairs never
 * named, and unknown people, each answer counted as right,
 * "I don't know." or confidently wrong (a wrong answer given with probability >= CONFIDENT).
 * Reads the latest finished preference run's report (store reports.prefer). Presentation only.
 */
import { CONFIDENT, worldRows, type WorldRow } from '../../data/scorers.ts';
import type { InstructScores } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : 'n/a');
const GROUPS = [['in-pairs', 'known people your pairs named'], ['held-out', 'held-out known people, in no pair'], ['unknown', 'unknown people']] as const;

function cells(scores: InstructScores | null, group: string): WorldRow | undefined {
  return scores ? worldRows(scores.families).find((r) => r.group === group) : undefined;
}

export function BeforeAfter() {
  const report = useLab((s) => s.reports.prefer);
  if (!report || report.kind !== 'prefer') return <p className="muted" data-testid="prefer-before-after-empty">When a preference run finishes, its start model and the tuned model answer the same questions here.</p>;
  if (!report.scores) return <p className="muted" data-testid="prefer-before-after-empty">The finished run was not scored.</p>;
  const rows = GROUPS.flatMap(([g, label]) => [['before', report.baseScores], ['after', report.scores]].map(([when, s]) => ({ g, label, when: when as string, r: cells(s as InstructScores | null, g) })));
  return (
    <div className="table-scroll">
      <table className="data" data-testid="prefer-before-after">
        <caption>Start model (before) and your preference-tuned model (after, step {report.step}) on the world's test questions, answered greedily</caption>
        <thead>
          <tr>
            <th scope="col">who</th><th scope="col">model</th><th scope="col">questions</th><th scope="col">correct</th>
            <th scope="col">"I don't know"</th><th scope="col">confidently wrong (p ≥ {CONFIDENT})</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ g, label, when, r }) => (
            <tr key={`${g}-${when}`} data-testid={`prefer-row-${g}-${when}`}>
              <td>{label}</td><td>{when}</td><td>{r?.n ?? 0}</td><td>{r ? pct(r.exact) : 'n/a'}</td><td>{r ? pct(r.refused) : 'n/a'}</td><td>{r ? pct(r.confidentlyWrong) : 'n/a'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
