/**
 * The spam set's shortcut report on the Datasets page: what a bag-of-words model leans on most for
 * each class, before the source cleaning and after it (public/datasets/spam-shortcuts.json, made
 * by `npm run datasets`), with its accuracy on the test split and on the everyday messages. Shows
 * the learner what a model could cheat with. Reads the built file only; all text rendered as text.
 */
import { useEffect, useState } from 'react';
import type { ShortcutReportFile as Report, ShortcutSide as Side } from '../../data/types.ts';
import { fetchText } from '../../util/fetch.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** A token as the learner can read it: spaces and line breaks made visible. */
const shown = (t: string) => t.replace(/ /g, '␣').replace(/\n/g, '↵');

/** The built shortcut report (public/datasets/spam-shortcuts.json), fetched once per mount; lesson 2 reads its yardstick. */
export function useShortcutReport(): { report?: Report; error?: string } {
  const [st, setSt] = useState<{ report?: Report; error?: string }>({});
  useEffect(() => {
    let live = true;
    fetchText(`${import.meta.env.BASE_URL}datasets/spam-shortcuts.json`)
      .then((t) => live && setSt({ report: JSON.parse(t) as Report }))
      .catch((e: unknown) => live && setSt({ error: String((e as Error).message ?? e) }));
    return () => {
      live = false;
    };
  }, []);
  return st;
}

export function ShortcutReport() {
  const st = useShortcutReport();
  if (st.error) return <p role="alert" className="data-error">Could not load the shortcut report: {st.error}</p>;
  if (!st.report) return <p role="status">Loading the shortcut report…</p>;
  const { before, after } = st.report;
  const list = (side: Side, cls: 'ham' | 'spam', when: string) => (
    <table className="data" data-testid={`shortcuts-${when}-${cls}`}>
      <caption>toward {cls}, {when} the cleaning</caption>
      <thead><tr><th scope="col">token</th><th scope="col">weight</th><th scope="col">ham / spam messages holding it</th></tr></thead>
      <tbody>
        {side[cls].slice(0, 8).map((s, i) => (
          <tr key={i} data-testid="shortcut-row">
            <td><code>{shown(s.text)}</code></td><td>{s.weight.toFixed(2)}</td><td>{s.count[0]} / {s.count[1]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div data-testid="shortcut-report" data-everyday-before={before.everydayAccuracy} data-everyday-after={after.everydayAccuracy}>
      <table className="data">
        <caption>Bag-of-words accuracy (tokens and token pairs, trained on the balanced training split)</caption>
        <thead><tr><th scope="col"></th><th scope="col">test split</th><th scope="col">everyday messages written for the lab</th></tr></thead>
        <tbody>
          <tr><th scope="row">before the cleaning</th><td>{pct(before.testAccuracy)}</td><td>{pct(before.everydayAccuracy)}</td></tr>
          <tr><th scope="row">after the cleaning</th><td>{pct(after.testAccuracy)}</td><td>{pct(after.everydayAccuracy)}</td></tr>
        </tbody>
      </table>
      <div className="shortcut-lists">
        {list(before, 'ham', 'before')}
        {list(after, 'ham', 'after')}
        {list(before, 'spam', 'before')}
        {list(after, 'spam', 'after')}
      </div>
    </div>
  );
}
