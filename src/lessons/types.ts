/**
 * The shape of lesson prose as data: a lesson is sections of blocks, rendered by
 * src/components/lesson/Prose.tsx. Text is plain (rendered as text, never as HTML); `code` spans
 * are marked with backticks inside a string and shown in monospace. Each lesson's content lives in
 * src/lessons/<id>/content.ts, written in the lab's own words from the facts of ../shared/seeds/.
 */

/** One block of prose. */
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  /** a highlighted aside: a key idea, a warning, a "try this" */
  | { kind: 'note'; tone: 'idea' | 'try' | 'warn'; title: string; text: string }
  /** a term and its meaning, for the glossary-like parts */
  | { kind: 'term'; term: string; text: string };

export interface LessonSection {
  /** anchor id, unique within the lesson */
  id: string;
  title: string;
  blocks: Block[];
}

export type LessonId = 'pretrain' | 'classify' | 'instruct' | 'prefer' | 'stages';

export interface Lesson {
  id: LessonId;
  /** route path, without the leading slash (e.g. 'lesson/pretrain') */
  path: string;
  title: string;
  /** one or two sentences for the home page and the lesson header */
  summary: string;
  sections: LessonSection[];
}
