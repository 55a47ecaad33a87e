/**
 * Choosing the next run: a preset (with its parameter count and the GPU memory one training step
 * needs, or why this GPU cannot hold it) and the run's steps, learning rate, batch and seed.
 * Edits the store's draft only; the Start command reads it.
 */
import { useLab } from '../../store/index.ts';
import { presetBatch, presetRows } from '../../store/presets.ts';
import type { PresetId } from '../../store/trainingSlice.ts';
import { formatBytes, formatCount } from './format.ts';
import './engine.css';

function NumberField({ label, value, min, max, step, onChange, testId }: {
  label: string; value: number; min: number; max: number; step: number; onChange: (v: number) => void; testId: string;
}) {
  return (
    <label className="field">
      {label}{' '}
      <input
        type="number" value={value} min={min} max={max} step={step} data-testid={testId}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v) && v >= min && v <= max) onChange(v);
        }}
      />
    </label>
  );
}

export function PresetPicker({ disabled = false }: { disabled?: boolean }) {
  const draft = useLab((s) => s.draft);
  const setDraft = useLab((s) => s.setDraft);
  const gpu = useLab((s) => s.gpu);
  const rows = presetRows(gpu.state === 'ready' ? gpu.report.limits : undefined, (id) => (id === draft.preset ? draft.batch : presetBatch(id)));
  return (
    <fieldset className="presets" disabled={disabled} data-testid="preset-picker">
      <legend>Model size</legend>
      {rows.map((r) => (
        <label key={r.id} className={`preset${r.refused ? ' refused' : ''}`} data-testid={`preset-${r.id}`}>
          <input
            type="radio" name="preset" value={r.id} checked={draft.preset === r.id}
            onChange={() => setDraft({ preset: r.id as PresetId, batch: presetBatch(r.id) })}
          />{' '}
          <strong>{r.label}</strong>: {formatCount(r.params)} parameters, {formatBytes(r.trainingBytes)} of GPU memory to train
          {' '}(batch {r.batch} × {r.blockSize} tokens)
          <span className="muted small"> {r.blurb}</span>
          {r.refused && <span className="error" role="note" data-testid={`preset-${r.id}-refused`}> Too big for this GPU: {r.refused}</span>}
        </label>
      ))}
      <div className="run-fields">
        <NumberField label="Steps" testId="steps" value={draft.steps} min={1} max={1_000_000} step={1} onChange={(v) => setDraft({ steps: Math.round(v) })} />
        <NumberField label="Peak learning rate" testId="lr" value={draft.lr} min={1e-6} max={0.5} step={0.0005} onChange={(v) => setDraft({ lr: v })} />
        <NumberField label="Batch" testId="batch" value={draft.batch} min={1} max={256} step={1} onChange={(v) => setDraft({ batch: Math.round(v) })} />
        <NumberField label="Seed" testId="seed" value={draft.seed} min={0} max={2 ** 31 - 1} step={1} onChange={(v) => setDraft({ seed: Math.round(v) })} />
      </div>
    </fieldset>
  );
}
