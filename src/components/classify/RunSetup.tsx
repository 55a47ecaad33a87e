/**
 * The choices before a lesson-2 run: which model to start from, what trains (each choice with its
 * trainable-parameter count from the model's parameter table), the LoRA rank, where the class is
 * read (the first-token experiment), the data (the shipped spam set or the learner's own file,
 * with the upload control and its errors right here) and the run length.
 */
import { useId, type ReactNode } from 'react';
import { FREEZE_CHOICES, classifierParamCounts } from '../../store/runsSlice.ts';
import { useLab } from '../../store/index.ts';
import { UploadData } from '../data/UploadData.tsx';
import { formatCount } from '../engine/format.ts';
import { CHOICE_BLURB, CHOICE_LABEL } from './format.ts';
import { LORA_RANKS } from '../../lessons/classify/recipe.ts';
import { setupErrors, type ClassifySetup } from './setup.ts';
import './classify.css';

/** A model the run can start from. */
export interface StartOption {
  id: string;
  name: string;
  preset: string;
}

export interface RunSetupProps {
  setup: ClassifySetup;
  starts: readonly StartOption[];
  disabled: boolean;
  onChange(patch: Partial<ClassifySetup>): void;
  /** shown right after the choices of what trains (the model drawing) */
  drawing?: ReactNode;
}

export function RunSetup({ setup, starts, disabled, onChange, drawing }: RunSetupProps) {
  const id = useId();
  const upload = useLab((s) => s.userData.classify);
  const accepted = useLab((s) => s.uploads.classify);
  const engineError = useLab((s) => s.engineErrors.data);
  const preset = starts.find((s) => s.id === setup.start)?.preset;
  const errors = setupErrors(setup);
  const num = (v: string) => (v.trim() === '' ? NaN : Number(v));
  return (
    <div className="run-setup-panel" data-testid="class-setup">
      <div className="run-setup">
        <label>Start from{' '}
          <select value={setup.start} disabled={disabled} onChange={(e) => onChange({ start: e.target.value })} data-testid="class-start">
            {starts.length === 0 && <option value="">(no base model found yet)</option>}
            {starts.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        {errors.start && <span className="error small">{errors.start}</span>}
      </div>
      <fieldset className="choices" disabled={disabled}>
        <legend>What trains</legend>
        {FREEZE_CHOICES.map((c) => {
          const n = preset ? classifierParamCounts(preset, c, setup.loraRank) : undefined;
          return (
            <label key={c} className="choice" data-testid={`class-choice-${c}`} data-trainable={n?.trainable}>
              <input type="radio" name={`${id}-choice`} value={c} checked={setup.choice === c} onChange={() => onChange({ choice: c })} />
              <span><strong>{CHOICE_LABEL[c]}</strong>{c === 'lora' && ` (rank ${setup.loraRank})`}: <span className="muted">{CHOICE_BLURB[c]}</span></span>
              <span className="count">
                {n ? <>{formatCount(n.trainable)} trainable of {formatCount(n.total)} ({((100 * n.trainable) / n.total).toFixed(n.trainable / n.total < 0.01 ? 2 : 1)}%)</> : '–'}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="run-setup">
        <label>LoRA rank r{' '}
          <select value={setup.loraRank} disabled={disabled || setup.choice !== 'lora'} onChange={(e) => onChange({ loraRank: Number(e.target.value) })} data-testid="class-lora-rank">
            {LORA_RANKS.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <span role="radiogroup" aria-label="Read the class at">
          Read the class at{' '}
          <label><input type="radio" name={`${id}-read`} checked={setup.readAt === 'last'} disabled={disabled} onChange={() => onChange({ readAt: 'last' })} data-testid="class-read-last" /> the last token</label>{' '}
          <label><input type="radio" name={`${id}-read`} checked={setup.readAt === 'first'} disabled={disabled} onChange={() => onChange({ readAt: 'first' })} data-testid="class-read-first" /> the first token (experiment)</label>
        </span>
      </div>
      {drawing}
      <div className="run-setup">
        <label>Steps <input type="number" min={1} value={Number.isNaN(setup.steps) ? '' : setup.steps} disabled={disabled} onChange={(e) => onChange({ steps: num(e.target.value) })} data-testid="class-steps" /></label>
        <label>Messages per step <input type="number" min={1} max={64} value={Number.isNaN(setup.batch) ? '' : setup.batch} disabled={disabled} onChange={(e) => onChange({ batch: num(e.target.value) })} data-testid="class-batch" /></label>
        <label>Learning rate <input type="number" step="any" min={0} value={Number.isNaN(setup.lr) ? '' : setup.lr} disabled={disabled} onChange={(e) => onChange({ lr: num(e.target.value) })} data-testid="class-lr" /></label>
      </div>
      {(errors.steps || errors.batch || errors.lr) && (
        <ul className="error small" role="alert" data-testid="class-setup-errors">
          {[errors.steps, errors.batch, errors.lr].filter(Boolean).map((m) => <li key={m}>{m}</li>)}
        </ul>
      )}
      <div className="run-setup">
        <span role="radiogroup" aria-label="Training data">
          Data{' '}
          <label><input type="radio" name={`${id}-data`} checked={setup.dataset === 'spam'} disabled={disabled} onChange={() => onChange({ dataset: 'spam' })} data-testid="class-data-spam" /> the shipped spam set</label>{' '}
          <label><input type="radio" name={`${id}-data`} checked={setup.dataset === 'upload'} disabled={disabled || !upload} onChange={() => onChange({ dataset: 'upload' })} data-testid="class-data-upload" /> your file{upload ? ` (${upload.file})` : ' (load one below)'}</label>
        </span>
      </div>
      <UploadData kind="classify" />
      {setup.dataset === 'upload' && engineError && <p role="alert" className="data-error" data-testid="class-upload-engine-error">The engine refused the file: {engineError}</p>}
      {setup.dataset === 'upload' && upload && accepted?.name === upload.file && (
        <p className="small" data-testid="class-upload-accepted">
          The engine will train on {accepted.name}: {accepted.counts.train} training, {accepted.counts.val} validation and {accepted.counts.test} test messages (rows without a split were given one, 80/10/10).
        </p>
      )}
    </div>
  );
}
