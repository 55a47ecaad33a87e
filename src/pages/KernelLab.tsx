/**
 * The kernel lab: the WGSL kernels that train the model, one tab per file, editable in monaco
 * beside their CPU reference; compile as you type, Check against the reference, Time against the
 * shipped text, and swap a kernel into the live run (the loss chart marks the moment). Edits stay
 * in this browser until reset. Monaco is loaded only here (KernelEditor is its own lazy chunk).
 */
import { useEffect, useState } from 'react';
import { LossChart } from '../components/engine/LossChart.tsx';
import { PresetPicker } from '../components/engine/PresetPicker.tsx';
import { TrainControls } from '../components/engine/TrainControls.tsx';
import { Exercises } from '../components/kernellab/Exercises.tsx';
import { KernelPanel } from '../components/kernellab/KernelPanel.tsx';
import { WebGPUHelp } from '../components/WebGPUHelp.tsx';
import { applyExerciseEdit, KERNEL_EXERCISES } from '../lessons/kernels/exercises.ts';
import { useLab } from '../store/index.ts';
import { editKernel, loadKernelCatalog } from '../store/kernelLab.ts';
import '../components/kernellab/kernellab.css';

export default function KernelLab() {
  const gpu = useLab((s) => s.gpu);
  const kernels = useLab((s) => s.kernels);
  const edits = useLab((s) => s.kernelEdits);
  const swapped = useLab((s) => s.kernelSwapped);
  const status = useLab((s) => s.run.status);
  const [file, setFile] = useState<string | null>(null);

  useEffect(() => {
    if (gpu.state === 'ready' && !kernels) loadKernelCatalog();
  }, [gpu.state, kernels]);

  const current = kernels?.find((k) => k.file === file) ?? kernels?.[0];
  const open = (f: string) => {
    setFile(f);
    document.getElementById('kernel-tabs')?.scrollIntoView({ block: 'start' });
  };

  return (
    <div className="kernel-lab">
      <h1>Kernel lab</h1>
      <p>
        These are the compute kernels that train the lab's GPT, the same WGSL files the engine compiles, shown with the CPU
        reference each one is tested against. Change one and it compiles as you type. <strong>Check</strong> runs it against its
        reference on an awkward shape; <strong>Time</strong> races it against the shipped version on the model's real sizes;
        <strong> Swap into training</strong> puts it into the run that is training now, and the loss chart marks the step. Your
        edits stay in this browser until you reset them.
      </p>
      {gpu.state === 'unavailable' && (
        <>
          <p role="alert">Compiling and running kernels needs WebGPU, which this browser does not offer.</p>
          <WebGPUHelp status={gpu} />
        </>
      )}
      {gpu.state === 'lost' && <p role="alert" className="error">The GPU device was lost ({gpu.message}). Reload the page to get a new one.</p>}
      {gpu.state === 'probing' && <p role="status">Asking the browser for a WebGPU adapter…</p>}
      {gpu.state === 'ready' && !kernels && <p role="status">Loading the kernels…</p>}
      {kernels && current && (
        <>
          <div className="kernel-tabs" role="tablist" aria-label="Kernel files" id="kernel-tabs">
            {kernels.map((k) => (
              <button key={k.file} type="button" role="tab" aria-selected={k.file === current.file} data-testid={`kernel-tab-${k.file}`} onClick={() => setFile(k.file)}>
                {k.file}
                {edits[k.file] !== undefined && <span className="edited" title="edited"> •</span>}
                {swapped.includes(k.file) && <span className="edited" title="training with your version"> (swapped in)</span>}
              </button>
            ))}
          </div>
          <KernelPanel kernel={current} />
          <section className="card" aria-labelledby="live-title">
            <h2 id="live-title">The live run</h2>
            <p>
              Start a run here (the Test preset trains fast even without a GPU), then swap a kernel into it. The swap takes effect
              from the next step, keeps the weights, and stays in until you restore it, also for runs started later.
            </p>
            <PresetPicker disabled={status === 'training' || status === 'loading'} />
            <TrainControls />
            <LossChart />
          </section>
          <Exercises
            exercises={KERNEL_EXERCISES}
            onOpen={(ex, makeEdit) => {
              const shipped = kernels.find((k) => k.file === ex.file)?.code;
              if (makeEdit && shipped !== undefined) editKernel(ex.file, applyExerciseEdit(ex, shipped));
              open(ex.file);
            }}
          />
        </>
      )}
    </div>
  );
}
