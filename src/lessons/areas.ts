/**
 * The lab's areas as data: the home page and the navigation list exactly these, so an area appears
 * only once its page exists (src/pages/areas.ts pairs each with its page). A lesson's title and
 * blurb are its content's own (title and summary), so they are written once.
 */
import { CLASSIFY_LESSON } from './classify/content.ts';
import { INSTRUCT_LESSON } from './instruct/content.ts';
import { PRETRAIN_LESSON } from './pretrain/content.ts';
import { PREFER_LESSON } from './prefer/content.ts';
import { STAGES_LESSON } from './stages/content.ts';
import type { Lesson } from './types.ts';

export interface AreaInfo {
  /** Route path, without the leading slash. */
  path: string;
  title: string;
  blurb: string;
  /** True when the page trains or samples on the GPU; such pages explain themselves without WebGPU. */
  needsGpu: boolean;
}

const lesson = (l: Lesson, needsGpu: boolean): AreaInfo => ({ path: l.path, title: l.title, blurb: l.summary, needsGpu });

export const AREA_INFO: AreaInfo[] = [
  lesson(PRETRAIN_LESSON, true),
  lesson(CLASSIFY_LESSON, true),
  lesson(INSTRUCT_LESSON, true),
  lesson(PREFER_LESSON, true),
  lesson(STAGES_LESSON, false),
  {
    path: 'workshop',
    title: 'Model workshop',
    blurb: 'Pretrain a tiny GPT live on your GPU: pick a size, watch the loss fall, let it write, and keep checkpoints.',
    needsGpu: true,
  },
  {
    path: 'playground',
    title: 'Playground',
    blurb: 'Ask a base and an instruction-tuned model the same thing side by side, with the same seed, and see what each token could have been.',
    needsGpu: true,
  },
  {
    path: 'kernels',
    title: 'Kernel lab',
    blurb: 'Read and edit the WGSL kernels that train the model, check them against their CPU reference, time them, and swap your version into a live run.',
    needsGpu: true,
  },
  {
    path: 'quiz',
    title: 'Self-check quiz',
    blurb: 'Check what you remember: where each behaviour comes from, what SFT can and cannot teach, and your own runs.',
    needsGpu: false,
  },
  {
    path: 'flashcards',
    title: 'Flashcards',
    blurb: 'The key ideas and terms on cards, with spaced repetition and a printable deck.',
    needsGpu: false,
  },
  {
    path: 'datasets',
    title: 'Datasets',
    blurb: 'The three sets the lessons train on: raw text, labelled e-mails and instruction-answer pairs. Browse them, see their counts, or load your own.',
    needsGpu: false,
  },
  {
    path: 'classroom',
    title: 'Classroom mode',
    blurb: 'A scripted 15-minute demo for a projector: a presenter window with notes and a timer, a QR code for the class, and shipped models to skip to when training would take too long.',
    needsGpu: true,
  },
];
