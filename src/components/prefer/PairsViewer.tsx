/**
 * A few of the world's preference pairs (public/datasets/world-prefs.jsonl) with their kind, and
 * the pairs the learner made by hand: question, chosen answer, rejected answer. Presentation only.
 */
import { useState } from 'react';
import { useBuiltinDataset } from '../data/useBuiltinDatasets.ts';
import type { PrefPair } from '../../data/prefs.ts';

const SHOWN = 6;

export function PairsViewer({ mine }: { mine: readonly PrefPair[] }) {
  const data = useBuiltinDataset('prefs');
  const [from, setFrom] = useState(0);
  if (data.state === 'loading') return <p role="status">Loading the pairs…</p>;
  if (data.state === 'error') return <p role="alert" className="error">The pairs could not load: {data.message}</p>;
  if (data.data.kind !== 'prefs') return null;
  const all = data.data.pairs;
  const counts = data.data.manifest.prefs.pairs;
  const shown = [...all.slice(from, from + SHOWN), ...mine];
  return (
    <div data-testid="prefer-pairs">
      <p className="small muted">{all.length} pairs: {counts.unknown} refusals about made-up people, {counts.known} right answers about people the model met{mine.length ? `, and ${mine.length} of yours` : ''}.</p>
      <div className="table-scroll">
        <table className="data">
          <thead><tr><th scope="col">kind</th><th scope="col">question</th><th scope="col">chosen</th><th scope="col">rejected</th></tr></thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={i} data-testid={p.kind ? 'prefer-pair' : 'prefer-my-pair'}>
                <td>{p.kind ?? 'yours'}</td><td>{p.instruction}</td><td className="chosen">{p.chosen}</td><td className="rejected">{p.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="secondary" onClick={() => setFrom((f) => (f + SHOWN) % all.length)}>Show other pairs</button>
    </div>
  );
}
