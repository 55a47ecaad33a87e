/**
 * One playground pane: which checkpoint it samples from, and what that model wrote for the shared
 * prompt, streamed token by token. Holds no sampling state of its own; the page sends the
 * requests and the store holds the streams.
 */
import { ModelPicker } from './ModelPicker.tsx';
import { TokenStream } from './TokenStream.tsx';
import type { SampledToken, SlotInfo } from './types.ts';

/** What a pane shows of its latest request. */
export interface PaneStream {
  /** the checkpoint that wrote it */
  model: string;
  prompt: string;
  tokens: SampledToken[];
  running: boolean;
  error?: string;
}

export interface PaneProps {
  /** 1-based position */
  index: number;
  model: string;
  slots: readonly SlotInfo[];
  stream: PaneStream | null;
  busy: boolean;
  onModel(id: string): void;
  /** absent when the pane cannot be removed */
  onRemove?: () => void;
  /** opens the attention view on this answer */
  onAttention?: () => void;
}

export function Pane({ index, model, slots, stream, busy, onModel, onRemove, onAttention }: PaneProps) {
  const name = `pane ${index}`;
  const state = stream?.error ? 'error' : stream?.running ? 'running' : stream ? 'done' : 'empty';
  return (
    <section className="card pg-pane" aria-label={`Pane ${index}`} data-testid={`pg-pane-${index}`} data-model={model} data-state={state}>
      <div className="pg-pane-head">
        <ModelPicker pane={index} value={model} slots={slots} disabled={busy} onChange={onModel} />
        {onRemove && (
          <button type="button" className="secondary" onClick={onRemove} disabled={busy} aria-label={`Remove pane ${index}`}>
            Remove
          </button>
        )}
      </div>
      {stream?.error && <p className="error" role="alert" data-testid="pg-pane-error">{stream.error}</p>}
      {stream ? (
        <TokenStream name={name} prompt={stream.prompt} tokens={stream.tokens} running={stream.running} />
      ) : (
        <p className="muted">Press Generate to see what this model writes.</p>
      )}
      {stream && stream.model !== model && (
        <p className="muted small" data-testid="pg-pane-stale">Written by {stream.model}; press Generate to hear from the model chosen now.</p>
      )}
      {stream && !stream.running && !stream.error && (
        <p className="muted small" role="status" data-testid="pg-pane-status">
          {stream.tokens.length} token{stream.tokens.length === 1 ? '' : 's'} generated.
        </p>
      )}
      {stream && !stream.running && !stream.error && onAttention && (
        <button type="button" className="secondary" onClick={onAttention} data-testid={`pg-attention-${index}`}>Show attention for this answer</button>
      )}
    </section>
  );
}
