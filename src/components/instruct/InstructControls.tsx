/**
 * The settings and buttons of an instruction-tuning run: which base checkpoint to start from,
 * steps, masking, LoRA and its rank, then start / pause / resume. Controlled: the page owns the
 * values and sends the commands; this file only lays them out and says why a button is off.
 */
import type { SlotInfo } from '../../store/trainingSlice.ts';
import type { RecipeSize } from '../../store/api.ts';
import { StartEstimate } from '../measure/StartEstimate.tsx';
import './instruct.css';

/** The lesson's run settings (the instruct TaskSettings plus the run length and start). */
export interface InstructDraft {
  from: string;
  steps: number;
  maskPrompt: boolean;
  lora: boolean;
  loraRank: number;
}

export interface InstructControlsProps {
  draft: InstructDraft;
  onChange: (patch: Partial<InstructDraft>) => void;
  /** checkpoints a run can start from (base models) */
  bases: readonly SlotInfo[];
  /** why a new run cannot start now, or null */
  startBlocked: string | null;
  canPause: boolean;
  canResume: boolean;
  onStart: () => void;
  onPause: () => void;
  onResume: () => void;
  /** a run is training: the settings are fixed until it ends */
  locked: boolean;
  /** the run Start would train (the start model's size, steps, batch), for its time on this GPU */
  recipe: RecipeSize;
}

export function InstructControls(p: InstructControlsProps) {
  const { draft, onChange, locked } = p;
  return (
    <div className="instruct-controls" data-testid="instruct-controls">
      <div className="controls-row">
        <label>
          Start from{' '}
          <select data-testid="instruct-from" value={draft.from} disabled={locked} onChange={(e) => onChange({ from: e.target.value })}>
            {p.bases.length === 0 && <option value={draft.from}>{draft.from}</option>}
            {p.bases.map((s) => (
              <option key={s.id} value={s.id}>{s.name} ({s.preset}{s.shipped ? ', shipped' : ''})</option>
            ))}
          </select>
        </label>
        <label>
          Steps{' '}
          <input type="number" data-testid="instruct-steps" min={1} max={100000} value={draft.steps} disabled={locked}
            onChange={(e) => onChange({ steps: Math.max(1, Math.floor(Number(e.target.value) || 1)) })} style={{ width: '6rem' }} />
        </label>
      </div>
      <div className="controls-row">
        <label>
          <input type="checkbox" data-testid="instruct-mask" checked={draft.maskPrompt} disabled={locked} onChange={(e) => onChange({ maskPrompt: e.target.checked })} />{' '}
          Mask the prompt in the loss
        </label>
        <label>
          <input type="checkbox" data-testid="instruct-lora" checked={draft.lora} disabled={locked} onChange={(e) => onChange({ lora: e.target.checked })} />{' '}
          LoRA only (base weights frozen)
        </label>
        <label>
          rank r{' '}
          <select data-testid="instruct-rank" value={draft.loraRank} disabled={locked || !draft.lora} onChange={(e) => onChange({ loraRank: Number(e.target.value) })}>
            {[2, 4, 8, 16].map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
      </div>
      <div className="controls-row">
        <button type="button" data-testid="instruct-start" disabled={p.startBlocked !== null} onClick={p.onStart}>Start instruction tuning</button>
        <button type="button" className="secondary" data-testid="instruct-pause" disabled={!p.canPause} onClick={p.onPause}>Pause</button>
        <button type="button" className="secondary" data-testid="instruct-resume" disabled={!p.canResume} onClick={p.onResume}>Resume</button>
        {p.startBlocked && <span className="small muted" data-testid="instruct-start-why">{p.startBlocked}</span>}
      </div>
      <StartEstimate recipe={p.recipe} testId="instruct-start-estimate" />
    </div>
  );
}
