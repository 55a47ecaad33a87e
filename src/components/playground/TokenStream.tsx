/**
 * A pane's output: the prompt, then each generated token as it streams in, rendered as text. Every
 * token can be inspected — hover it, tap it, or focus it — to show the next-token probabilities at
 * that step (TokenProbChart). For the keyboard the tokens are one tab stop (a listbox with a roving
 * focus): arrows move between tokens, Home and End jump, Escape closes the chart.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { TokenProbChart } from './TokenProbChart.tsx';
import { formatProb, tokenLabel } from './tokenLabel.ts';
import type { SampledToken } from './types.ts';

export interface TokenStreamProps {
  /** used in ids and the accessible name ("pane 1") */
  name: string;
  /** the text the model was given (already wrapped in the template when that is on) */
  prompt: string;
  tokens: SampledToken[];
  running: boolean;
}

/** A token's text as shown: a newline gets a visible ↵ before it, so a line-break token can still be pointed at. */
function shownText(text: string) {
  if (!text.includes('\n')) return text;
  return text.split('\n').flatMap((part, i) => (i === 0 ? [part] : [<span key={i} className="nl" aria-hidden="true">↵</span>, `\n${part}`]));
}

export function TokenStream({ name, prompt, tokens, running }: TokenStreamProps) {
  // The token whose chart is open (null: none), and the one that holds the tab stop.
  const [open, setOpen] = useState<number | null>(null);
  const [focusAt, setFocusAt] = useState(0);
  const refs = useRef<(HTMLSpanElement | null)[]>([]);
  const slug = name.replace(/\W+/g, '-');
  const roving = Math.min(focusAt, Math.max(0, tokens.length - 1));
  const shown = open !== null && open < tokens.length ? open : null;

  const move = (i: number) => {
    const j = Math.max(0, Math.min(tokens.length - 1, i));
    setFocusAt(j);
    setOpen(j);
    refs.current[j]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(roving + 1), ArrowDown: () => move(roving + 1),
      ArrowLeft: () => move(roving - 1), ArrowUp: () => move(roving - 1),
      Home: () => move(0), End: () => move(tokens.length - 1),
      Escape: () => setOpen(null),
      Enter: () => setOpen(open === roving ? null : roving), ' ': () => setOpen(open === roving ? null : roving),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  };

  return (
    <div className="pg-stream">
      <p className="pg-out" data-testid="pg-output" data-tokens={tokens.length} data-running={running} aria-busy={running}>
        <span className="prompt" data-testid="pg-prompt-shown">{prompt}</span>
        <span role="listbox" aria-label={`Generated tokens of ${name}: arrow keys choose a token to see its probabilities`}
          aria-orientation="horizontal" onKeyDown={onKey} data-testid="pg-tokens">
          {tokens.map((t, i) => (
            <span key={i} ref={(el) => { refs.current[i] = el; }} role="option" aria-selected={shown === i}
              aria-label={`${tokenLabel(t.text)}, ${formatProb(t.prob)}`} aria-controls={shown === i ? `${slug}-chart` : undefined}
              tabIndex={i === roving ? 0 : -1} className={shown === i ? 'tok open' : 'tok'} data-testid="pg-token"
              onMouseEnter={() => setOpen(i)}
              onFocus={() => { setFocusAt(i); setOpen(i); }}
              onClick={() => { setFocusAt(i); setOpen(i); }}>
              {shownText(t.text)}
            </span>
          ))}
        </span>
        {running && <span className="pg-caret" aria-hidden="true">▍</span>}
      </p>
      {shown !== null ? (
        <TokenProbChart token={tokens[shown]} step={shown} id={`${slug}-chart`} />
      ) : (
        tokens.length > 0 && <p className="muted small pg-hint">Hover, tap or focus a token to see what else the model could have written there.</p>
      )}
    </div>
  );
}
