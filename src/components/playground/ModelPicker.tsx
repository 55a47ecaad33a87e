/**
 * The checkpoint a pane samples from: the ones shipped with the lab and the ones saved in this
 * browser (classifiers left out: their head answers spam or ham, it cannot write text). A chosen
 * id that is not (yet) in the list stays selectable, marked, so a restored link is never silently
 * changed while the list is loading.
 */
import { useId } from 'react';
import type { SlotInfo } from './types.ts';

const STAGE: Record<string, string> = { pretrain: 'base', instruct: 'instruct', classify: 'classifier', prefer: 'DPO' };

/** "base-test (shipped, base)" / "my run (step 120, instruct)". */
export function slotLabel(s: SlotInfo): string {
  const stage = s.stage ? STAGE[s.stage] : undefined;
  const facts = [s.shipped ? 'shipped' : s.auto ? `automatic save, step ${s.step}` : `step ${s.step}`, s.preset, stage].filter(Boolean);
  return `${s.name} (${facts.join(', ')})`;
}

/** Checkpoints that can generate text. */
export function textModels(slots: readonly SlotInfo[]): SlotInfo[] {
  return slots.filter((s) => s.stage !== 'classify');
}

export function ModelPicker({ pane, value, slots, onChange, disabled }: { pane: number; value: string; slots: readonly SlotInfo[]; onChange(id: string): void; disabled: boolean }) {
  const id = useId();
  const usable = textModels(slots);
  const shipped = usable.filter((s) => s.shipped);
  const saved = usable.filter((s) => !s.shipped);
  const known = usable.some((s) => s.id === value);
  return (
    <div className="pg-picker">
      <label htmlFor={id}>Model in pane {pane}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)} data-testid="pg-model">
        {!known && <option value={value}>{value} {slots.length ? '(not found)' : '(loading the list…)'}</option>}
        {shipped.length > 0 && (
          <optgroup label="Shipped with the lab">
            {shipped.map((s) => <option key={s.id} value={s.id}>{slotLabel(s)}</option>)}
          </optgroup>
        )}
        {saved.length > 0 && (
          <optgroup label="Saved in this browser">
            {saved.map((s) => <option key={s.id} value={s.id}>{slotLabel(s)}</option>)}
          </optgroup>
        )}
      </select>
    </div>
  );
}
