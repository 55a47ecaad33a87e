/**
 * Opens from a playground answer: the attention of the model that wrote it, on the prompt and the
 * answer's tokens, read back from its forward pass (store/api.ts requestAttention), every head of
 * every layer. Another pane's model can be drawn beside it on the very same tokens, so a base and
 * a tuned model compare head by head.
 */
import { useEffect, useRef, useState } from 'react';
import { forgetRequest, requestAttention, useAnswer } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { HeadGrid, HeatMap, WeightKey, type HeadRef } from '../diagram/AttentionView.tsx';

/** What the view reads: a model and the text it saw (prompt text, then the sampled token ids). */
export interface AttentionSource {
  model: string;
  prompt: string;
  ids: number[];
  /** which pane it came from (1-based) */
  pane: number;
  /** the attention request for `model` (opened with openAttention) */
  requestId: number;
}

/** Asks for the attention of a pane's answer; the panel shows the answer kept under the returned source's id. */
export function openAttention(s: Omit<AttentionSource, 'requestId'>): AttentionSource {
  return { ...s, requestId: requestAttention(s.model, s.prompt, s.ids) };
}

function ModelColumn({ model, id, source, at, onPick, testId }: { model: string; id: number; source: AttentionSource; at: HeadRef; onPick(h: HeadRef): void; testId: string }) {
  const a = useAnswer('attention', id);
  const name = useLab((s) => s.slots.find((x) => x.id === model)?.name ?? model);
  const maps = a.result;
  return (
    <div className="attn-col" data-testid={testId} data-model={model}>
      <h3>{name}</h3>
      {a.error && <p role="alert" className="error">{a.error}</p>}
      {!maps && !a.error && <p role="status">Running {name} forward on these tokens…</p>}
      {maps && at.layer < maps.nLayer && at.head < maps.nHead && (
        <>
          <HeadGrid maps={maps} at={at} onPick={onPick} name={name} />
          <HeatMap maps={maps} tokens={maps.tokens} at={at} name={name} testId={`${testId}-map`} />
          {maps.n < source.ids.length && <p className="small muted">The first {maps.n} tokens are drawn.</p>}
        </>
      )}
      {maps && !(at.layer < maps.nLayer && at.head < maps.nHead) && <p className="muted">This model has no layer {at.layer + 1}, head {at.head + 1}: pick one of its own.</p>}
    </div>
  );
}

/** The panel; `onClose` should forget source.requestId (the page owns it). A compared model's request is forgotten here. */
export function AttentionPanel({ source, models, onClose }: { source: AttentionSource; models: readonly string[]; onClose(): void }) {
  const [at, setAt] = useState<HeadRef>({ layer: 0, head: 0 });
  const [compare, setCompare] = useState<{ model: string; id: number } | null>(null);
  const pick = (model: string) => {
    if (compare) forgetRequest(compare.id);
    setCompare(model ? { model, id: requestAttention(model, source.prompt, source.ids) } : null);
  };
  const slots = useLab((s) => s.slots);
  const others = [...new Set(models)].filter((m) => m && m !== source.model);
  const head = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    head.current?.scrollIntoView({ block: 'start' });
    head.current?.focus({ preventScroll: true });
  }, [source]);
  return (
    <section className="card attn-panel" aria-labelledby="attn-title" data-testid="attention-panel">
      <div className="pg-row">
        <h2 id="attn-title" ref={head} tabIndex={-1}>Attention in pane {source.pane}'s answer</h2>
        <button type="button" className="secondary" onClick={() => { if (compare) forgetRequest(compare.id); onClose(); }} data-testid="attention-close">Close</button>
      </div>
      <p>
        Each heat map is one head of one layer. Row i shows where token i looked when the model read it: how its attention
        weights, which add up to 1, spread over token i and the tokens before it. The triangle above the diagonal is empty
        because a token never sees the tokens after it. These are the weights of the real forward pass on your GPU.
      </p>
      {others.length > 0 && (
        <label>Compare with{' '}
          <select value={compare?.model ?? ''} onChange={(e) => pick(e.target.value)} data-testid="attention-compare">
            <option value="">(no other model)</option>
            {others.map((m) => <option key={m} value={m}>{slots.find((x) => x.id === m)?.name ?? m}</option>)}
          </select>
        </label>
      )}
      <WeightKey />
      <div className="attn-cols">
        <ModelColumn model={source.model} id={source.requestId} source={source} at={at} onPick={setAt} testId="attention-main" />
        {compare && <ModelColumn model={compare.model} id={compare.id} source={source} at={at} onPick={setAt} testId="attention-other" />}
      </div>
    </section>
  );
}
