/**
 * The quiz's score and progress over every part (self-marks count "I had it" as right), and the
 * reset, which asks once before clearing.
 */
import { useEffect, useRef, useState } from 'react';
import { scoreChoices, scoreSelfMarks, scoreStage, sumScores } from '../../lessons/quiz/grading.ts';
import { MULTIPLE_CHOICE } from '../../lessons/quiz/multipleChoice.ts';
import { SELF_CHECK } from '../../lessons/quiz/selfCheck.ts';
import { STAGE_ITEMS } from '../../lessons/quiz/whichStage.ts';
import { useLab } from '../../store/index.ts';
import { runQuestionsFor } from './runQuestionList.ts';

const SELF_IDS = SELF_CHECK.map((q) => q.id);

export function QuizScore({ onReset }: { onReset(): void }) {
  const quiz = useLab((s) => s.quiz);
  const runs = useLab((s) => s.runs);
  const resetQuiz = useLab((s) => s.resetQuiz);
  const [confirming, setConfirming] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  const self = scoreSelfMarks(SELF_IDS, quiz.marks);
  const stage = scoreStage(STAGE_ITEMS, quiz.answers);
  const mc = scoreChoices([...MULTIPLE_CHOICE, ...runQuestionsFor({ runs }).map((v) => v.question)], quiz.answers);
  const all = sumScores([self, stage, mc]);
  const pct = all.total ? Math.round((100 * all.answered) / all.total) : 0;
  return (
    <section className="card quiz-score" aria-labelledby="score-title" data-testid="quiz-score">
      <h2 id="score-title">Your score</h2>
      <p className="score-line">
        <strong data-testid="score-right">{all.right}</strong> right of <span data-testid="score-total">{all.total}</span>
        {' · '}
        <span data-testid="score-answered">{all.answered}</span> answered
      </p>
      <progress max={all.total} value={all.answered} aria-label={`${all.answered} of ${all.total} answered`}>{pct}%</progress>
      <ul className="score-parts small">
        <li>Self-check: {self.right} had it, {self.answered - self.right} not yet, of {self.total}</li>
        <li data-testid="score-stage">Which stage: {stage.right} right, {stage.close} close, of {stage.total}</li>
        <li>Multiple choice: {mc.right} right of {mc.total}</li>
      </ul>
      <p className="small muted">Saved in this browser only. Nothing is sent anywhere.</p>
      {!confirming ? (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>Reset quiz…</button>
      ) : (
        <div role="group" aria-label="Confirm reset" className="confirm">
          <p>Clear all your answers, marks and notes?</p>
          <button
            type="button"
            onClick={() => {
              resetQuiz();
              setConfirming(false);
              onReset();
            }}
          >
            Yes, clear them
          </button>{' '}
          <button type="button" className="secondary" ref={keepRef} onClick={() => setConfirming(false)}>Keep them</button>
        </div>
      )}
    </section>
  );
}
