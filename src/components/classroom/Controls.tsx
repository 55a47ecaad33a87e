/**
 * The teacher's controls for the current step (the presenter's, or a student's own with
 * `controls=1`): previous and next, and for a training step "Train live", "Pause" and "Skip to the
 * trained result"; the class's spam message; the quiz reveal. They change only the shared deck:
 * the window that runs the demo turns the deck into commands (runner.ts).
 */
import { useState } from 'react';
import { CLASSROOM_SCRIPT, SPAM_EXAMPLE, type ClassroomStep } from '../../lessons/classroom/script.ts';
import type { DemoContext } from './context.ts';
import type { StepMode } from './deck.ts';

export function Controls({ step, ctx, onMove }: { step: ClassroomStep; ctx: DemoContext; onMove(delta: number): void }) {
  const mode: StepMode = ctx.deck.modes[step.id] ?? 'idle';
  const setMode = (m: StepMode) => ctx.update({ modes: { ...ctx.deck.modes, [step.id]: m } });
  const [text, setText] = useState(ctx.deck.spamText || SPAM_EXAMPLE);
  const last = CLASSROOM_SCRIPT.length - 1;
  return (
    <div className="demo-controls" role="group" aria-label="Demo controls" data-testid="demo-controls">
      <p>
        <button type="button" onClick={() => onMove(-1)} disabled={ctx.deck.step === 0} data-testid="demo-prev">← Previous</button>{' '}
        <button type="button" onClick={() => onMove(1)} disabled={ctx.deck.step === last} data-testid="demo-next">Next →</button>
      </p>
      {step.train && (
        <p>
          <button type="button" onClick={() => setMode('live')} disabled={mode === 'live'} data-testid="demo-train">Train live</button>{' '}
          <button type="button" onClick={() => setMode('idle')} disabled={mode !== 'live'} data-testid="demo-pause">Pause</button>{' '}
          <button type="button" onClick={() => setMode('skipped')} disabled={mode === 'skipped'} data-testid="demo-skip">Skip to the trained result</button>
        </p>
      )}
      {step.view === 'spam' && (
        <form onSubmit={(e) => { e.preventDefault(); ctx.update({ spamText: text }); }}>
          <label>The class's message<br />
            <textarea rows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} onKeyDown={(e) => e.stopPropagation()} data-testid="demo-spam-input" />
          </label>
          <br /><button type="submit" data-testid="demo-spam-send">Show this message</button>
        </form>
      )}
      {step.view === 'quiz' && (
        <p><button type="button" onClick={() => ctx.update({ revealed: !ctx.deck.revealed })} data-testid="demo-reveal">{ctx.deck.revealed ? 'Hide the answer' : 'Reveal the answer'}</button></p>
      )}
    </div>
  );
}
