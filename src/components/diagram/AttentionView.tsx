/**
 * The attention of the learner's own model: every head of every layer as a small heat map (query
 * rows × key columns, causal, so everything above the diagonal is empty), and the chosen head
 * large, with the tokens on both axes. Pointing at a cell, or moving over the map with the arrow
 * keys, names the query token, the key token and the weight. Each large cell carries its weight in
 * data-weight. The weights are the engine's read-back (store/attention.ts), shown as they are.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { headWeights, weightColour, type AttentionMaps } from '../../store/attention.ts';
import './attention.css';

export interface HeadRef {
  layer: number;
  head: number;
}

const show = (t: string) => t.replace(/ /g, '·').replace(/\n/g, '↵');

/** The chosen head, large, with tokens on the axes. */
export function HeatMap({ maps, tokens, at, name, testId = 'attention-map' }: { maps: AttentionMaps; tokens: string[]; at: HeadRef; name: string; testId?: string }) {
  const id = useId();
  const rows = headWeights(maps, at.layer, at.head);
  const n = maps.n;
  const [cur, setCur] = useState<{ q: number; k: number } | null>(null);
  const cell = Math.max(14, Math.min(30, Math.floor(600 / n)));
  // Room for the longest token label (at most 12 characters of about 9 px): beside the rows, and above the columns at 60°.
  const longest = Math.max(...tokens.map((t) => Math.min(12, show(t).length)));
  const left = 16 + longest * 9;
  const top = 16 + Math.round(longest * 9 * 0.87);
  const width = left + n * cell + 4;
  const height = top + n * cell + 4;
  const say = (q: number, k: number) =>
    `Query ${q + 1} "${show(tokens[q])}" to key ${k + 1} "${show(tokens[k])}": weight ${rows[q][k].toFixed(3)}${k > q ? ' (a later token: masked)' : ''}`;
  const onKey = (e: KeyboardEvent) => {
    const c = cur ?? { q: 0, k: 0 };
    const move: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const d = move[e.key];
    if (!d) return;
    e.preventDefault();
    setCur({ q: Math.min(n - 1, Math.max(0, c.q + d[0])), k: Math.min(n - 1, Math.max(0, c.k + d[1])) });
  };
  return (
    <figure className="attn-map" data-testid={testId} data-layer={at.layer} data-head={at.head} data-n={n}>
      <figcaption className="attn-map-title"><strong>{name}</strong>: layer {at.layer + 1}, head {at.head + 1}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="attn-svg" tabIndex={0} role="img" onKeyDown={onKey}
        onFocus={() => setCur((c) => c ?? { q: 0, k: 0 })} onMouseLeave={() => setCur(null)}
        aria-label={`Attention of ${name}, layer ${at.layer + 1}, head ${at.head + 1}: ${n} query rows by ${n} key columns. Use the arrow keys to read each weight.`} aria-describedby={`${id}-cur`}>
        {tokens.map((t, i) => (
          <g key={i}>
            <text x={left - 6} y={top + i * cell + cell / 2} textAnchor="end" dominantBaseline="central" className="attn-tok">{show(t).slice(0, 12)}</text>
            <text transform={`translate(${left + i * cell + cell / 2}, ${top - 6}) rotate(-60)`} dominantBaseline="central" className="attn-tok">{show(t).slice(0, 12)}</text>
          </g>
        ))}
        {rows.map((r, q) => r.map((w, k) => (
          <rect key={`${q}-${k}`} x={left + k * cell} y={top + q * cell} width={cell} height={cell} data-q={q} data-k={k} data-weight={w}
            className={k > q ? 'attn-masked' : undefined} fill={k > q ? undefined : weightColour(w)} onMouseEnter={() => setCur({ q, k })} />
        )))}
        {cur && <rect x={left + cur.k * cell} y={top + cur.q * cell} width={cell} height={cell} className="attn-cursor" pointerEvents="none" />}
      </svg>
      <p id={`${id}-cur`} className="attn-readout" aria-live="polite" data-testid={`${testId}-readout`}>
        {cur ? say(cur.q, cur.k) : 'Point at a cell, or focus the map and use the arrow keys, to read a weight. Rows are the tokens doing the looking; columns, the tokens looked at.'}
      </p>
    </figure>
  );
}

/** Every head of every layer as a thumbnail button; the pressed one is drawn large. */
export function HeadGrid({ maps, at, onPick, name }: { maps: AttentionMaps; at: HeadRef; onPick(h: HeadRef): void; name: string }) {
  const n = maps.n;
  const c = Math.max(3, Math.floor(100 / n));
  return (
    <div className="attn-grid" role="group" aria-label={`Heads of ${name}`} style={{ gridTemplateColumns: `auto repeat(${maps.nHead}, auto)` }}>
      <span />
      {Array.from({ length: maps.nHead }, (_, h) => <span key={h} className="attn-grid-head small">head {h + 1}</span>)}
      {Array.from({ length: maps.nLayer }, (_, l) => [
        <span key={`l${l}`} className="attn-grid-layer small">layer {l + 1}</span>,
        ...Array.from({ length: maps.nHead }, (_, h) => {
          const rows = headWeights(maps, l, h);
          const pressed = at.layer === l && at.head === h;
          return (
            <button key={`${l}-${h}`} type="button" className="attn-thumb" aria-pressed={pressed} aria-label={`Layer ${l + 1}, head ${h + 1}`}
              onClick={() => onPick({ layer: l, head: h })} data-testid={`attn-thumb-${l}-${h}`}>
              <svg width={n * c} height={n * c} aria-hidden="true">
                {rows.map((r, q) => r.map((w, k) => (k <= q ? <rect key={`${q}-${k}`} x={k * c} y={q * c} width={c} height={c} fill={weightColour(w)} /> : null)))}
              </svg>
            </button>
          );
        }),
      ])}
    </div>
  );
}

/** A colour key for the weights. */
export function WeightKey() {
  const stops = [0, 0.25, 0.5, 0.75, 1];
  return (
    <p className="attn-key small" aria-hidden="true">
      weight {stops.map((s) => <span key={s} className="attn-key-cell" style={{ background: weightColour(s), color: s > 0.5 ? '#fff' : '#1d1f24' }}>{s}</span>)}
      <span className="attn-key-cell attn-masked-key">later token (masked)</span>
    </p>
  );
}
