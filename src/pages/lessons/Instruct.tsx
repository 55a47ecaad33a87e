/**
 * Lesson 3, instruction tuning: the template and its loss mask drawn on real records (with the
 * trainer's own formatting function), a run from a base checkpoint with masking and LoRA options,
 * the live loss chart, base and tuned model answering the same held-out instructions, their
 * test-split scores, and the learner's runs. Composes components; engine traffic goes through the
 * store's api.ts (useSideBySide.ts queues the panel's samples). Without WebGPU the prose and the
 * mask drawing still work; the live panels say why they are off.
 */
import { useEffect, useMemo, useState } from 'react';
import { useBuiltinDataset } from '../../components/data/useBuiltinDatasets.ts';
import { InstructControls, type InstructDraft } from '../../components/instruct/InstructControls.tsx';
import { InstructRunsTable } from '../../components/instruct/InstructRunsTable.tsx';
import { instructStart } from '../../components/instruct/start.ts';
import { ScoresCard } from '../../components/instruct/ScoresCard.tsx';
import { WorldCard } from '../../components/instruct/WorldCard.tsx';
import { SideBySide } from '../../components/instruct/SideBySide.tsx';
import { TemplateExplorer } from '../../components/instruct/TemplateExplorer.tsx';
import { useSideBySide } from '../../components/instruct/useSideBySide.ts';
import { LessonLayout } from '../../components/lesson/LessonLayout.tsx';
import { ModelDiagram } from '../../components/diagram/ModelDiagram.tsx';
import { TokenMask } from '../../components/instruct/TokenMask.tsx';
import { LossChart } from '../../components/lesson/LossChart.tsx';
import { RunProgress, useRunProgress } from '../../components/lesson/RunProgress.tsx';
import { WebGPUHelp } from '../../components/WebGPUHelp.tsx';
import type { InstructRecord } from '../../data/types.ts';
import { INSTRUCT_LESSON } from '../../lessons/instruct/content.ts';
import { INSTRUCT_RECIPE, PANEL_FAMILIES, PANEL_SAMPLING } from '../../lessons/instruct/recipe.ts';
import { listCheckpoints, myModel, pauseRun, restoreRun, resumeRun, startFinetune } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { presetBatch, presetRows } from '../../store/presets.ts';
import { formatPrompt } from '../../train/prompt.ts';
import { drawInstruction, responseFits, useLabTokenizer } from './instructTokens.ts';
import { DeviceLost } from '../../components/DeviceLost.tsx';


/** A few training records of every family, for the template drawing. */
function explorerRecords(all: readonly InstructRecord[]): InstructRecord[] {
  const seen = new Map<string, number>();
  return all.filter((r) => {
    if (r.split !== 'train') return false;
    const n = seen.get(r.task ?? '') ?? 0;
    seen.set(r.task ?? '', n + 1);
    return n < 2;
  });
}

export default function Instruct() {
  const gpu = useLab((s) => s.gpu);
  const run = useLab((s) => s.run);
  const slots = useLab((s) => s.slots);
  const myBase = useLab((s) => myModel(s, 'base'));
  const metrics = useLab((s) => s.metrics);
  const evals = useLab((s) => s.evals);
  const progress = useRunProgress();
  const { tok, error: tokError } = useLabTokenizer();
  const data = useBuiltinDataset('instruct');
  const records = data.state === 'ready' && data.data.kind === 'instruct' ? data.data.records : null;
  const [draft, setDraft] = useState<InstructDraft>({ from: '', steps: INSTRUCT_RECIPE.steps, maskPrompt: INSTRUCT_RECIPE.maskPrompt, lora: INSTRUCT_RECIPE.choice === 'lora', loraRank: INSTRUCT_RECIPE.loraRank });
  const patch = (p: Partial<InstructDraft>) => setDraft((d) => ({ ...d, ...p }));

  const trainError = useLab((s) => s.engineErrors.train);
  const tuning = run.settings?.task?.kind === 'instruct';
  const hasAutosave = slots.some((s) => s.id === 'autosave:instruct');
  const training = run.status === 'training' || run.status === 'loading' || run.status === 'recovering';
  const bases = slots.filter((s) => s.stage === 'pretrain' || (s.stage === undefined && !s.auto));
  // The learner's pick, else their base model (lesson 1's "keep as my base", default the shipped one), else the first base listed.
  const base = bases.find((s) => s.id === draft.from) ?? bases.find((s) => s.id === myBase) ?? bases[0];
  const from = base?.id ?? draft.from;
  const row = presetRows(undefined).find((r) => r.id === base?.preset) ?? presetRows(undefined).find((r) => r.id === 'small')!;
  const preset = row.id;
  const T = row.blockSize;

  useEffect(() => {
    if (gpu.state !== 'ready') return;
    listCheckpoints();
  }, [gpu.state]);

  // The drawing steps through records the trainer keeps at this context (a response cut away entirely is skipped).
  const fit = useMemo(() => {
    if (!tok || !records) return null;
    const train = records.filter((r) => r.split === 'train');
    const kept = train.filter((r) => responseFits(tok, r, T));
    return { kept: kept.length, total: train.length, explore: explorerRecords(kept) };
  }, [tok, records, T]);
  const panelRecords = useMemo(
    () => (records ? PANEL_FAMILIES.map((f) => records.find((r) => r.split === 'test' && r.task === f)).filter((r): r is InstructRecord => !!r) : []),
    [records],
  );
  // The engine's template wraps an instruction alone; a record with an input is sent already formatted, the same text.
  const panelItems = useMemo(
    () => panelRecords.map((r, i) => (r.input ? { key: String(i), prompt: formatPrompt(r), template: false } : { key: String(i), prompt: r.instruction, template: true })),
    [panelRecords],
  );
  const every = Math.max(5, Math.round((run.settings?.steps ?? draft.steps) / 5));
  const sbs = useSideBySide({ items: panelItems, sampling: PANEL_SAMPLING, endOfTextId: tok?.endOfTextId ?? null, baseModel: from, tuning, every });

  const startBlocked =
    gpu.state !== 'ready' ? 'Needs WebGPU.' : training ? 'A run is training: pause it first.' : !base ? 'Waiting for the list of checkpoints…' : null;
  const tunedName = tuning ? `step ${run.step}` : 'no run yet';
  const live = gpu.state === 'ready';

  const panels = {
    template: (
      <section className="card" aria-label="The template and the loss mask">
        {tokError && <p role="alert" className="error">The tokenizer could not load: {tokError}</p>}
        {data.state === 'error' && <p role="alert" className="error">The instruction set could not load: {data.message}</p>}
        {tok && fit ? (
          <TemplateExplorer records={fit.explore} draw={(r) => drawInstruction(tok, r, T, draft.maskPrompt)} maskPrompt={draft.maskPrompt}
            onMaskPrompt={(m) => patch({ maskPrompt: m })} locked={training && tuning} />
        ) : !tokError && <p role="status">Loading the tokenizer and the instruction set…</p>}
        <p className="small muted" data-testid="fit-note">
          Drawn for the {preset} preset's context of {T} tokens, the model you would start from.
          {fit && ` ${fit.kept.toLocaleString('en-US')} of ${fit.total.toLocaleString('en-US')} training records keep some of their response in that context; the trainer skips the rest, and the drawing shows only records it keeps.`}
        </p>
      </section>
    ),
    mask: live && (
      <section className="card" aria-label="Train">
        <h3>Tune your base model</h3>
        <InstructControls draft={{ ...draft, from }} onChange={patch} bases={bases} startBlocked={startBlocked} locked={training}
          recipe={{ preset, steps: draft.steps, batch: presetBatch(preset) }}
          canPause={run.status === 'training'} canResume={run.status === 'paused' && tuning && run.step < (run.settings?.steps ?? 0)}
          onStart={() => startFinetune(instructStart({ ...draft, from }, preset, presetBatch(preset)))} onPause={pauseRun} onResume={resumeRun} />
        <ModelDiagram preset={preset} head="lm" choice={draft.lora ? 'lora' : 'all'} loraRank={draft.loraRank}
          caption={<>The {preset} model this run tunes: {draft.lora ? `only the rank-${draft.loraRank} adapters train; the weights they sit beside stay frozen` : 'every weight trains'}. Below, one training example: only the coloured tokens count in the loss{draft.maskPrompt ? ' (the prompt is masked)' : ' (the prompt counts too)'}.</>} />
        {tok && fit && fit.explore[0] && (
          <TokenMask tokens={drawInstruction(tok, fit.explore[0], T, draft.maskPrompt).tokens} label="Which tokens of one example the loss counts" testId="instruct-diagram-mask" />
        )}
        {tuning ? (
          <>
            <RunProgress {...progress} testId="instruct-progress" />
            <LossChart metrics={metrics} evals={evals} choices={tok?.vocabSize ?? 1024} testId="instruct-loss-chart"
              caption={`Cross-entropy in nats over the ${run.settings?.task?.kind === 'instruct' && run.settings.task.maskPrompt ? 'response tokens only' : 'prompt and response tokens'}. The dashed line is a model that knows nothing; a well-pretrained base starts below it, because it already knows the language.`} />
          </>
        ) : (
          <p className="muted" data-testid="instruct-no-run">
            No instruction run yet{run.settings ? ` (the current run is a ${run.settings.task?.kind ?? 'pretrain'} run)` : ''}: start one above.{' '}
            {hasAutosave && !training && (
              <button type="button" className="secondary" data-testid="instruct-restore" onClick={() => restoreRun('instruct')}>Bring back your last instruction run</button>
            )}
          </p>
        )}
        {trainError && <p role="alert" className="error" data-testid="instruct-error">{trainError}</p>}
      </section>
    ),
    'side-by-side': live && (
      <section className="card" aria-label="Base and tuned side by side">
        <h3>Base vs tuned {sbs.busy && <span className="small muted" role="status">(asking…)</span>}</h3>
        {sbs.cells && (
          <SideBySide baseName={from} tunedName={tuning ? `your run, ${tunedName}` : 'not trained yet'}
            settings={`Both columns: temperature ${PANEL_SAMPLING.temperature}, top-k ${PANEL_SAMPLING.topK}, top-p ${PANEL_SAMPLING.topP}, seed ${PANEL_SAMPLING.seed}, at most ${PANEL_SAMPLING.maxTokens} tokens. The tuned column refreshes every ${every} steps.`}
            rows={panelRecords.map((r, i) => ({ key: String(i), family: r.task ?? 'other', instruction: r.instruction, input: r.input, reference: r.output, base: sbs.cells!.base[String(i)], tuned: sbs.cells!.tuned[String(i)] }))} />
        )}
        <ScoresCard baseModel={from} />
        <WorldCard baseModel={from} />
      </section>
    ),
    limits: live && (
      <section className="card" aria-label="Your runs">
        <InstructRunsTable />
      </section>
    ),
  };

  const banner =
    gpu.state === 'unavailable' ? (
      <section className="card warn" data-testid="instruct-needs-webgpu">
        <p role="alert">Training and sampling need WebGPU, which this browser does not offer. The lesson text and the loss-mask drawing below still work.</p>
        <WebGPUHelp status={gpu} />
      </section>
    ) : gpu.state === 'lost' ? (
      <DeviceLost gpu={gpu} />
    ) : null;

  return <LessonLayout lesson={INSTRUCT_LESSON} panels={panels} banner={banner} />;
}
