/**
 * Lesson 2, spam classification finetuning: the prose (src/lessons/classify/content.ts) with live
 * panels after its sections: the labelled messages, the prompted base model's near-chance score,
 * the choices of what trains with their parameter counts, the run with its loss and accuracy
 * charts, the test report, a box to try any message, and the table of every run made here.
 * Without WebGPU the text, the data and the run table stay; the live panels say why they are off.
 */
import { useEffect, useMemo, useState } from 'react';
import { BaselinePanel } from '../../components/classify/BaselinePanel.tsx';
import { ClassExamples } from '../../components/classify/ClassExamples.tsx';
import { ClassReportView } from '../../components/classify/ClassReportView.tsx';
import { ClassRunsTable } from '../../components/classify/ClassRunsTable.tsx';
import { ClassTrainPanel } from '../../components/classify/ClassTrainPanel.tsx';
import { EverydayPanel } from '../../components/classify/EverydayPanel.tsx';
import { useShortcutReport } from '../../components/data/ShortcutReport.tsx';
import { RunSetup } from '../../components/classify/RunSetup.tsx';
import { classifyStart, classifyTaskOf, DEFAULT_SETUP, setupErrors, toDelimited, type ClassifySetup } from '../../components/classify/setup.ts';
import { defaultStart, startOptions } from '../../components/classify/starts.ts';
import { TryMessage } from '../../components/classify/TryMessage.tsx';
import { LessonLayout } from '../../components/lesson/LessonLayout.tsx';
import { LoraScale } from '../../components/diagram/LoraScale.tsx';
import { ModelDiagram } from '../../components/diagram/ModelDiagram.tsx';
import { WebGPUHelp } from '../../components/WebGPUHelp.tsx';
import { CLASSIFY_LESSON } from '../../lessons/classify/content.ts';
import { CLASSIFY_RECIPE } from '../../lessons/classify/recipe.ts';
import {
  addMyMessage, AUTOSAVE_IDS, classifyText, listCheckpoints, myModel, removeMyMessage, requestClassReport, restoreRun, startFinetune, uploadDataset, useAnswer,
} from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import type { RunSettings } from '../../store/trainingSlice.ts';
import { DeviceLost } from '../../components/DeviceLost.tsx';

const BUSY = ['training', 'loading', 'recovering'];
const restoreClassifyRun = () => restoreRun('classify');

export default function Classify() {
  const gpu = useLab((s) => s.gpu);
  const run = useLab((s) => s.run);
  const upload = useLab((s) => (s.userData.classify?.kind === 'classify' ? s.userData.classify : undefined));
  const task = classifyTaskOf(run.settings);
  const ready = gpu.state === 'ready';
  const busy = BUSY.includes(run.status);

  const slots = useLab((s) => s.slots);
  const starts = useMemo(() => startOptions(slots), [slots]);
  const myBase = useLab((s) => myModel(s, 'base'));
  const [draft, setDraft] = useState<ClassifySetup>({ ...DEFAULT_SETUP, start: '' });
  const start = starts.some((o) => o.id === draft.start) ? draft.start : defaultStart(starts, myBase);
  // A removed upload falls back to the shipped set rather than leaving a choice that cannot run.
  const setup: ClassifySetup = { ...draft, start, dataset: draft.dataset === 'upload' && upload ? 'upload' : 'spam' };
  const startPreset = starts.find((o) => o.id === start)?.preset;
  // The drawing shows the model the run would start from (the lesson's preset until the list arrives).
  const drawn = startPreset ?? CLASSIFY_RECIPE.preset;

  // The list changes when a run saves (autosave at a pause or the end): ask again then.
  const settled = run.status === 'paused' || run.status === 'done' || run.status === 'idle';
  useEffect(() => {
    if (ready && settled) listCheckpoints();
  }, [ready, settled]);

  // Runs on 'upload' read the file the engine holds: hand it over whenever the learner's file changes,
  // in its own delimiter, so the engine reads it exactly as the page did (the answer: uploads.classify).
  const accepted = useLab((s) => s.uploads.classify);
  const wantsUpload = setup.dataset === 'upload';
  useEffect(() => {
    if (ready && wantsUpload && upload) uploadDataset('classify', upload.file, toDelimited(upload.messages, upload.file.toLowerCase().endsWith('.tsv') ? '\t' : ','));
  }, [ready, wantsUpload, upload]);
  const uploadPending = wantsUpload && accepted?.name !== upload?.file;

  // A lesson-2 run saved in this browser comes back (paused) when nothing else is running.
  const autosave = useLab((s) => s.slots.find((x) => x.id === AUTOSAVE_IDS.classify));
  const canRestore = ready && !!autosave && !task && !busy;
  useEffect(() => {
    if (canRestore && run.status === 'idle') restoreClassifyRun();
  }, [canRestore, run.status]);

  // The finished run's test report (the store keeps the latest; a new classify run clears it).
  const finished = useLab((s) => s.reports.classify);
  const testReport = finished?.kind === 'classify' ? finished.test : null;
  const reportError = useLab((s) => s.engineErrors.score);

  // The everyday split: the run's own report, scored again (for that report's run) when the learner adds or removes a message.
  const mine = useLab((s) => s.myMessages);
  const [rescore, setRescore] = useState<{ id: number; of: typeof finished } | null>(null);
  const everydayRequest = rescore && rescore.of === finished ? rescore.id : null;
  const rescored = useAnswer('classReports', everydayRequest);
  const changeMine = (change: () => void) => {
    change();
    if (testReport && run.status === 'done') setRescore({ id: requestClassReport('run', 'everyday'), of: finished });
  };
  const everydayReport = rescored.result?.report ?? (finished?.kind === 'classify' ? finished.everyday : null);
  const yardstick = useShortcutReport().report?.after ?? null;

  const [baselineRequest, setBaselineRequest] = useState<number | null>(null);
  const baseline = useAnswer('classReports', baselineRequest);
  const [probRequest, setProbRequest] = useState<number | null>(null);
  const probs = useAnswer('classProbs', probRequest);

  const errors = setupErrors(setup);
  const whyNotStart = !ready ? 'Training needs WebGPU in this browser.'
    : busy ? 'A run is under way: pause or reset it first.'
    : starts.length === 0 ? 'Looking for a base model to start from…'
    : uploadPending ? 'Waiting for the engine to accept your file (see below the upload control).'
    : Object.values(errors)[0];
  const hasClassifier = task !== null && run.status !== 'idle' && run.status !== 'loading' && run.status !== 'recovering';
  const otherRun = run.settings && !task && run.status !== 'idle'
    ? `The engine's current run is a ${run.settings.task?.kind === 'instruct' ? 'instruction-tuning' : 'pretraining'} run (${run.status}); starting here replaces it as the current run (its own autosave keeps it).`
    : undefined;

  const panels = {
    'what-changes': (
      <section className="card" aria-label="The labelled messages">
        <h3>The labelled messages</h3>
        <p className="small muted">E-mails from the SpamAssassin public corpus, balanced to as many spam as ham in every split. The model trains on train, is checked on validation while it learns, and is scored once on test at the end.</p>
        <ClassExamples />
      </section>
    ),
    baseline: (
      <section className="card" aria-label="The prompted base model">
        <BaselinePanel
          modelName={starts.find((o) => o.id === start)?.name ?? 'the base model'}
          enabled={ready && start !== '' && !busy}
          whyDisabled={!ready ? 'Needs WebGPU in this browser.' : busy ? 'Wait for the current run to pause or finish.' : undefined}
          report={baseline.result?.report ?? null}
          progress={baseline.progress}
          error={baseline.error ?? undefined}
          onRun={() => setBaselineRequest(requestClassReport(start, 'test'))}
        />
      </section>
    ),
    lora: (
      <section className="card" aria-label="Train the classifier" id="train-panel">
        <h3>Train the classifier</h3>
        <RunSetup setup={setup} starts={starts} disabled={busy} onChange={(p) => setDraft((d) => ({ ...d, ...p, start: p.start ?? start }))}
          drawing={drawn && (
            <>
              <ModelDiagram preset={drawn} head="classify" choice={setup.choice} loraRank={setup.loraRank}
                caption={<>The {drawn} model you start from, with the class head. Lit parts train with the choice above; grey, hatched parts stay frozen.</>} />
              {setup.choice === 'lora' && <LoraScale preset={drawn} rank={setup.loraRank} />}
            </>
          )} />
        <ClassTrainPanel task={task} canStart={!whyNotStart && !!startPreset} whyNotStart={whyNotStart} otherRun={otherRun}
          recipe={startPreset ? { preset: startPreset as RunSettings['preset'], steps: setup.steps, batch: setup.batch } : undefined}
          onStart={() => startPreset && startFinetune(classifyStart(setup, startPreset as RunSettings['preset']))}
          onRestore={canRestore ? restoreClassifyRun : undefined}
          restoreLabel={autosave ? `Bring back my last classifier run (step ${autosave.step.toLocaleString('en-US')})` : undefined} />
      </section>
    ),
    results: (
      <section className="card" aria-label="Results">
        <h3>Test results</h3>
        {testReport ? <ClassReportView report={testReport} testId="test-report" />
          : <p className="muted" data-testid="test-report-none">The test accuracy, each class's precision and recall and the confusion matrix appear here when a run finishes.</p>}
        {reportError && <p role="alert" className="error" data-testid="test-report-error">{reportError}</p>}
        <h3>Try a message</h3>
        <TryMessage
          enabled={ready && hasClassifier && !busy}
          whyDisabled={!ready ? 'Needs WebGPU in this browser.' : !hasClassifier ? 'Train a classifier first.' : busy ? 'Pause the run to try messages.' : undefined}
          pending={probRequest !== null && probs.result === null && !probs.error}
          answer={probs.result}
          error={probs.error ?? undefined}
          onClassify={(text) => setProbRequest(classifyText('run', text))}
          onAdd={(label, text) => changeMine(() => addMyMessage({ label, text }))}
        />
      </section>
    ),
    everyday: (
      <section className="card" aria-label="The everyday messages">
        <h3>Test split and everyday messages, side by side</h3>
        <EverydayPanel test={testReport} everyday={everydayReport} pending={everydayRequest !== null && !rescored.result && !rescored.error}
          error={rescored.error ?? undefined} yardstick={yardstick} shipped={everydayReport ? everydayReport.n - (everydayReport.mine ?? 0) : null}
          mine={mine} onRemove={(i) => changeMine(() => removeMyMessage(i))} />
        <h3>Your runs</h3>
        <ClassRunsTable />
      </section>
    ),
  };

  const banner = gpu.state === 'unavailable' ? (
    <>
      <p role="alert" data-testid="classify-needs-webgpu">
        This lesson trains on your GPU through WebGPU, which this browser does not offer. You can still read it, browse
        the labelled messages and see your earlier runs; the training, the baseline and the message box are off.
      </p>
      <WebGPUHelp status={gpu} />
    </>
  ) : gpu.state === 'lost' ? <DeviceLost gpu={gpu} />
    : gpu.state === 'probing' ? <p role="status">Asking the browser for a WebGPU adapter…</p> : null;

  return <LessonLayout lesson={CLASSIFY_LESSON} panels={panels} banner={banner} />;
}
