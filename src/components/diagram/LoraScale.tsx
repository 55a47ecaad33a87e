/**
 * LoRA to scale: one adapted matrix W (out × in) beside its two factors B (out × r) and A (r × in)
 * for the learner's rank, every side drawn at the same scale, with how many values each holds and
 * which of them train. The shapes come from the model's LoRA table through the store.
 */
import { useId, useState } from 'react';
import { loraShapes, type LoraShape } from '../../store/modelDrawing.ts';
import './model.css';

const NAMES: Record<LoraShape['target'], string> = {
  'attn.c_attn': 'attention q, k, v (c_attn)',
  'attn.c_proj': 'attention output (c_proj)',
  'mlp.c_fc': 'MLP up (c_fc)',
  'mlp.c_proj': 'MLP down (c_proj)',
};

const n = (x: number) => x.toLocaleString('en-US');
const MAT = 240;

export interface LoraScaleProps {
  preset: string;
  rank: number;
}

export function LoraScale({ preset, rank }: LoraScaleProps) {
  const id = useId();
  const shapes = loraShapes(preset, rank);
  const [target, setTarget] = useState<LoraShape['target']>('attn.c_attn');
  const s = shapes.find((x) => x.target === target);
  if (!s) return null;
  const side = Math.max(...shapes.flatMap((x) => [x.Cin, x.Cout]));
  const k = MAT / side;
  // A rank-1 factor is under a pixel wide at this scale: at least 2 px so it can be seen.
  const px = (v: number) => Math.max(2, v * k);
  const top = 10;
  const labelY = top + px(side) + 24;
  const wCount = s.Cout * s.Cin;
  const bCount = s.Cout * s.rank;
  const aCount = s.rank * s.Cin;
  // Each matrix with its label (about 9 px a character) gets its own slot, so the drawing packs to its content.
  const slot = (drawn: number, ...lines: string[]) => Math.max(drawn, ...lines.map((l) => l.length * 9));
  const lines = {
    w: [`W (frozen) ${s.Cout} × ${s.Cin}`, `${n(wCount)} values`],
    b: [`B ${s.Cout} × ${s.rank}`, `${n(bCount)} train`],
    a: [`A ${s.rank} × ${s.Cin}`, `${n(aCount)} train`],
  };
  const xW = 10;
  const xB = xW + slot(px(s.Cin), ...lines.w) + 50;
  const xA = xB + slot(px(s.rank), ...lines.b) + 50;
  const width = xA + slot(px(s.Cin), ...lines.a) + 10;
  const text = `W is ${s.Cout} × ${s.Cin}: ${n(wCount)} values, frozen. B is ${s.Cout} × ${s.rank} (${n(bCount)} values) and A is ${s.rank} × ${s.Cin} (${n(aCount)} values); both train. ` +
    `Their product B·A has W's shape but only ${n(bCount + aCount)} trainable values, ${((100 * (bCount + aCount)) / wCount).toFixed(1)}% of W's.`;
  const label = (x: number, ls: string[]) => ls.map((l, i) => <text key={l} x={x} y={labelY + i * 20} className="ls-text">{l}</text>);
  return (
    <figure className="lora-scale" data-testid="lora-scale" data-rank={s.rank} data-target={s.target} data-w={wCount} data-b={bCount} data-a={aCount}>
      <label>Matrix{' '}
        <select value={target} onChange={(e) => setTarget(e.target.value as LoraShape['target'])} data-testid="lora-scale-target">
          {shapes.map((x) => <option key={x.target} value={x.target}>{NAMES[x.target]}</option>)}
        </select>
      </label>
      <svg viewBox={`0 0 ${width} ${labelY + 50}`} width={Math.round(width * 1.25)} role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} tabIndex={0}>
        <title id={`${id}-t`}>LoRA to scale, rank {s.rank}, on the {NAMES[s.target]} matrix of each block</title>
        <desc id={`${id}-d`}>{text}</desc>
        <rect x={xW} y={top} width={px(s.Cin)} height={px(s.Cout)} className="ls-w" />
        <text x={xB - 25} y={top + 40} className="ls-op" textAnchor="middle">+</text>
        <rect x={xB} y={top} width={px(s.rank)} height={px(s.Cout)} className="ls-b" />
        <text x={xA - 25} y={top + 40} className="ls-op" textAnchor="middle">·</text>
        <rect x={xA} y={top} width={px(s.Cin)} height={px(s.rank)} className="ls-a" />
        {label(xW, lines.w)}
        {label(xB, lines.b)}
        {label(xA, lines.a)}
      </svg>
      <figcaption className="small">{text} The same pair sits beside each of the four matrices of every block.</figcaption>
    </figure>
  );
}
