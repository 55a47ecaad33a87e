/**
 * The "which stage does this behaviour come from" exercise: six behaviours, each answered with a
 * stage, graded against the expected outcomes, with the explanation after answering.
 */
import { gradeStage } from '../../lessons/quiz/grading.ts';
import type { StageChoice } from '../../lessons/quiz/types.ts';
import { STAGE_CHOICES, STAGE_ITEMS } from '../../lessons/quiz/whichStage.ts';
import { useLab } from '../../store/index.ts';
import { ChoiceCard } from './ChoiceCard.tsx';

const label = (c: StageChoice) => STAGE_CHOICES.find((x) => x.id === c)?.text ?? c;

export function StageExercise() {
  const answers = useLab((s) => s.quiz.answers);
  const answerQuestion = useLab((s) => s.answerQuestion);
  return (
    <section aria-labelledby="stage-title" data-testid="stage-exercise">
      <h2 id="stage-title">Which stage does this behaviour come from?</h2>
      <p>
        Six things a modern assistant does. For each, pick where it mainly comes from: pretraining, SFT, both (and
        which part is bigger), or a stage after SFT. The aim is to feel where the line between pretraining and SFT
        runs, not to argue edge cases. A <em>close</em> answer names the main source but misses part of the story.
      </p>
      {STAGE_ITEMS.map((item, k) => (
        <ChoiceCard
          key={item.id}
          id={item.id}
          label={`Behaviour ${k + 1} of ${STAGE_ITEMS.length}`}
          prompt={item.behaviour}
          options={STAGE_CHOICES}
          saved={answers[item.id]}
          grade={(c) => gradeStage(item, c as StageChoice)}
          note={(c) => {
            const v = gradeStage(item, c as StageChoice);
            if (v === 'right') return undefined;
            const why = v === 'close' ? item.close[c as StageChoice] : undefined;
            return `${why ? `${why} ` : ''}Expected: ${label(item.right)}.`;
          }}
          explanation={item.explanation}
          onCheck={(c) => answerQuestion(item.id, c)}
        />
      ))}
      <p className="muted">
        Rule of thumb: knowing facts is pretraining; answering instead of continuing is SFT; knowing when <em>not</em> to
        do something almost always comes after SFT.
      </p>
    </section>
  );
}
