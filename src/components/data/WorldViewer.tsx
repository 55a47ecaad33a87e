/**
 * The made-up world on the Datasets page: who is in it, which group each person is in (tuned on,
 * only in pretraining, never seen), the values each attribute takes, and a person's biographies as
 * the pretraining text tells them. Reads the built-in files (world.jsonl, world-bios.txt) only.
 */
import { useMemo, useState } from 'react';
import { ATTRIBUTES, GROUP_TEXT, WORDING, WORLD_GROUPS, type Person, type WorldGroup } from '../../data/world.ts';
import { useBuiltinDataset } from './useBuiltinDatasets.ts';
import './data.css';

/** People shown at once in the table. */
const PAGE = 20;

export function WorldViewer() {
  const st = useBuiltinDataset('world');
  const [group, setGroup] = useState<WorldGroup>('sft');
  const [picked, setPicked] = useState<string | null>(null);
  const world = st.state === 'ready' && st.data.kind === 'world' ? st.data : undefined;
  const people = useMemo(() => world?.people ?? [], [world]);
  const bios = useMemo(() => world?.bios ?? [], [world]);
  const shown = useMemo(() => people.filter((p) => p.group === group).slice(0, PAGE), [people, group]);
  const person: Person | undefined = people.find((p) => p.name === picked);
  const told = useMemo(() => (picked ? bios.filter((b) => b.includes(picked)) : []), [bios, picked]);
  if (st.state === 'loading') return <p role="status">Loading the world…</p>;
  if (st.state === 'error') return <p role="alert" className="data-error">Could not load the world: {st.message}</p>;
  if (st.data.kind !== 'world') return null;
  const m = st.data.manifest.world;
  return (
    <div data-testid="world-viewer" data-people={people.length} data-bios={bios.length}>
      <table className="data">
        <caption>{people.length} people, {bios.length.toLocaleString('en-US')} biographies ({m.biosPerPerson} per known person)</caption>
        <thead><tr><th scope="col">group</th><th scope="col">people</th><th scope="col">who</th></tr></thead>
        <tbody>
          {WORLD_GROUPS.map((g) => (
            <tr key={g} data-testid="world-group" data-group={g}>
              <th scope="row">{g}</th><td>{m.people[g]}</td><td>{GROUP_TEXT[g]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="small">
        {ATTRIBUTES.map((a) => <li key={a}><strong>{WORDING[a].label}</strong> ({m.values[a].length}): {m.values[a].join(', ')}</li>)}
      </ul>
      <label>
        Show{' '}
        <select value={group} onChange={(e) => { setGroup(e.currentTarget.value as WorldGroup); setPicked(null); }} data-testid="world-group-select">
          {WORLD_GROUPS.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
      </label>
      <table className="data" data-testid="world-people">
        <caption>The first {shown.length} {group} people; pick one to read what the pretraining text says</caption>
        <thead><tr><th scope="col">name</th>{ATTRIBUTES.map((a) => <th key={a} scope="col">{WORDING[a].label}</th>)}</tr></thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.name} data-testid="world-person">
              <th scope="row"><button type="button" className="link" onClick={() => setPicked(p.name)}>{p.name}</button></th>
              {ATTRIBUTES.map((a) => <td key={a}>{p[a]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {person && (
        <div data-testid="world-bios" data-count={told.length}>
          <p>
            <strong>{person.name}</strong>:{' '}
            {told.length ? `${told.length} biographies in the pretraining text, for example:` : 'in no training text at all, so a model can only guess about them.'}
          </p>
          <ul>{told.slice(0, 4).map((b, i) => <li key={i}>{b}</li>)}</ul>
        </div>
      )}
    </div>
  );
}
