/** The pretraining corpus: documents, characters and words per split, and a document browser. */
import { useState } from 'react';
import type { CorpusDoc } from '../../data/types.ts';
import { ExampleBrowser } from './ExampleBrowser.tsx';
import { corpusStats, fmt } from './stats.ts';

/** How much of a document the browser shows: whole Brown texts are ~12,000 characters. */
const SHOW_CHARS = 3000;

export function CorpusViewer({ parts, testId = 'corpus' }: { parts: { name: string; docs: CorpusDoc[] }[]; testId?: string }) {
  const [part, setPart] = useState(0);
  const docs = parts[Math.min(part, parts.length - 1)]?.docs ?? [];
  return (
    <div className="dataset-view" data-testid={testId}>
      <table className="counts">
        <caption>Documents and size per split</caption>
        <thead><tr><th scope="col">split</th><th scope="col">documents</th><th scope="col">characters</th><th scope="col">words</th></tr></thead>
        <tbody>
          {parts.map((p) => {
            const s = corpusStats(p.docs);
            return (
              <tr key={p.name} data-testid={`${testId}-row-${p.name}`}>
                <th scope="row">{p.name}</th><td>{fmt(s.documents)}</td><td>{fmt(s.characters)}</td><td>{fmt(s.words)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {parts.length > 1 && (
        <label className="filter">
          Browse split{' '}
          <select value={part} onChange={(e) => setPart(Number(e.target.value))}>
            {parts.map((p, i) => <option key={p.name} value={i}>{p.name}</option>)}
          </select>
        </label>
      )}
      <ExampleBrowser
        key={part}
        items={docs}
        noun="document"
        testId={`${testId}-browser`}
        render={(d) => (
          <>
            <p className="small muted">
              <strong>{d.id}</strong>{d.genre ? ` · ${d.genre.replace(/_/g, ' ')}` : ''} · {fmt(d.text.length)} characters
              {d.text.length > SHOW_CHARS ? ` (first ${fmt(SHOW_CHARS)} shown)` : ''}
            </p>
            <div className="text-block" tabIndex={0}>{d.text.slice(0, SHOW_CHARS)}</div>
          </>
        )}
      />
    </div>
  );
}
