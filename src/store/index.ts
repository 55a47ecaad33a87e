/**
 * The one zustand store, combined from slices. Only the bridge writes engine events into it;
 * it never holds GPU objects, workers or large typed arrays.
 */
import { create } from 'zustand';
import { createGpuSlice, type GpuSlice } from './gpuSlice.ts';
import { createQuizSlice, type QuizSlice } from './quizSlice.ts';
import { createFlashcardsSlice, type FlashcardsSlice } from './flashcardsSlice.ts';
import { createRunsSlice, type RunsSlice } from './runsSlice.ts';
import { createDatasetsSlice, type DatasetsSlice } from './datasetsSlice.ts';

export type LabState = GpuSlice & QuizSlice & FlashcardsSlice & RunsSlice & DatasetsSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createGpuSlice(...a),
  ...createQuizSlice(...a),
  ...createFlashcardsSlice(...a),
  ...createRunsSlice(...a),
  ...createDatasetsSlice(...a),
}));
