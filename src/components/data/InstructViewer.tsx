/** Instruction records: counts per task family and split with each family's scoring rule, and a browser. */
import { useMemo, useState } from 'react';
import { SCORERS } from '../../data/scorers.ts';
import type { InstructRecord } from '../../data/types.ts';
import { ExampleBrowser } from './ExampleBrowser.tsx';
import { familyCounts, fmt, splitOf } from './stats.ts';

export function InstructViewer({ records, testId = 'instruct' }: { records: InstructRecord[]; testId?: string }) {
  const { splits, rows } = useMemo(() => familyCounts(records), [records]);
  const [task, setTask] = useState('any');
  const [split, setSplit] = useState('any');
  const shown = useMemo(
    () => records.filter((r) => (task === 'any' || (r.task ?? '(no task)') === task) && (split === 'any' || splitOf(r) === split)),
    [records, task, split],
  );
  return (
    <div className="dataset-view" data-testid={testId}>
      <table className="counts">
        <caption>Records per task family and split</caption>
        <thead>
          <tr><th scope="col">task</th>{splits.map((s) => <th scope="col" key={s}>{s}</th>)}<th scope="col" className="rule">graded by</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.task} data-testid={`${testId}-row-${r.task}`}>
              <th scope="row">{r.task}</th>
              {splits.map((s) => <td key={s}>{fmt(r.counts[s] ?? 0)}</td>)}
              <td className="small">{SCORERS[r.task]?.rule ?? 'exact match after normalising'}</td>
            </tr>
          ))}
          <tr><th scope="row">all</th>{splits.map((s) => <td key={s}>{fmt(records.filter((r) => splitOf(r) === s).length)}</td>)}<td /></tr>
        </tbody>
      </table>
      <div className="filters">
        <label className="filter">Task <select value={task} onChange={(e) => setTask(e.target.value)}>
          <option value="any">any</option>
          {rows.map((r) => <option key={r.task} value={r.task}>{r.task}</option>)}
        </select></label>
        <label className="filter">Split <select value={split} onChange={(e) => setSplit(e.target.value)}>
          <option value="any">any</option>
          {splits.map((s) => <option key={s} value={s}>{s}</option>)}
        </select></label>
      </div>
      <ExampleBrowser
        key={`${task}/${split}`}
        items={shown}
        noun="record"
        testId={`${testId}-browser`}
        render={(r) => (
          <dl className="kv record">
            <dt>task</dt><dd>{r.task ?? '—'} <span className="muted small">({splitOf(r)})</span></dd>
            <dt>instruction</dt><dd>{r.instruction}</dd>
            {r.input !== undefined && (<><dt>input</dt><dd className="text-block" tabIndex={0}>{r.input}</dd></>)}
            <dt>output</dt><dd><strong>{r.output}</strong></dd>
            {r.accept && r.accept.length > 1 && (<><dt>also accepted</dt><dd className="small">{r.accept.join(', ')}</dd></>)}
          </dl>
        )}
      />
    </div>
  );
}
