/**
 * The shell every lesson page shares: a header with the lesson's title and summary, a list of its
 * sections that scrolls to each one, and the sections themselves (prose from the lesson's data,
 * then whatever live panel the page puts after that section). Pages supply the panels; this file
 * holds no lesson text and never talks to the engine.
 */
import type { ReactNode } from 'react';
import type { Lesson } from '../../lessons/types.ts';
import { Prose } from './Prose.tsx';
import './lesson.css';

export interface LessonLayoutProps {
  lesson: Lesson;
  /** live content shown after a section's prose, keyed by section id */
  panels?: Partial<Record<string, ReactNode>>;
  /** shown between the header and the first section (a "needs WebGPU" notice, say) */
  banner?: ReactNode;
}

/**
 * Scrolls to a section without touching location.hash: the app routes by hash, so a plain
 * "#id" link would navigate away from the lesson.
 */
function goTo(id: string): void {
  const el = document.getElementById(id);
  el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el?.focus({ preventScroll: true });
}

export function LessonLayout({ lesson, panels = {}, banner }: LessonLayoutProps) {
  return (
    <article className="lesson" data-testid={`lesson-${lesson.id}`}>
      <header className="lesson-head">
        <h1>{lesson.title}</h1>
        <p className="lesson-summary">{lesson.summary}</p>
        <nav aria-label="Sections of this lesson" className="lesson-nav">
          <ol>
            {lesson.sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} onClick={(e) => { e.preventDefault(); goTo(s.id); }}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      {banner}
      {lesson.sections.map((s) => (
        <section key={s.id} id={s.id} tabIndex={-1} className="lesson-section" aria-labelledby={`${s.id}-title`}>
          <h2 id={`${s.id}-title`}>{s.title}</h2>
          <Prose blocks={s.blocks} />
          {panels[s.id]}
        </section>
      ))}
    </article>
  );
}
