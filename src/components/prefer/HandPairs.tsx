/**
 * Hand-made preference pairs: the start model answers a world question twice (temperature 1, two
 * seeds), the learner picks the better answer, and the pair (chosen, rejected) joins the next run.
 * Two equal or empty answers make no pair: ask again. Engine traffic through the store's api.ts.
 */
import { useState } from 'react';
import type { PrefPair } from '../../data/prefs.ts';
import { sampleFrom, selectSample } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';

const SAMPLING = { temperature: 1, topK: 40, topP: 0.95, maxTokens: 12, template: true };
const END = '<|endoftext|>';

/** A sampled answer as text, up to its end-of-text. */
const answerText = (tokens: readonly { text: string }[]) => tokens.map((t) => t.text).join('').split(END)[0].trim();

export function HandPairs({ model, questions, onAdd, disabled }: { model: string; questions: readonly string[]; onAdd: (p: PrefPair) => void; disabled: string | null }) {
  const [k, setK] = useState(0);
  const [seed, setSeed] = useState(1);
  const [ids, setIds] = useState<[number, number] | null>(null);
  const a = useLab(selectSample(ids?.[0] ?? null));
  const b = useLab(selectSample(ids?.[1] ?? null));
  const q = questions[k % Math.max(1, questions.length)] ?? '';
  const ask = () => {
    setIds([sampleFrom(model, { prompt: q, seed, ...SAMPLING }), sampleFrom(model, { prompt: q, seed: seed + 1, ...SAMPLING })]);
    setSeed((s) => s + 2);
  };
  const done = a && b && !a.running && !b.running;
  const [ta, tb] = done ? [answerText(a.tokens), answerText(b.tokens)] : ['', ''];
  const same = done && (ta === tb || ta === '' || tb === '');
  const pick = (chosen: string, rejected: string) => {
    onAdd({ instruction: q, chosen, rejected });
    setIds(null);
    setK((x) => x + 1);
  };
  return (
    <div className="hand-pairs" data-testid="prefer-hand">
      <p>Question: <strong data-testid="prefer-hand-question">{q}</strong></p>
      <button type="button" data-testid="prefer-hand-ask" disabled={!!disabled || !q || (ids !== null && !done)} title={disabled ?? undefined} onClick={ask}>
        {ids ? 'Ask again' : 'Ask the start model twice'}
      </button>
      {ids && !done && <p role="status">The model is answering…</p>}
      {done && (
        <div className="hand-answers">
          <p>A: <q data-testid="prefer-hand-a">{ta || '(empty)'}</q> <button type="button" data-testid="prefer-hand-pick-a" disabled={same} onClick={() => pick(ta, tb)}>A is better</button></p>
          <p>B: <q data-testid="prefer-hand-b">{tb || '(empty)'}</q> <button type="button" data-testid="prefer-hand-pick-b" disabled={same} onClick={() => pick(tb, ta)}>B is better</button></p>
          {same && <p className="muted" data-testid="prefer-hand-same">The two answers are the same (or empty): no pair to make. Ask again.</p>}
        </div>
      )}
    </div>
  );
}
