/**
 * Each lesson's default recipe as this adapter runs it (lesson 1 picks its preset by adapter; lessons
 * 2 and 3 finetune the shipped small base, lesson 4 the shipped instruct model), the words an
 * estimate is said in, and the JSON a learner downloads after measuring. Pure: no store, no React.
 */
import { CLASSIFY_LESSON } from '../../lessons/classify/content.ts';
import { CLASSIFY_RECIPE } from '../../lessons/classify/recipe.ts';
import { INSTRUCT_LESSON } from '../../lessons/instruct/content.ts';
import { INSTRUCT_RECIPE } from '../../lessons/instruct/recipe.ts';
import { PREFER_LESSON } from '../../lessons/prefer/content.ts';
import { PREFER_RECIPE, preferRunSize } from '../../lessons/prefer/recipe.ts';
import { PRETRAIN_LESSON } from '../../lessons/pretrain/content.ts';
import { PREFERRED_PRESETS, PRETRAIN_RECIPE } from '../../lessons/pretrain/recipe.ts';
import type { GpuMeasurement, RecipeEstimate, RecipeSize } from '../../store/api.ts';
import { presetBatch, presetRows } from '../../store/presets.ts';
import type { PresetId } from '../../store/trainingSlice.ts';

/** Lesson 1's model size on this adapter: the first preferred preset that fits (undefined: none fits). */
export function lessonOnePreset(limits: Record<string, number>, isFallback: boolean): PresetId | undefined {
  const rows = presetRows(limits);
  return (isFallback ? PREFERRED_PRESETS.software : PREFERRED_PRESETS.hardware).find((id) => !rows.find((r) => r.id === id)?.refused);
}

export interface LessonRecipe {
  lesson: string;
  path: string;
  recipe: RecipeSize;
}

/** The four lessons' default runs on an adapter with these limits (lesson 4's as a training run of the same time). */
export function lessonRecipes(limits: Record<string, number>, isFallback: boolean): LessonRecipe[] {
  const p1 = lessonOnePreset(limits, isFallback) ?? 'test';
  return [
    { lesson: PRETRAIN_LESSON.title, path: PRETRAIN_LESSON.path, recipe: { preset: p1, steps: PRETRAIN_RECIPE.steps, batch: presetBatch(p1) } },
    { lesson: CLASSIFY_LESSON.title, path: CLASSIFY_LESSON.path, recipe: { preset: CLASSIFY_RECIPE.preset, steps: CLASSIFY_RECIPE.steps, batch: CLASSIFY_RECIPE.batch } },
    { lesson: INSTRUCT_LESSON.title, path: INSTRUCT_LESSON.path, recipe: { preset: INSTRUCT_RECIPE.preset, steps: INSTRUCT_RECIPE.steps, batch: INSTRUCT_RECIPE.batch } },
    { lesson: PREFER_LESSON.title, path: PREFER_LESSON.path, recipe: preferRunSize(PREFER_RECIPE.preset, PREFER_RECIPE.steps, PREFER_RECIPE.batch, PREFER_RECIPE.replay) },
  ];
}

/** "about 4 min" (rounded the way a person would say it); "under a second" for very short runs. */
export function aboutDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 60) return `about ${Math.round(seconds)} s`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

/** One recipe's line: "400 steps of 16 × 128 tokens on small". */
export function recipeWords(r: RecipeSize, T: number): string {
  return `${r.steps.toLocaleString('en-US')} steps of ${r.batch} × ${T} tokens on ${r.preset}`;
}

/** The estimate as a phrase: "about 12 min on this GPU (measured)", or why there is none. */
export function estimateWords(e: RecipeEstimate, preset: PresetId): string {
  if (e.source === 'measured') return `${aboutDuration(e.seconds)} on this GPU (measured)`;
  return e.reason === 'not-measured' ? 'not measured on this GPU yet' : `the ${preset} preset was not measured on this GPU`;
}

/** The file "Download JSON" saves: the measurement and each lesson's estimate in seconds. */
export function measurementFile(m: GpuMeasurement, lessons: { lesson: string; recipe: RecipeSize; seconds: number | null }[]): string {
  return JSON.stringify({ ...m, lessons: lessons.map((l) => ({ lesson: l.lesson, ...l.recipe, seconds: l.seconds === null ? null : Math.round(l.seconds) })) }, null, 2);
}
