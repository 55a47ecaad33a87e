/**
 * One kernel file in the lab: its signature and summary, the editor (compiling as the learner
 * types, with markers at each message's line and column), the CPU reference beside it, and the
 * commands Check, Time, Swap into training and Restore, with their answers. A kernel whose text
 * has not passed Check is swapped only after a warning the learner confirms.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store/index.ts';
import {
  checkKernel, checkStateOf, compileKernel, editKernel, resetKernel, restoreKernel, runKernelCommand, selectKernelText, swapKernel, timeKernel,
  type KernelCommand, type KernelCommandState, type KernelInfo, type KernelTarget,
} from '../../store/kernelLab.ts';
import { CheckResult, TimeResult } from './KernelResults.tsx';
import './kernellab.css';

const KernelEditor = lazy(() => import('./KernelEditor.tsx'));

const pick = (s: KernelCommandState): KernelCommandState => ({
  gpu: s.gpu, run: s.run, kernels: s.kernels, kernelFiles: s.kernelFiles, kernelSwapped: s.kernelSwapped, kernelEdits: s.kernelEdits,
});

function CommandButton({ cmd, target, testId, onClick }: { cmd: KernelCommand; target: KernelTarget; testId: string; onClick?: () => void }) {
  const s = useLab(useShallow(pick));
  return (
    <button type="button" data-testid={testId} disabled={!cmd.predicate(s, target)}
      onClick={() => (onClick ? onClick() : runKernelCommand(cmd, target))}>
      {cmd.label}
    </button>
  );
}

/** How long typing pauses before the text is compiled. */
const COMPILE_DELAY_MS = 250;

export function KernelPanel({ kernel }: { kernel: KernelInfo }) {
  const file = kernel.file;
  const text = useLab(selectKernelText(file)) ?? kernel.code;
  const state = useLab((s) => s.kernelFiles[file]);
  const swapped = useLab((s) => s.kernelSwapped.includes(file));
  const error = useLab((s) => s.engineErrors.kernel);
  const checked = useLab((s) => checkStateOf(s, { file, code: text }));
  // the text the swap warning is open for: editing the text (or another file) closes it
  const [warnFor, setWarnFor] = useState<string | null>(null);
  const confirming = warnFor === `${file}\n${text}`;
  const setConfirming = (open: boolean) => setWarnFor(open ? `${file}\n${text}` : null);
  const target = { file, code: text };

  useEffect(() => {
    const t = setTimeout(() => compileKernel({ file, code: text }), COMPILE_DELAY_MS);
    return () => clearTimeout(t);
  }, [file, text]);

  const messages = state?.messages;
  const current = messages?.code === text;
  const mine = useMemo(() => (messages?.list ?? []).filter((m) => m.file === file), [messages, file]);
  const others = (messages?.list ?? []).filter((m) => m.file !== file);
  const errors = (messages?.list ?? []).filter((m) => m.type === 'error').length;
  const swap = () => (checked === 'passed' ? runKernelCommand(swapKernel, target) : setConfirming(true));

  return (
    <section className="card" aria-labelledby="kernel-title" data-testid="kernel-panel" data-file={file}>
      <h2 id="kernel-title">{kernel.title} <code className="small">{file}</code></h2>
      <p>{kernel.summary} {kernel.inTraining ? <strong>Training on this GPU runs this file.</strong> : <span className="muted">Training on this GPU runs another version; Check and Time still run this one.</span>}</p>
      <pre className="kernel-sig" aria-label="llm.c-style signature" data-testid="kernel-signature">{kernel.signature}</pre>
      {kernel.includes.length > 0 && (
        <details className="small">
          <summary>Composed after {kernel.includes.map((f) => f.name).join(' and ')} (read-only; line numbers below are this file's own)</summary>
          {kernel.includes.map((f) => <pre key={f.name} className="kernel-ref" aria-label={f.name}>{f.code}</pre>)}
        </details>
      )}
      <div className="kernel-side">
        <div>
          <Suspense fallback={<p role="status">Loading the editor…</p>}>
            <KernelEditor file={file} value={text} onChange={(code) => editKernel(file, code)} markers={mine} />
          </Suspense>
          <p className="small" data-testid="kernel-compile-status" data-errors={current ? errors : undefined} aria-live="polite">
            {!messages ? 'Compiling…' : !current ? 'Compiling your change…' : errors === 0 ? 'Compiles.' : `${errors} compile error${errors > 1 ? 's' : ''}.`}
          </p>
          {(mine.length > 0 || others.length > 0) && (
            <ul className="kernel-problems" data-testid="kernel-problems">
              {[...mine, ...others].map((m, i) => (
                <li key={i} className={m.type} data-testid="kernel-problem" data-file={m.file} data-line={m.line} data-column={m.column}>
                  {m.file}:{m.line}:{m.column}: {m.type}: {m.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="small">CPU reference: <code>{kernel.ref.name}</code> (read-only)</h3>
          <pre className="kernel-ref" data-testid="kernel-reference" tabIndex={0} aria-label="The CPU reference, in TypeScript">{kernel.ref.code}</pre>
        </div>
      </div>
      <div className="buttons" style={{ marginTop: '0.75rem' }}>
        <CommandButton cmd={checkKernel} target={target} testId="kernel-check" />
        <CommandButton cmd={timeKernel} target={target} testId="kernel-time" />
        <CommandButton cmd={swapKernel} target={target} testId="kernel-swap" onClick={swap} />
        <CommandButton cmd={restoreKernel} target={target} testId="kernel-restore" />
        <button type="button" data-testid="kernel-reset" disabled={text === kernel.code} onClick={() => resetKernel(file)}>Reset to the shipped text</button>
        {state?.busy && <span role="status" data-testid="kernel-busy">{state.busy === 'check' ? 'Checking…' : 'Timing…'}</span>}
        {swapped && <strong data-testid="kernel-swapped-badge">Your version of this file is training the model.</strong>}
      </div>
      <p className="small muted">Check runs: {kernel.checkShape}. Gradient buffers start random, so a kernel that overwrites a gradient instead of adding to it fails. Swap needs a run (start one below).</p>
      {confirming && (
        <div className="kernel-warning" role="alertdialog" aria-labelledby="swap-warning" data-testid="kernel-swap-warning">
          <p id="swap-warning">
            <strong>{checked === 'failed' ? 'This kernel failed its Check.' : 'This text has not been checked.'}</strong> Swapped in, it trains the model
            from the next step on: a wrong kernel can send the loss to NaN. The lab then stops the run and keeps its last good autosave,
            which you can load again; Restore puts the shipped kernel back.
          </p>
          <div className="buttons">
            <button type="button" data-testid="kernel-swap-anyway" onClick={() => { setConfirming(false); runKernelCommand(swapKernel, target); }}>Swap it in anyway</button>
            <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        </div>
      )}
      {error && <p className="error" role="alert" data-testid="kernel-error">{error}</p>}
      {state?.check && <CheckResult report={state.check.report} current={state.check.code === text} />}
      {state?.time && <TimeResult report={state.time.report} current={state.time.code === text} />}
    </section>
  );
}
