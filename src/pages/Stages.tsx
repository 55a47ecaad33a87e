/**
 * The three stages side by side: pretraining, classification finetuning and instruction tuning,
 * each with a real example from the lab's data drawn token by token (which tokens count in the
 * loss, or where the class is read), its supervision, objective and goal, and the learner's own
 * status with a link into its lesson; then the learner's checkpoints as a family tree. Works
 * without WebGPU: everything here is computed in the page from the shipped data and the store.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBuiltinDataset } from '../components/data/useBuiltinDatasets.ts';
import type { MaskToken } from '../components/instruct/TokenMask.tsx';
import { Prose } from '../components/lesson/Prose.tsx';
import '../components/lesson/lesson.css';
import { listCheckpoints } from '../store/api.ts';
import { Lineage } from '../components/stages/Lineage.tsx';
import { StageColumn } from '../components/stages/StageColumn.tsx';
import { stageStatus } from '../components/stages/status.ts';
import { PREFER_STAGE, STAGES, STAGES_LESSON } from '../lessons/stages/content.ts';
import { BeforeAfter } from '../components/prefer/BeforeAfter.tsx';
import { useLab } from '../store/index.ts';
import { formatPrompt } from '../train/prompt.ts';
import { drawClassification, drawInstruction, drawPretrain, useLabTokenizer } from './lessons/instructTokens.ts';

/** Context of the drawings: the small preset's, the shipped base model's. */
const T = 128;
/** Characters of the pretraining example (the start of the first validation document). */
const PRETRAIN_CHARS = 170;

/** The first sentence or so of the corpus' validation text, fetched once. */
function usePretrainText(): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // A range request keeps it to a few KB where the server allows; otherwise the whole file comes.
    fetch(`${import.meta.env.BASE_URL}datasets/corpus-val.txt`, { headers: { Range: 'bytes=0-4095' } })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((t) => {
        const cut = t.slice(0, PRETRAIN_CHARS);
        if (live) setText(cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)));
      })
      .catch(() => live && setText(''));
    return () => {
      live = false;
    };
  }, []);
  return text;
}

export default function Stages() {
  const { tok } = useLabTokenizer();
  const data = useBuiltinDataset('instruct');
  const pretrainText = usePretrainText();
  const prefs = useBuiltinDataset('prefs');
  const pair = prefs.state === 'ready' && prefs.data.kind === 'prefs' ? prefs.data.pairs.find((p) => p.kind === 'unknown') : undefined;
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  const slots = useLab((s) => s.slots);
  const fromStore = useLab(useShallow((s) => ({ run: s.run, lastMetric: s.lastMetric, evals: s.evals, runs: s.runs })));
  const input = { ...fromStore, slots };

  useEffect(() => {
    if (gpuReady) listCheckpoints();
  }, [gpuReady]);

  const records = data.state === 'ready' && data.data.kind === 'instruct' ? data.data.records : null;
  const examples = useMemo(() => {
    if (!records) return null;
    const spam = records.find((r) => r.task === 'spam' && r.split === 'train' && r.output === 'spam' && (r.input ?? '').length < 120);
    const inst = records.find((r) => r.task === 'antonym' && r.split === 'train') ?? records[0];
    return { spam, inst };
  }, [records]);

  const columns = STAGES.map((stage) => {
    let example: { text: string; label?: string } | null = null;
    let tokens: MaskToken[] | null = null;
    if (stage.kind === 'pretrain' && pretrainText !== null) {
      example = { text: pretrainText };
      if (tok) tokens = drawPretrain(tok, pretrainText, 40);
    }
    if (stage.kind === 'classify' && examples?.spam) {
      example = { text: examples.spam.input ?? '', label: examples.spam.output };
      if (tok) tokens = drawClassification(tok, example.text, T);
    }
    if (stage.kind === 'instruct' && examples) {
      example = { text: formatPrompt(examples.inst) + examples.inst.output + '<|endoftext|>' };
      if (tok) tokens = drawInstruction(tok, examples.inst, T, true).tokens;
    }
    return <StageColumn key={stage.kind} stage={stage} example={example} tokens={tokens} status={stageStatus(stage.kind, input)} />;
  });

  return (
    <article className="lesson" data-testid="lesson-stages">
      <header>
        <h1>{STAGES_LESSON.title}</h1>
        <p className="lesson-summary">{STAGES_LESSON.summary}</p>
      </header>
      <Prose blocks={STAGES_LESSON.sections[0].blocks} />
      <div className="stages-grid">{columns}</div>
      {STAGES_LESSON.sections.slice(1).map((s) => (
        <section key={s.id} aria-labelledby={`${s.id}-title`}>
          <h2 id={`${s.id}-title`}>{s.title}</h2>
          <Prose blocks={s.blocks} />
        </section>
      ))}
      <section aria-labelledby="after-sft-title" data-testid="stages-after-sft">
        <h2 id="after-sft-title">After instruction tuning: a stage that compares answers</h2>
        <div className="stages-grid">
          <StageColumn stage={PREFER_STAGE} status={stageStatus('prefer', input)}
            example={pair ? { text: `${formatPrompt(pair)}${pair.chosen}<|endoftext|>`, label: `preferred over "${pair.rejected}"` } : null}
            tokens={tok && pair ? drawInstruction(tok, { instruction: pair.instruction, output: pair.chosen }, T, true).tokens : null} />
          <div className="card">
            <h3>Instruct (SFT) vs preference-tuned (DPO)</h3>
            <BeforeAfter />
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby="lineage-title">
        <h2 id="lineage-title">Your checkpoints and where they came from</h2>
        {gpuReady ? <Lineage slots={input.slots} /> : <p className="muted">The checkpoint list comes from the engine, which needs WebGPU in this browser.</p>}
      </section>
    </article>
  );
}
