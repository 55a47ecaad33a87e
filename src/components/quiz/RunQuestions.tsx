/**
 * Questions about the learner's own finished runs. Each shows only when a matching run is in the
 * store, with that run's numbers; its "try it" link appears only when the lesson page exists.
 */
import { Link } from 'react-router';
import { gradeChoice } from '../../lessons/quiz/grading.ts';
import { useLab } from '../../store/index.ts';
import { ChoiceCard } from './ChoiceCard.tsx';
import { runQuestionsFor } from './runQuestionList.ts';

export interface RunQuestionsProps {
  /** Whether the app has a page at this route (no leading slash); without one, no link is shown. */
  canLink(path: string): boolean;
}

export function RunQuestions({ canLink }: RunQuestionsProps) {
  const runs = useLab((s) => s.runs);
  const answers = useLab((s) => s.quiz.answers);
  const answerQuestion = useLab((s) => s.answerQuestion);
  const visible = runQuestionsFor({ runs });
  return (
    <section aria-labelledby="runs-title" data-testid="run-questions">
      <h2 id="runs-title">Questions about your own runs</h2>
      {visible.length === 0 && (
        <p data-testid="no-runs">
          None yet. When you finish a run in the classification or instruction-tuning lesson, questions about your own
          results appear here.
        </p>
      )}
      {visible.map(({ question: q, prompt }) => (
        <ChoiceCard
          key={q.id}
          id={q.id}
          prompt={prompt}
          options={q.options}
          saved={answers[q.id]}
          grade={(o) => gradeChoice(q, o)}
          note={(o) => (o === q.answer ? undefined : `The answer: ${q.options.find((x) => x.id === q.answer)?.text}.`)}
          explanation={q.explanation}
          onCheck={(o) => answerQuestion(q.id, o)}
          after={canLink(q.tryPath) ? <p><Link to={`/${q.tryPath}`}>{q.tryLabel}</Link></p> : <p className="muted">{q.tryLabel} (in a lesson coming soon).</p>}
        />
      ))}
    </section>
  );
}
