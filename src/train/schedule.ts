/**
 * Learning-rate schedule: linear warm-up, then cosine decay to a floor (nanoGPT's get_lr).
 * A pure function of the step; owns nothing else (the optimizer reads it every step).
 */

/** Schedule settings; steps count from 0. */
export interface LRSchedule {
  /** peak learning rate, reached at the end of warm-up */
  maxLr: number;
  /** floor the cosine decays to, and the rate after totalSteps */
  minLr: number;
  /** steps of linear warm-up (0 = start at maxLr) */
  warmupSteps: number;
  /** step at which the decay reaches minLr */
  totalSteps: number;
}

/** Throws naming the field if the schedule makes no sense. */
export function validateSchedule(s: LRSchedule): void {
  if (!(s.maxLr > 0)) throw new Error(`LRSchedule.maxLr must be positive, got ${s.maxLr}`);
  if (!(s.minLr >= 0 && s.minLr <= s.maxLr)) throw new Error(`LRSchedule.minLr must be in [0, maxLr], got ${s.minLr}`);
  if (!Number.isInteger(s.warmupSteps) || s.warmupSteps < 0) throw new Error(`LRSchedule.warmupSteps must be a non-negative integer, got ${s.warmupSteps}`);
  if (!Number.isInteger(s.totalSteps) || s.totalSteps < s.warmupSteps) throw new Error(`LRSchedule.totalSteps must be an integer >= warmupSteps (${s.warmupSteps}), got ${s.totalSteps}`);
}

/**
 * Learning rate at `step` (0-based).
 *   step < warmup:            maxLr * (step + 1) / warmup   (never 0, so step 0 already learns)
 *   warmup <= step <= total:  minLr + (maxLr - minLr) * (1 + cos(pi * progress)) / 2
 *   step > total:             minLr
 */
export function learningRate(step: number, s: LRSchedule): number {
  if (step < s.warmupSteps) return (s.maxLr * (step + 1)) / s.warmupSteps;
  if (step >= s.totalSteps) return s.minLr;
  const progress = (step - s.warmupSteps) / (s.totalSteps - s.warmupSteps); // 0 -> 1
  return s.minLr + ((s.maxLr - s.minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
}
