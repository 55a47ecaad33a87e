/**
 * How a token's text is labelled where whitespace would be invisible (chart rows, screen-reader
 * names): spaces as ␣, newlines as ↵, tabs as ⇥, and the end-of-text marker by name. The streamed
 * output itself shows the real text. Pure.
 */

/** A visible label for a token's text: ' the' -> '␣the', '\n' -> '↵', '' -> '(no text)'. */
export function tokenLabel(text: string): string {
  if (text === '') return '(no text)';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

/** A probability in [0, 1] as a percentage with sensible precision: 0.4567 -> "45.7%", 0.0004 -> "0.04%". */
export function formatProb(p: number): string {
  if (!Number.isFinite(p)) return '–';
  const pct = 100 * p;
  if (pct >= 10) return `${pct.toFixed(1)}%`;
  if (pct >= 0.1) return `${pct.toFixed(2)}%`;
  if (pct === 0) return '0%';
  return pct < 0.001 ? '<0.001%' : `${pct.toFixed(3)}%`;
}
