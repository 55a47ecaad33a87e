/**
 * The lab's areas as data: the home page and the navigation list exactly these, so an area
 * appears only once its page exists. Later issues add entries with their routes.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface Area {
  /** Route path, without the leading slash. */
  path: string;
  title: string;
  blurb: string;
  /** True when the page trains or samples on the GPU; such pages explain themselves without WebGPU. */
  needsGpu: boolean;
  page: LazyExoticComponent<ComponentType>;
}

export const AREAS: Area[] = [
  {
    path: 'lesson/pretrain',
    title: 'Lesson 1: Pretraining',
    blurb: 'Start here: see raw text become tokens and next-token questions, train a tiny GPT on it live, and watch its writing go from noise to words.',
    needsGpu: true,
    page: lazy(() => import('./lessons/Pretrain.tsx')),
  },
  {
    path: 'lesson/classify',
    title: 'Lesson 2: Spam classifier',
    blurb: 'Give the pretrained model a new two-class head and train it on labelled e-mails: compare what to train (head, last block, all, LoRA) and try your own messages.',
    needsGpu: true,
    page: lazy(() => import('./lessons/Classify.tsx')),
  },
  {
    path: 'lesson/instruct',
    title: 'Lesson 3: Instruction tuning',
    blurb: 'Teach your base model to answer: see which tokens count in the loss, tune it with the prompt masked or not (or with LoRA), and compare base and tuned answers and scores.',
    needsGpu: true,
    page: lazy(() => import('./lessons/Instruct.tsx')),
  },
  {
    path: 'stages',
    title: 'The three stages',
    blurb: 'Pretraining, classification and instruction tuning side by side: their data, which tokens count, where the labels come from, and your own progress in each.',
    needsGpu: false,
    page: lazy(() => import('./Stages.tsx')),
  },
  {
    path: 'workshop',
    title: 'Model workshop',
    blurb: 'Pretrain a tiny GPT live on your GPU: pick a size, watch the loss fall, let it write, and keep checkpoints.',
    needsGpu: true,
    page: lazy(() => import('./Workshop.tsx')),
  },
  {
    path: 'playground',
    title: 'Playground',
    blurb: 'Ask a base and an instruction-tuned model the same thing side by side, with the same seed, and see what each token could have been.',
    needsGpu: true,
    page: lazy(() => import('./Playground.tsx')),
  },
  {
    path: 'kernels',
    title: 'Kernel lab',
    blurb: 'Read and edit the WGSL kernels that train the model, check them against their CPU reference, time them, and swap your version into a live run.',
    needsGpu: true,
    page: lazy(() => import('./KernelLab.tsx')),
  },
  {
    path: 'quiz',
    title: 'Self-check quiz',
    blurb: 'Check what you remember: where each behaviour comes from, what SFT can and cannot teach, and your own runs.',
    needsGpu: false,
    page: lazy(() => import('./Quiz.tsx')),
  },
  {
    path: 'flashcards',
    title: 'Flashcards',
    blurb: 'The key ideas and terms on cards, with spaced repetition and a printable deck.',
    needsGpu: false,
    page: lazy(() => import('./Flashcards.tsx')),
  },
  {
    path: 'datasets',
    title: 'Datasets',
    blurb: 'The three sets the lessons train on: raw text, labelled e-mails and instruction-answer pairs. Browse them, see their counts, or load your own.',
    needsGpu: false,
    page: lazy(() => import('./Datasets.tsx')),
  },
];
