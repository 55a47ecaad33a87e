/**
 * One column of the three-stages overview: the stage's data with a real example drawn token by
 * token (which tokens count), its supervision, objective and goal, and under it the learner's own
 * status with a link into the lesson. Props only; the page gathers the example and the status.
 */
import { Link } from 'react-router';
import type { StageText } from '../../lessons/stages/content.ts';
import { TokenMask, type MaskToken } from '../instruct/TokenMask.tsx';
import '../instruct/instruct.css';

/** What the learner has done in a stage. */
export interface StageStatus {
  trained: boolean;
  /** one line per fact: "last loss 2.31 at step 200", "test accuracy 94%" */
  facts: string[];
}

export interface StageColumnProps {
  stage: StageText;
  /** the example as text, and its label or answer when it has one */
  example: { text: string; label?: string } | null;
  tokens: MaskToken[] | null;
  status: StageStatus;
}

export function StageColumn({ stage, example, tokens, status }: StageColumnProps) {
  return (
    <section className="card stage-column" data-testid={`stage-${stage.kind}`} aria-labelledby={`stage-${stage.kind}-title`}>
      <h2 id={`stage-${stage.kind}-title`}>{stage.title}</h2>
      <dl className="kv">
        <dt>Data</dt>
        <dd>{stage.data}</dd>
        <dt>Supervision</dt>
        <dd>{stage.supervision}</dd>
        <dt>Objective</dt>
        <dd>{stage.objective}</dd>
        <dt>Goal</dt>
        <dd>{stage.goal}</dd>
      </dl>
      <h3>A real example</h3>
      {example ? (
        <>
          <p className="template-text" data-testid={`stage-${stage.kind}-example`}>{example.text}</p>
          {example.label && <p className="small">Label: <strong>{example.label}</strong></p>}
        </>
      ) : (
        <p role="status" className="muted">Loading an example…</p>
      )}
      {tokens && <TokenMask tokens={tokens} label={`${stage.title}: which tokens count`} testId={`stage-${stage.kind}-mask`} maxPadShown={0} />}
      <p className="small muted">{stage.drawing}</p>
      <h3>You</h3>
      <div data-testid={`stage-status-${stage.kind}`} data-trained={status.trained ? 'yes' : 'no'}>
        <p><strong>{status.trained ? `Trained: you have ${stage.result}.` : 'Not trained yet.'}</strong></p>
        {status.facts.length > 0 && <ul className="small">{status.facts.map((f) => <li key={f}>{f}</li>)}</ul>}
      </div>
      <p><Link to={`/${stage.lessonPath}`} data-testid={`stage-link-${stage.kind}`}>{status.trained ? 'Back to the lesson' : 'Go to the lesson'}</Link></p>
    </section>
  );
}
