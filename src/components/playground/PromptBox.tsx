/**
 * The one prompt every pane answers, the presets that fill it (src/lessons/playground/presets.ts)
 * with what to look for, and the Generate button. A preset also sets the template switch it is
 * meant to be tried with.
 */
import { useId } from 'react';
import { PRESETS, type PromptPreset } from '../../lessons/playground/presets.ts';
import { MAX_PROMPT_CHARS } from './urlState.ts';

export interface PromptBoxProps {
  prompt: string;
  onPrompt(p: string): void;
  onPreset(p: PromptPreset): void;
  /** the preset last chosen, while the prompt is still its text */
  preset: PromptPreset | undefined;
  canGenerate: boolean;
  /** why Generate is off, when it is */
  whyNot: string | null;
  onGenerate(): void;
  busy: boolean;
}

export function PromptBox({ prompt, onPrompt, onPreset, preset, canGenerate, whyNot, onGenerate, busy }: PromptBoxProps) {
  const id = useId();
  return (
    <section className="card pg-prompt" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Prompt</h2>
      <div role="group" aria-label="Prompt presets" className="pg-row pg-presets">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" className="secondary" aria-pressed={preset?.id === p.id} disabled={busy}
            data-testid={`pg-preset-${p.id}`} onClick={() => onPreset(p)}>
            {p.title}
          </button>
        ))}
      </div>
      {preset && <p className="pg-lookfor" data-testid="pg-lookfor"><strong>What to look for: </strong>{preset.lookFor}</p>}
      <label htmlFor={id} className="pg-label">Your prompt, the same for every pane</label>
      <textarea id={id} rows={3} value={prompt} maxLength={MAX_PROMPT_CHARS} data-testid="pg-prompt"
        onChange={(e) => onPrompt(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Ctrl+Enter (Cmd+Enter) generates without leaving the box.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && canGenerate) {
            e.preventDefault();
            onGenerate();
          }
        }} />
      <div className="pg-row">
        <button type="button" onClick={onGenerate} disabled={!canGenerate} data-testid="pg-generate" aria-describedby={whyNot ? `${id}-why` : undefined}>
          {busy ? 'Generating…' : 'Generate'}
        </button>
        <span className="muted small">Every pane uses this prompt, seed and settings. Ctrl+Enter in the box works too.</span>
      </div>
      {whyNot && <p id={`${id}-why`} className="muted small" data-testid="pg-why-not">{whyNot}</p>}
    </section>
  );
}
