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
import { createTrainingSlice, type TrainingSlice } from './trainingSlice.ts';
import { createSamplingSlice, type SamplingSlice } from './samplingSlice.ts';
import { createCheckpointsSlice, type CheckpointsSlice } from './checkpointsSlice.ts';
import { createRequestsSlice, type RequestsSlice } from './requestsSlice.ts';
import { createMyModelsSlice, type MyModelsSlice } from './myModelsSlice.ts';
import { createKernelLabSlice, type KernelLabSlice } from './kernelLabSlice.ts';
import { createMyMessagesSlice, type MyMessagesSlice } from './myMessagesSlice.ts';
import { createGpuMeasureSlice, type GpuMeasureSlice } from './gpuMeasureSlice.ts';

export type LabState = GpuSlice & QuizSlice & FlashcardsSlice & RunsSlice & DatasetsSlice & TrainingSlice & SamplingSlice & CheckpointsSlice & RequestsSlice & MyModelsSlice & KernelLabSlice & MyMessagesSlice & GpuMeasureSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createGpuSlice(...a),
  ...createQuizSlice(...a),
  ...createFlashcardsSlice(...a),
  ...createRunsSlice(...a),
  ...createDatasetsSlice(...a),
  ...createTrainingSlice(...a),
  ...createSamplingSlice(...a),
  ...createCheckpointsSlice(...a),
  ...createRequestsSlice(...a),
  ...createMyModelsSlice(...a),
  ...createKernelLabSlice(...a),
  ...createMyMessagesSlice(...a),
  ...createGpuMeasureSlice(...a),
}));
