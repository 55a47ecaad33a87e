/**
 * The self-check quiz page: score and reset, the self-check questions, the which-stage exercise,
 * multiple choice, and questions about the learner's own runs. Works without WebGPU.
 */
import { useState } from 'react';
import { MultipleChoice } from '../components/quiz/MultipleChoice.tsx';
import { QuizScore } from '../components/quiz/QuizScore.tsx';
import { RunQuestions } from '../components/quiz/RunQuestions.tsx';
import { SelfCheckCard } from '../components/quiz/SelfCheckCard.tsx';
import { StageExercise } from '../components/quiz/StageExercise.tsx';
import '../components/quiz/quiz.css';
import { SELF_CHECK } from '../lessons/quiz/selfCheck.ts';
import { AREA_INFO as AREAS } from '../lessons/areas.ts';

/** True when some area's route serves this path (an area 'lesson' serves 'lesson/classify'). */
function hasPage(path: string): boolean {
  return AREAS.some((a) => path === a.path || path.startsWith(`${a.path}/`));
}

export default function Quiz() {
  // Bumped on reset so every question drops its local selection and starts fresh.
  const [generation, setGeneration] = useState(0);
  return (
    <div className="quiz-page">
      <h1>Self-check quiz</h1>
      <p>
        Try each answer yourself before you look: pulling it from memory is what makes it stick, far more than
        reading it again. Your answers and marks stay in this browser.
      </p>
      <QuizScore onReset={() => setGeneration((g) => g + 1)} />
      <div key={generation}>
        <section aria-labelledby="sc-title" data-testid="self-check">
          <h2 id="sc-title">Self-check</h2>
          <p>Answer in your head or in the box, then show the model answer and mark yourself honestly.</p>
          {SELF_CHECK.map((q, k) => (
            <SelfCheckCard key={q.id} q={q} label={`Question ${k + 1} of ${SELF_CHECK.length}`} />
          ))}
        </section>
        <StageExercise />
        <MultipleChoice />
        <RunQuestions canLink={hasPage} />
      </div>
    </div>
  );
}
