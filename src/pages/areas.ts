/**
 * The lab's areas with their pages (src/lessons/areas.ts holds their titles and blurbs): each page
 * is loaded lazily when its route is first visited. An area without a page here fails at load,
 * so the home page never links to a page that does not exist.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { AREA_INFO, type AreaInfo } from '../lessons/areas.ts';

export interface Area extends AreaInfo {
  page: LazyExoticComponent<ComponentType>;
}

const PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  'lesson/pretrain': lazy(() => import('./lessons/Pretrain.tsx')),
  'lesson/classify': lazy(() => import('./lessons/Classify.tsx')),
  'lesson/instruct': lazy(() => import('./lessons/Instruct.tsx')),
  'lesson/prefer': lazy(() => import('./lessons/Prefer.tsx')),
  'stages': lazy(() => import('./Stages.tsx')),
  'workshop': lazy(() => import('./Workshop.tsx')),
  'playground': lazy(() => import('./Playground.tsx')),
  'kernels': lazy(() => import('./KernelLab.tsx')),
  'quiz': lazy(() => import('./Quiz.tsx')),
  'flashcards': lazy(() => import('./Flashcards.tsx')),
  'datasets': lazy(() => import('./Datasets.tsx')),
  'classroom': lazy(() => import('./Classroom.tsx')),
};

export const AREAS: Area[] = AREA_INFO.map((a) => {
  const page = PAGES[a.path];
  if (!page) throw new Error(`area "${a.path}" has no page in src/pages/areas.ts`);
  return { ...a, page };
});
