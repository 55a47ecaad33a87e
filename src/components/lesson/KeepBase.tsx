/**
 * "Keep as my base model": saves the current run as a named checkpoint (ckpt-save) and, once the
 * worker lists the new slot, marks it as the learner's base for the next lessons (myBase.ts).
 * Shows the current choice, and says so when its checkpoint has been deleted since.
 */
import { useEffect, useRef, useState } from 'react';
import { saveCheckpointAs } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';
import { useCommand } from '../engine/useCommand.ts';
import { setMyBase, useMyBase } from './myBase.ts';
import './lesson.css';

export function KeepBase() {
  const slots = useLab((s) => s.slots);
  const run = useLab((s) => s.run);
  const ckError = useLab((s) => s.engineErrors.checkpoint);
  const base = useMyBase();
  const [canSave, save] = useCommand(saveCheckpointAs);
  const [saving, setSaving] = useState(false);
  const wanted = useRef<{ name: string; before: Set<string> } | null>(null);

  // The list that arrives after our save holds one slot more, under our name: that is the base.
  useEffect(() => {
    const w = wanted.current;
    if (!w) return;
    const added = slots.find((s) => !w.before.has(s.id) && s.name === w.name);
    if (!added) return;
    wanted.current = null;
    setSaving(false);
    setMyBase({ slotId: added.id, name: added.name, step: added.step, preset: added.preset, chosenAt: Date.now() });
  }, [slots]);

  useEffect(() => {
    if (ckError && wanted.current) {
      wanted.current = null;
      setSaving(false);
    }
  }, [ckError]);

  const keep = () => {
    const name = `My base model (${run.settings?.preset ?? 'model'}, step ${run.step})`;
    wanted.current = { name, before: new Set(slots.map((s) => s.id)) };
    setSaving(true);
    save(name);
  };
  const stillThere = base ? slots.some((s) => s.id === base.slotId) : false;
  return (
    <div className="keep-base" data-testid="keep-base">
      <button type="button" disabled={!canSave || saving} onClick={keep} data-testid="keep-base-go">
        {saving ? 'Saving…' : 'Keep as my base model'}
      </button>
      {ckError && <p className="error" role="alert">{ckError}</p>}
      {base ? (
        <p data-testid="my-base" data-slot={base.slotId}>
          Your base model: <strong>{base.name}</strong> ({base.preset}, step {base.step.toLocaleString('en-US')}).
          {slots.length > 0 && !stillThere && <span className="error"> Its checkpoint is no longer in this browser; keep another one.</span>}
          {' '}
          <button type="button" className="secondary" onClick={() => setMyBase(null)}>Forget this choice</button>
        </p>
      ) : (
        <p className="muted" data-testid="my-base-none">No base model kept yet: the next lessons start from the one the lab ships.</p>
      )}
    </div>
  );
}
