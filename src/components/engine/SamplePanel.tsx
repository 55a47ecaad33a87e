/**
 * Ask the model to continue a prompt: temperature, top-k, top-p, seed and length, with the
 * tokens streamed in as the engine picks them. Each token shows, on hover or focus, the most
 * likely candidates it was drawn from. Generated text is rendered as text only.
 */
import { sampleText } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';
import { useCommand } from './useCommand.ts';
import './engine.css';

export function SamplePanel() {
  const d = useLab((s) => s.sampleDraft);
  const set = useLab((s) => s.setSampleDraft);
  const sample = useLab((s) => (s.sampleId === null ? undefined : s.samples[s.sampleId]));
  const error = useLab((s) => s.engineErrors.sample);
  const [enabled, generate] = useCommand(sampleText);
  const num = (k: 'temperature' | 'topK' | 'topP' | 'seed' | 'maxTokens', label: string, min: number, max: number, step: number) => (
    <label className="field">
      {label}{' '}
      <input type="number" min={min} max={max} step={step} value={d[k]} data-testid={`sample-${k}`}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v) && v >= min && v <= max) set({ [k]: v });
        }} />
    </label>
  );
  return (
    <section className="card" aria-labelledby="sample-title" data-testid="sample-panel">
      <h2 id="sample-title">Let it write</h2>
      <label className="field wide">
        Prompt{' '}
        <input type="text" value={d.prompt} onChange={(e) => set({ prompt: e.currentTarget.value })} data-testid="sample-prompt" />
      </label>
      <div className="run-fields">
        {num('temperature', 'Temperature', 0, 5, 0.1)}
        {num('topK', 'Top-k (0 = all)', 0, 100000, 1)}
        {num('topP', 'Top-p', 0.01, 1, 0.05)}
        {num('seed', 'Seed', 0, 2 ** 31 - 1, 1)}
        {num('maxTokens', 'Max tokens', 1, 1000, 1)}
      </div>
      <button type="button" disabled={!enabled} onClick={() => generate()} data-testid="sample-go">{sampleText.label}</button>
      {error && <p className="error" role="alert" data-testid="sample-error">{error}</p>}
      {sample && (
        <p className="sample-out" data-testid="sample-output" data-tokens={sample.tokens.length} data-running={sample.running} aria-busy={sample.running}>
          <span className="prompt">{sample.prompt}</span>
          {sample.tokens.map((t, i) => (
            <span key={i} className="tok" tabIndex={0}
              title={t.top.map((c) => `${JSON.stringify(c.text)} ${(100 * c.prob).toFixed(1)}%`).join('\n')}>
              {t.text}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
