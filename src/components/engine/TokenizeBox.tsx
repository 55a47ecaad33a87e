/**
 * "How does it split this?": any text through the lab's BPE tokenizer, shown as pieces with
 * their ids, so a learner sees words, word pieces and spaces become tokens. Text only.
 */
import { useState } from 'react';
import { tokenize } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import './engine.css';

export function TokenizeBox() {
  const [text, setText] = useState('Tokenizers split unbelievable words into pieces.');
  const result = useLab((s) => s.tokenized);
  const error = useLab((s) => s.engineErrors.tokenize);
  const ready = useLab((s) => s.gpu.state === 'ready');
  return (
    <section className="card" aria-labelledby="tok-title" data-testid="tokenize-box">
      <h2 id="tok-title">How it tokenizes</h2>
      <label className="field wide">
        Text{' '}
        <textarea rows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="tokenize-text" />
      </label>
      <button type="button" disabled={!ready} onClick={() => tokenize(text)} data-testid="tokenize-go">Split into tokens</button>
      {error && <p className="error" role="alert">{error}</p>}
      {result && (
        <>
          <p className="small muted" data-testid="tokenize-count">{result.pieces.length} tokens for {[...result.text].length} characters</p>
          <ol className="pieces" data-testid="tokenize-pieces">
            {result.pieces.map((p, i) => (
              <li key={i} className="piece">
                <span className="piece-text">{p.text.replace(/ /g, '·').replace(/\n/g, '↵')}</span>
                <span className="piece-id small muted">{p.id}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
