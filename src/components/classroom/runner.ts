/**
 * Turns a training step's mode (deck.ts StepMode, set by the teacher) into engine commands, in the
 * window that runs the demo: 'live' sets the draft to the step's recipe and starts it (or resumes
 * the step's own paused run), 'skipped' pauses a live run so the shipped result can be shown. The
 * same commands the lessons run (store/commands.ts through api.ts); nothing here trains by itself.
 */
import { useEffect, useRef } from 'react';
import type { ClassroomStep, DemoSize } from '../../lessons/classroom/script.ts';
import { runCommand } from '../../store/api.ts';
import { pauseRun, resumeRun, startFinetune, startRun } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';
import type { RunState } from '../../store/trainingSlice.ts';
import type { StepMode } from './deck.ts';
import type { ShippedEntry } from './shipped.ts';
import { shippedFor } from './shipped.ts';

/** The kind of the current run ('pretrain' when it has no task), or null without one. */
export const runKind = (run: RunState): string | null => (run.settings ? run.settings.task?.kind ?? 'pretrain' : null);

/** True when the current run is of this kind and has trained at least one step. */
export const isKindRun = (run: RunState, kind: string | undefined): boolean => !!kind && runKind(run) === kind && run.step > 0;

/** Runs a training step's mode in this window (no-op where `runs` is false or the step does not train). */
export function useStepRunner(step: ClassroomStep, mode: StepMode, size: DemoSize, manifest: ShippedEntry[] | null, runs: boolean): void {
  // A measurement of the GPU (estimate.ts) runs to its end before a step trains.
  const gpuReady = useLab((s) => s.gpu.state === 'ready' && s.gpuMeasuring === null);
  const run = useLab((s) => s.run);
  const started = useRef(false);
  const plan = step.train;

  useEffect(() => {
    if (!runs || !plan || !gpuReady) return;
    const st = useLab.getState();
    const r = plan.recipes[size];
    if (mode === 'skipped' || mode === 'idle') {
      if (runKind(st.run) === plan.kind && pauseRun.predicate(st)) runCommand(pauseRun, undefined);
      return;
    }
    // mode === 'live': once per visit, start the recipe, or go on with this step's own paused run.
    if (started.current) return;
    if (runKind(st.run) === plan.kind && st.run.status === 'training') {
      started.current = true;
    } else if (runKind(st.run) === plan.kind && resumeRun.predicate(st)) {
      started.current = true;
      runCommand(resumeRun, undefined);
    } else if (plan.kind === 'pretrain' && startRun.predicate({ ...st, draft: { ...st.draft, preset: r.preset } })) {
      started.current = true;
      st.setDraft({ preset: r.preset, steps: r.steps, batch: r.batch, lr: r.lr, seed: r.seed, task: undefined });
      runCommand(startRun, undefined);
    } else if (plan.kind === 'classify' && startFinetune.predicate(st)) {
      const base = manifest && shippedFor(manifest, 'pretrain', size);
      if (!base) return;
      started.current = true;
      runCommand(startFinetune, {
        task: { kind: 'classify', choice: r.choice, loraRank: r.loraRank, readAt: r.readAt, dataset: 'spam' },
        fromSlot: base.id,
        settings: { steps: r.steps, lr: r.lr, seed: r.seed, batch: r.batch },
      });
    }
  }, [runs, plan, gpuReady, mode, size, manifest, run.status]);

  // Leaving live (skip, or back to idle) lets a later 'live' start or resume again.
  useEffect(() => {
    if (mode !== 'live') started.current = false;
  }, [mode]);
}
