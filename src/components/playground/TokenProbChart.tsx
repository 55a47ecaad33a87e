/**
 * A small bar chart of the most likely next tokens at one generation step, with the token that
 * was actually drawn highlighted (by colour and by the word "chosen", so colour is not the only
 * cue). Plain HTML bars: a handful of rows needs no chart library, and the rows read well to a
 * screen reader as a list. Token texts are rendered as text.
 */
import type { SampledToken } from './types.ts';
import { formatProb, tokenLabel } from './tokenLabel.ts';

export function TokenProbChart({ token, step, id }: { token: SampledToken; step: number; id?: string }) {
  const rows = token.top.map((c) => ({ ...c, chosen: c.id === token.id }));
  // A token drawn from outside the top candidates (high temperature) still gets its own row.
  if (!rows.some((r) => r.chosen)) rows.push({ id: token.id, text: token.text, prob: token.prob, chosen: true });
  const max = Math.max(...rows.map((r) => r.prob), 1e-9);
  return (
    <figure className="prob-chart" id={id} data-testid="prob-chart" data-step={step} aria-live="polite">
      <figcaption>
        Step {step + 1}: the model drew <code>{tokenLabel(token.text)}</code> ({formatProb(token.prob)}). The most likely next
        tokens were:
      </figcaption>
      <ol className="prob-rows">
        {rows.map((r) => (
          <li key={r.id} className={r.chosen ? 'chosen' : undefined} data-testid="prob-row" data-chosen={r.chosen}>
            <code className="prob-label">{tokenLabel(r.text)}</code>
            <span className="prob-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(1, (100 * r.prob) / max)}%` }} />
            </span>
            <span className="prob-value">{formatProb(r.prob)}{r.chosen && <strong> chosen</strong>}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
