/** Labelled messages: counts per split and class, the label-balance chart, and a filtered browser. */
import { useMemo, useState } from 'react';
import type { Message } from '../../data/types.ts';
import { ExampleBrowser } from './ExampleBrowser.tsx';
import { LabelBalanceChart } from './LabelBalanceChart.tsx';
import { fmt, labelCounts, splitOf } from './stats.ts';

export function SpamViewer({ messages, title, testId = 'spam' }: { messages: Message[]; title: string; testId?: string }) {
  const rows = useMemo(() => labelCounts(messages), [messages]);
  const [split, setSplit] = useState('any');
  const [label, setLabel] = useState('any');
  const shown = useMemo(
    () => messages.filter((m) => (split === 'any' || splitOf(m) === split) && (label === 'any' || m.label === label)),
    [messages, split, label],
  );
  const total = rows.reduce((a, r) => ({ ham: a.ham + r.ham, spam: a.spam + r.spam }), { ham: 0, spam: 0 });
  return (
    <div className="dataset-view" data-testid={testId}>
      <div className="counts-and-chart">
        <table className="counts">
          <caption>Messages per split and class</caption>
          <thead><tr><th scope="col">split</th><th scope="col">ham</th><th scope="col">spam</th><th scope="col">spam share</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.split} data-testid={`${testId}-row-${r.split}`}>
                <th scope="row">{r.split}</th><td>{fmt(r.ham)}</td><td>{fmt(r.spam)}</td><td>{Math.round((100 * r.spam) / (r.ham + r.spam))}%</td>
              </tr>
            ))}
            <tr><th scope="row">total</th><td>{fmt(total.ham)}</td><td>{fmt(total.spam)}</td><td>{Math.round((100 * total.spam) / Math.max(1, total.ham + total.spam))}%</td></tr>
          </tbody>
        </table>
        <LabelBalanceChart rows={rows} title={`${title}: messages per split and class`} />
      </div>
      <div className="filters">
        <label className="filter">Split <select value={split} onChange={(e) => setSplit(e.target.value)}>
          <option value="any">any</option>
          {rows.map((r) => <option key={r.split} value={r.split}>{r.split}</option>)}
        </select></label>
        <label className="filter">Label <select value={label} onChange={(e) => setLabel(e.target.value)}>
          <option value="any">any</option><option value="ham">ham</option><option value="spam">spam</option>
        </select></label>
      </div>
      <ExampleBrowser
        key={`${split}/${label}`}
        items={shown}
        noun="message"
        testId={`${testId}-browser`}
        render={(m) => (
          <>
            <p className="small">
              <span className={`badge ${m.label}`}>{m.label}</span> <span className="muted">{m.id} · {splitOf(m)}</span>
            </p>
            <div className="text-block" tabIndex={0}>{m.text}</div>
          </>
        )}
      />
    </div>
  );
}
