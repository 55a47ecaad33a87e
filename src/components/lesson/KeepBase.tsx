/**
 * "Keep as my base model": saves the current run as a named checkpoint (ckpt-save) and, once the
 * worker lists the new slot, makes it the learner's base model (the store's myModels slice), which
 * lessons 2 and 3 start from. Shows which base is in use now: the learner's own, or the shipped
 * one when none was kept (or the kept one's checkpoint was deleted since).
 */
import { useEffect, useRef, useState } from 'react';
import { myModel, SHIPPED_PREFIX } from '../../store/api.ts';
import { saveCheckpointAs } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';
import { useCommand } from '../engine/useCommand.ts';
import './lesson.css';

export function KeepBase() {
  const slots = useLab((s) => s.slots);
  const ckError = useLab((s) => s.engineErrors.checkpoint);
  const chosen = useLab((s) => s.myModels.base);
  const inUse = useLab((s) => myModel(s, 'base'));
  const setMyModel = useLab((s) => s.setMyModel);
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
    setMyModel('base', added.id);
  }, [slots, setMyModel]);

  useEffect(() => {
    if (ckError && wanted.current) {
      wanted.current = null;
      setSaving(false);
    }
  }, [ckError]);

  const keep = () => {
    // No step in the name: the page's step can trail the worker's, and the list shows the saved step.
    const name = `My base model, kept ${new Date().toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}`;
    wanted.current = { name, before: new Set(slots.map((s) => s.id)) };
    setSaving(true);
    save(name);
  };
  const slot = slots.find((s) => s.id === inUse);
  const own = inUse !== null && !inUse.startsWith(SHIPPED_PREFIX);
  const lost = chosen !== null && !chosen.startsWith(SHIPPED_PREFIX) && chosen !== inUse && slots.length > 0;
  return (
    <div className="keep-base" data-testid="keep-base">
      <button type="button" disabled={!canSave || saving} onClick={keep} data-testid="keep-base-go">
        {saving ? 'Saving…' : 'Keep as my base model'}
      </button>
      {ckError && <p className="error" role="alert">{ckError}</p>}
      {lost && <p className="error" role="note">The model you kept is no longer in this browser, so the lessons use the shipped base again.</p>}
      {own ? (
        <p data-testid="my-base" data-slot={inUse}>
          Your base model: <strong>{slot?.name ?? inUse}</strong>{slot && <> ({slot.preset}, step {slot.step.toLocaleString('en-US')})</>}.{' '}
          <button type="button" className="secondary" onClick={() => setMyModel('base', null)}>Go back to the shipped base</button>
        </p>
      ) : (
        <p className="muted" data-testid="my-base-none">
          No base model of your own yet: the next lessons start from {slot ? <strong>{slot.name}</strong> : 'the one the lab ships'}.
        </p>
      )}
    </div>
  );
}
