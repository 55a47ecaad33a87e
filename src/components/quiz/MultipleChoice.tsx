/** The multiple-choice questions, graded automatically. */
import { gradeChoice } from '../../lessons/quiz/grading.ts';
import { MULTIPLE_CHOICE } from '../../lessons/quiz/multipleChoice.ts';
import { useLab } from '../../store/index.ts';
import { ChoiceCard } from './ChoiceCard.tsx';

export function MultipleChoice() {
  const answers = useLab((s) => s.quiz.answers);
  const answerQuestion = useLab((s) => s.answerQuestion);
  return (
    <section aria-labelledby="mc-title" data-testid="multiple-choice">
      <h2 id="mc-title">Multiple choice</h2>
      {MULTIPLE_CHOICE.map((q, k) => (
        <ChoiceCard
          key={q.id}
          id={q.id}
          label={`Question ${k + 1} of ${MULTIPLE_CHOICE.length}`}
          prompt={q.prompt}
          options={q.options}
          saved={answers[q.id]}
          grade={(o) => gradeChoice(q, o)}
          note={(o) => (o === q.answer ? undefined : `The answer: ${q.options.find((x) => x.id === q.answer)?.text}.`)}
          explanation={q.explanation}
          onCheck={(o) => answerQuestion(q.id, o)}
        />
      ))}
    </section>
  );
}
