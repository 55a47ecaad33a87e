/**
 * The model drawn from its config: one row for the embeddings, one per transformer block (norm,
 * attention, norm, MLP, and LoRA's adapters beside the matrices they adapt), one for the final norm
 * and the head. Each part's width is its parameter count to scale (a sliver at least, so a norm
 * stays visible); what trains is lit, what is frozen is grey and hatched, so it reads without
 * colour too. The counts come from the parameter table through the store (store/modelDrawing.ts),
 * the same counts a run reports. `reference` adds a frozen copy beside it (a preference stage's
 * reference model). Every part takes keyboard focus and names itself; the figure has a text summary.
 */
import { useId, useState, type ReactNode } from 'react';
import { modelDrawing, type DrawingSpec, type ModelDrawing, type ModelPart } from '../../store/modelDrawing.ts';
import { formatCount } from '../engine/format.ts';
import './model.css';

export interface ModelDiagramProps extends DrawingSpec {
  /** draw a frozen copy of the same model beside it, under this label (e.g. "frozen reference") */
  reference?: string;
  /** shown under the drawing */
  caption?: ReactNode;
  testId?: string;
}

const W = 860;
const LABEL_W = 112;
const COUNT_W = 210;
const BAR_W = W - LABEL_W - COUNT_W;
const ROW_H = 36;
const BAR_H = 24;
const GAP = 3;
const MIN_W = 5;

/** A part's state, shown by fill and pattern (not by colour alone). */
function stateOf(p: ModelPart): 'trains' | 'frozen' | 'partly' {
  const trains = p.tied ? p.tiedTrains : p.trainable > 0;
  if (!trains) return 'frozen';
  return p.tied || p.trainable === p.count ? 'trains' : 'partly';
}

function describe(p: ModelPart, row: string): string {
  const st = stateOf(p);
  if (p.tied) return `${row}, ${p.label}: reuses the token embedding's weights, no parameters of its own; ${st === 'frozen' ? 'frozen' : 'trains'}`;
  const what = st === 'trains' ? 'trains' : st === 'frozen' ? 'frozen' : `${formatCount(p.trainable)} of them train`;
  return `${row}, ${p.label}: ${p.count.toLocaleString('en-US')} parameters, ${what}`;
}

/** Words for the whole figure: what trains, in counts. */
export function summary(d: ModelDrawing): string {
  const lit = d.rows.flatMap((r) => r.parts.filter((p) => stateOf(p) !== 'frozen').map((p) => `${r.label} ${p.label}`));
  const c = d.config;
  const what = d.trainable === d.total ? 'Everything trains.' : d.trainable === 0 ? 'Nothing trains: every part is frozen.' : `What trains: ${lit.join(', ')}; everything else is frozen.`;
  return `A GPT with ${c.nLayer} blocks of width ${c.nEmbd}, ${c.nHead} heads each, a ${c.vocabSize}-token vocabulary and a ${c.blockSize}-token context: ` +
    `${d.total.toLocaleString('en-US')} parameters, of which ${d.trainable.toLocaleString('en-US')} train. ${what}`;
}

function Drawing({ d, title, testId }: { d: ModelDrawing; title: string; testId?: string }) {
  const id = useId();
  const [focus, setFocus] = useState<string | null>(null);
  const widest = Math.max(...d.rows.map((r) => r.parts.reduce((s, p) => s + p.count, 0)));
  const scale = (BAR_W - 6 * (GAP + MIN_W)) / widest;
  const H = d.rows.length * ROW_H + 8;
  const focused = d.rows.flatMap((r) => r.parts.map((p) => ({ p, row: r.label }))).find((x) => x.p.id === focus);
  return (
    <div className="model-drawing" data-testid={testId} data-trainable={d.trainable} data-total={d.total}>
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} className="model-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary(d)}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="md-frozen-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="md-hatch" />
          </pattern>
        </defs>
        {d.rows.map((r, i) => {
          const y = 4 + i * ROW_H;
          let x = LABEL_W;
          const rowTrain = r.parts.reduce((s, p) => s + p.trainable, 0);
          const rowAll = r.parts.reduce((s, p) => s + p.count, 0);
          return (
            <g key={r.label} data-row={r.label}>
              <text x={LABEL_W - 8} y={y + BAR_H / 2} className="md-row-label" textAnchor="end" dominantBaseline="central">{r.label}</text>
              {r.parts.map((p) => {
                const w = p.tied ? 44 : Math.max(MIN_W, p.count * scale);
                const px = x;
                x += w + GAP;
                const st = stateOf(p);
                const label = describe(p, r.label);
                const cls = `md-part md-${st} md-kind-${p.kind}${focus === p.id ? ' md-focus' : ''}`;
                return (
                  <g key={p.id} className={cls} tabIndex={0} role="img" aria-label={label} data-part={p.id} data-kind={p.kind} data-state={st}
                    data-count={p.count} data-trainable={p.trainable}
                    onFocus={() => setFocus(p.id)} onBlur={() => setFocus(null)} onMouseEnter={() => setFocus(p.id)} onMouseLeave={() => setFocus(null)}>
                    <title>{label}</title>
                    <rect x={px} y={y} width={w} height={BAR_H} rx={3} fill={st === 'frozen' ? `url(#${id}-hatch)` : undefined} strokeDasharray={p.tied ? '4 3' : undefined} />
                    {w > p.label.length * 7.4 + 8 && (
                      <text x={px + w / 2} y={y + BAR_H / 2} textAnchor="middle" dominantBaseline="central" className="md-part-label">{p.label}</text>
                    )}
                  </g>
                );
              })}
              <text x={W - COUNT_W + 10} y={y + BAR_H / 2} dominantBaseline="central" className="md-count">
                {rowTrain === rowAll ? `${formatCount(rowAll)} train` : rowTrain === 0 ? `${formatCount(rowAll)} frozen` : `${formatCount(rowTrain)} of ${formatCount(rowAll)} train`}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="md-total" data-testid={testId && `${testId}-total`}>
        <strong>{title}:</strong> {d.trainable.toLocaleString('en-US')} of {d.total.toLocaleString('en-US')} parameters train
        ({((100 * d.trainable) / d.total).toFixed(d.trainable > 0 && d.trainable / d.total < 0.01 ? 2 : 1)}%).
      </p>
      <p className="md-focus-line small" aria-live="polite">{focused ? describe(focused.p, focused.row) : 'Point at or tab to a part to read its count.'}</p>
    </div>
  );
}

function Legend({ lora }: { lora: boolean }) {
  return (
    <ul className="md-legend small" aria-label="Legend">
      <li><svg width="28" height="16" aria-hidden="true"><rect className="md-swatch md-trains" width="28" height="16" rx="3" /></svg> trains</li>
      {lora && <li><svg width="28" height="16" aria-hidden="true"><rect className="md-swatch md-trains md-kind-lora" width="28" height="16" rx="3" /></svg> LoRA adapter (trains)</li>}
      <li><svg width="28" height="16" aria-hidden="true"><rect className="md-swatch md-frozen-swatch" width="28" height="16" rx="3" /></svg> frozen (grey, hatched)</li>
      <li className="muted">widths are parameter counts to scale</li>
    </ul>
  );
}

/** The model of `preset`, with what `choice` trains lit. */
export function ModelDiagram({ reference, caption, testId = 'model-diagram', ...spec }: ModelDiagramProps) {
  const d = modelDrawing(spec);
  if (!d) return <p className="muted" data-testid={testId}>No drawing for the preset "{spec.preset}".</p>;
  const ref = reference ? modelDrawing({ ...spec, choice: 'nothing' }) : undefined;
  const title = spec.choice === 'lora' ? `The model, LoRA rank ${spec.loraRank ?? 8}` : 'The model';
  return (
    <figure className="model-diagram" data-choice={spec.choice ?? 'everything'}>
      <div className={ref ? 'md-pair' : undefined}>
        <Drawing d={d} title={reference ? 'Policy (trains)' : title} testId={testId} />
        {ref && <Drawing d={ref} title={reference!} testId={`${testId}-reference`} />}
      </div>
      <Legend lora={spec.choice === 'lora'} />
      {caption && <figcaption className="small muted">{caption}</figcaption>}
    </figure>
  );
}
