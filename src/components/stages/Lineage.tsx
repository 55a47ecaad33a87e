/**
 * The learner's checkpoints as a family tree: each base model with the models finetuned from it
 * (spam classifier, instruct model), from the stage and parent fields of the checkpoint list.
 * Pure layout over the list; a checkpoint whose parent is not listed still appears, under a
 * placeholder naming that parent.
 */
import type { SlotInfo } from '../../store/trainingSlice.ts';
import '../instruct/instruct.css';

const STAGE_NAME: Record<string, string> = { pretrain: 'base model', classify: 'spam classifier', instruct: 'instruct model' };

/** Roots (no parent, or a parent not in the list) and the children of each id. */
export function lineage(slots: readonly SlotInfo[]): { roots: { id: string; slot: SlotInfo | null }[]; children: Map<string, SlotInfo[]> } {
  const ids = new Set(slots.map((s) => s.id));
  const children = new Map<string, SlotInfo[]>();
  const roots: { id: string; slot: SlotInfo | null }[] = [];
  const missing = new Set<string>();
  for (const s of slots) {
    if (s.parent) {
      children.set(s.parent, [...(children.get(s.parent) ?? []), s]);
      if (!ids.has(s.parent) && !missing.has(s.parent)) {
        missing.add(s.parent);
        roots.push({ id: s.parent, slot: null });
      }
    } else roots.push({ id: s.id, slot: s });
  }
  return { roots, children };
}

function Node({ slot, children }: { slot: SlotInfo; children: Map<string, SlotInfo[]> }) {
  const kids = children.get(slot.id) ?? [];
  return (
    <li data-testid="lineage-node" data-id={slot.id} data-stage={slot.stage ?? 'unknown'}>
      <strong>{slot.name}</strong> <span className="small muted">{STAGE_NAME[slot.stage ?? ''] ?? 'model'} · {slot.preset} · step {slot.step}{slot.shipped ? ' · shipped' : ''}{slot.auto ? ' · autosave' : ''}</span>
      {kids.length > 0 && <ul>{kids.map((k) => <Node key={k.id} slot={k} children={children} />)}</ul>}
    </li>
  );
}

/** Nested list of the checkpoints, base models at the top. */
export function Lineage({ slots }: { slots: readonly SlotInfo[] }) {
  const { roots, children } = lineage(slots);
  if (roots.length === 0) return <p className="muted" data-testid="lineage-empty">No checkpoints yet: the list fills as you train and save.</p>;
  return (
    <div className="lineage" data-testid="lineage">
      <ul>
        {roots.map((r) =>
          r.slot ? (
            <Node key={r.id} slot={r.slot} children={children} />
          ) : (
            <li key={r.id} data-testid="lineage-node" data-id={r.id} data-stage="missing">
              <span className="muted">{r.id} (not in this browser)</span>
              <ul>{(children.get(r.id) ?? []).map((k) => <Node key={k.id} slot={k} children={children} />)}</ul>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
