/**
 * Renders lesson prose (Block[] from src/lessons/types.ts) as React elements. Every string is
 * rendered as text, never as HTML; a span between backticks becomes <code>. Owns no state and
 * knows nothing about any particular lesson.
 */
import type { ReactNode } from 'react';
import type { Block } from '../../lessons/types.ts';

/** Splits a string on backticks: odd pieces are code spans. "a `b` c" -> a, <code>b</code>, c. */
export function inline(text: string): ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

const NOTE_LABEL: Record<'idea' | 'try' | 'warn', string> = { idea: 'Key idea', try: 'Try this', warn: 'Watch out' };

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'p':
      return <p>{inline(block.text)}</p>;
    case 'list':
      return <ul>{block.items.map((it, i) => <li key={i}>{inline(it)}</li>)}</ul>;
    case 'note':
      return (
        <aside className={`lesson-note ${block.tone}`} aria-label={`${NOTE_LABEL[block.tone]}: ${block.title}`}>
          <p className="lesson-note-title"><span className="muted small">{NOTE_LABEL[block.tone]} · </span><strong>{block.title}</strong></p>
          <p>{inline(block.text)}</p>
        </aside>
      );
    case 'term':
      return (
        <dl className="lesson-term">
          <dt>{block.term}</dt>
          <dd>{inline(block.text)}</dd>
        </dl>
      );
  }
}

/** The blocks of one section, in order. */
export function Prose({ blocks }: { blocks: readonly Block[] }) {
  return (
    <div className="prose">
      {blocks.map((b, i) => <BlockView key={i} block={b} />)}
    </div>
  );
}
