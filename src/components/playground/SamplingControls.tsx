/**
 * The sampling settings every pane shares: temperature, top-k, top-p, max tokens, seed and the
 * instruction-template switch, each with its one-line explanation (src/lessons/playground/controls.ts)
 * tied to the control by aria-describedby. A number being typed stays as typed; only a valid one
 * reaches the page state, and an invalid one says what is allowed.
 */
import { useId, useState } from 'react';
import { CONTROL_HELP } from '../../lessons/playground/controls.ts';
import { NUMERIC, numberOk, type NumericKey, type PlaygroundState } from './urlState.ts';

type Settings = Omit<PlaygroundState, 'prompt' | 'models'>;

function NumberField({ k, value, onChange, disabled }: { k: NumericKey; value: number; onChange(v: number): void; disabled: boolean }) {
  const f = NUMERIC[k];
  const { label, help } = CONTROL_HELP[k];
  const id = useId();
  const [text, setText] = useState(String(value));
  // Follow outside changes (a preset, the URL) without clobbering a half-typed number.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(String(value));
  }
  const v = text.trim() === '' ? NaN : Number(text);
  const bad = !numberOk(k, v);
  return (
    <div className="pg-control">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" inputMode={f.whole ? 'numeric' : 'decimal'} min={f.min} max={f.max} step={f.step}
        value={text} disabled={disabled} aria-invalid={bad} aria-describedby={`${id}-help${bad ? ` ${id}-err` : ''}`}
        data-testid={`pg-${k}`}
        onChange={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          const n = t.trim() === '' ? NaN : Number(t);
          if (numberOk(k, n)) {
            setSeen(n);
            onChange(n);
          }
        }}
        onBlur={() => bad && setText(String(value))} />
      <p id={`${id}-help`} className="pg-help">{help}</p>
      {bad && (
        <p id={`${id}-err`} className="error pg-help" role="alert">
          {f.whole ? 'A whole number' : 'A number'} from {f.min} to {f.max}; still using {value}.
        </p>
      )}
    </div>
  );
}

/** The shared settings; `onChange` receives one changed field at a time. */
export function SamplingControls({ settings, onChange, disabled }: { settings: Settings; onChange(patch: Partial<Settings>): void; disabled: boolean }) {
  const tplHelp = useId();
  return (
    <fieldset className="card pg-controls" aria-describedby="pg-controls-note">
      <legend>Sampling settings (the same for every pane)</legend>
      <p id="pg-controls-note" className="muted small">Change one at a time and generate again to see what it does.</p>
      <div className="pg-grid">
        {(Object.keys(NUMERIC) as NumericKey[]).map((k) => (
          <NumberField key={k} k={k} value={settings[k]} disabled={disabled} onChange={(v) => onChange({ [k]: v })} />
        ))}
        <div className="pg-control pg-check">
          <label>
            <input type="checkbox" checked={settings.template} disabled={disabled} aria-describedby={tplHelp} data-testid="pg-template"
              onChange={(e) => onChange({ template: e.currentTarget.checked })} />{' '}
            {CONTROL_HELP.template.label}
          </label>
          <p id={tplHelp} className="pg-help">{CONTROL_HELP.template.help}</p>
        </div>
      </div>
    </fieldset>
  );
}
