/**
 * Tokens drawn as boxes: each piece's text (spaces as ·, newlines as ↵) over its id, and an
 * input/target pair, the inputs over the targets they are scored on (the same tokens moved one
 * place). Pure props: the page tokenizes, these only draw. Text is rendered as text.
 */
import './lesson.css';

/** A token as shown: its id and its text. */
export interface ShownToken {
  id: number;
  text: string;
}

/** Makes spaces and line breaks visible inside a token. */
export function visible(text: string): string {
  return text.replace(/ /g, '·').replace(/\n/g, '↵').replace(/\t/g, '→');
}

export function TokenStrip({ tokens, label, testId }: { tokens: readonly ShownToken[]; label: string; testId?: string }) {
  return (
    <ol className="token-row" aria-label={label} data-testid={testId} data-count={tokens.length}>
      {tokens.map((t, i) => (
        <li key={i}><span>{visible(t.text)}</span><span className="id">{t.id}</span></li>
      ))}
    </ol>
  );
}

/**
 * Inputs x[0..n) over targets y[t] = x[t+1], from n + 1 consecutive tokens. Read a column: given
 * everything up to the input, the model is scored on the target below it.
 */
export function InputTargetPair({ window, testId = 'input-target' }: { window: readonly ShownToken[]; testId?: string }) {
  const inputs = window.slice(0, -1);
  const targets = window.slice(1);
  return (
    <table className="pair-table" data-testid={testId} data-n={inputs.length}>
      <caption className="small muted">
        {inputs.length} positions, so {inputs.length} next-token questions from one window of {window.length} tokens
      </caption>
      <tbody>
        <tr>
          <th scope="row">position</th>
          {inputs.map((_, i) => <td key={i} className="muted small">{i}</td>)}
        </tr>
        <tr data-testid={`${testId}-inputs`}>
          <th scope="row">input</th>
          {inputs.map((t, i) => <td key={i}><code>{visible(t.text)}</code><br /><span className="small muted">{t.id}</span></td>)}
        </tr>
        <tr data-testid={`${testId}-targets`}>
          <th scope="row">target</th>
          {targets.map((t, i) => <td key={i}><code>{visible(t.text)}</code><br /><span className="small muted">{t.id}</span></td>)}
        </tr>
      </tbody>
    </table>
  );
}
