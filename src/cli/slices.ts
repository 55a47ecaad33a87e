/**
 * The save loop every resumable `lab` training command shares: train in slices that end at each
 * multiple of --save-every, at --until or at Ctrl-C, and write the checkpoint after each slice,
 * while the GPU is idle, so the weights and AdamW moments in the file belong to the same step.
 */
import { DivergedError } from '../train/trainer.ts';
import { CliError, withInterrupt } from './io.ts';

export interface SlicedRun {
  /** the lab command, for messages: 'pretrain', 'finetune-classify' … */
  command: string;
  out: string;
  /** the run's total steps, --until (≤ steps), --save-every (0 = only at the end) and the step it starts at */
  steps: number;
  until: number;
  every: number;
  start: number;
  /** trains from step `from` up to `next`, or until stopped() says Ctrl-C; resolves with the step reached */
  train: (from: number, next: number, stopped: () => boolean) => Promise<number>;
  /** writes the resumable checkpoint of `step` (called only before the run's last step) */
  save: (step: number) => Promise<unknown>;
}

/** Runs `r` slice by slice; when it ends before its last step, says how to continue it. */
export async function runInSlices(r: SlicedRun): Promise<{ step: number; interrupted: boolean }> {
  let step = r.start;
  // The trainer queues steps without waiting between logged ones, so the signal is seen at the next log line.
  const note = `${r.command}: interrupted; saving ${r.out} at the next logged step (Ctrl-C again to quit without saving)`;
  const interrupted = await withInterrupt(note, async (stopped) => {
    while (step < r.until && !stopped()) {
      const next = Math.min(r.until, r.every > 0 ? (Math.floor(step / r.every) + 1) * r.every : r.until);
      try {
        step = await r.train(step, next, stopped);
      } catch (e) {
        if (e instanceof DivergedError) throw new CliError(`${e.message} The last checkpoint written (if any) is ${r.out}.`);
        throw e;
      }
      if (step < r.steps) await r.save(step);
    }
    return stopped();
  });
  if (step < r.steps) {
    console.log(`${interrupted ? 'interrupted' : 'stopped'} at step ${step} of ${r.steps}; saved ${r.out}. Continue with: npm run lab -- ${r.command} --resume ${r.out} --out ${r.out}`);
  }
  return { step, interrupted };
}
