/**
 * Steps through a list of examples one at a time (previous, next, random, or a number), showing
 * each with the caller's renderer. Knows nothing about which dataset it shows.
 */
import { useState, type ReactNode } from 'react';

interface Props<T> {
  items: T[];
  /** What the items are, for labels: "message", "document", "record". */
  noun: string;
  render(item: T): ReactNode;
  testId?: string;
}

export function ExampleBrowser<T>({ items, noun, render, testId }: Props<T>) {
  const [index, setIndex] = useState(0);
  const n = items.length;
  const i = Math.min(index, Math.max(0, n - 1));
  if (n === 0) return <p className="muted">No {noun}s match.</p>;
  const go = (k: number) => setIndex(((k % n) + n) % n);
  return (
    <div className="example-browser" data-testid={testId}>
      <div className="example-nav">
        <button type="button" className="secondary" onClick={() => go(i - 1)} aria-label={`Previous ${noun}`}>‹ Prev</button>
        <label>
          {noun[0].toUpperCase() + noun.slice(1)}{' '}
          <input type="number" min={1} max={n} value={i + 1} onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= 1 && v <= n) go(v - 1);
          }} aria-label={`${noun} number`} />{' '}
          of <span data-testid={testId && `${testId}-total`}>{n.toLocaleString('en-US')}</span>
        </label>
        <button type="button" className="secondary" onClick={() => go(i + 1)} aria-label={`Next ${noun}`}>Next ›</button>
        <button type="button" className="secondary" onClick={() => go(Math.floor(Math.random() * n))}>Random</button>
      </div>
      <div className="example" data-testid={testId && `${testId}-item`}>{render(items[i])}</div>
    </div>
  );
}
