/** The kernel lab's exercises (src/lessons/kernels): goal, hint, what Check says, what to watch. */
import type { KernelExercise } from '../../lessons/kernels/exercises.ts';
import './kernellab.css';

export function Exercises({ exercises, onOpen }: { exercises: readonly KernelExercise[]; onOpen(ex: KernelExercise, makeEdit: boolean): void }) {
  return (
    <section className="card kernel-exercises" aria-labelledby="ex-title">
      <h2 id="ex-title">Exercises</h2>
      <ol>
        {exercises.map((ex) => (
          <li key={ex.id} data-testid={`exercise-${ex.id}`}>
            <strong>{ex.title}</strong> <code className="small">{ex.file}</code>
            <p>{ex.goal}</p>
            <details><summary>Hint</summary><p>{ex.hint}</p></details>
            <details><summary>What Check says</summary><p>{ex.check}</p></details>
            <details><summary>What to watch</summary><p>{ex.watch}</p></details>
            <div className="buttons">
              <button type="button" onClick={() => onOpen(ex, false)} data-testid={`exercise-${ex.id}-open`}>Open {ex.file}</button>
              {ex.edits && <button type="button" onClick={() => onOpen(ex, true)} data-testid={`exercise-${ex.id}-edit`}>Make the edit for me</button>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
