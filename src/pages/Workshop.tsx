/**
 * The model workshop: pick a model size, pretrain it on the corpus live, watch the loss fall,
 * let it write, see how text becomes tokens, and keep checkpoints. Composes the engine components;
 * without WebGPU it says why training is off instead of showing dead controls.
 */
import { CheckpointList } from '../components/engine/CheckpointList.tsx';
import { LossChart } from '../components/engine/LossChart.tsx';
import { PresetPicker } from '../components/engine/PresetPicker.tsx';
import { SamplePanel } from '../components/engine/SamplePanel.tsx';
import { TokenizeBox } from '../components/engine/TokenizeBox.tsx';
import { TrainControls } from '../components/engine/TrainControls.tsx';
import { WebGPUHelp } from '../components/WebGPUHelp.tsx';
import { useLab } from '../store/index.ts';
import { DeviceLost } from '../components/DeviceLost.tsx';

export default function Workshop() {
  const gpu = useLab((s) => s.gpu);
  const status = useLab((s) => s.run.status);
  return (
    <div className="workshop">
      <h1>Model workshop</h1>
      <p>
        Train a small GPT from scratch on the Brown Corpus, right here on your GPU. Pick a size, press start and watch
        the loss: it begins near ln(V), the score of a model that knows nothing, and falls as the model picks up
        spelling, common words and then grammar. Pause whenever you like; the run is saved in this browser and survives
        a reload.
      </p>
      {gpu.state === 'unavailable' && (
        <>
          <p role="alert" data-testid="workshop-needs-webgpu">
            Training runs on the GPU through WebGPU, which this browser does not offer, so the workshop cannot train here.
          </p>
          <WebGPUHelp status={gpu} />
        </>
      )}
      <DeviceLost gpu={gpu} />
      {gpu.state === 'probing' && <p role="status">Asking the browser for a WebGPU adapter…</p>}
      {gpu.state === 'ready' && (
        <>
          <section className="card" aria-labelledby="size-title">
            <h2 id="size-title">Model and run</h2>
            <PresetPicker disabled={status === 'training' || status === 'loading'} />
          </section>
          <TrainControls />
          <section className="card" aria-labelledby="chart-title">
            <h2 id="chart-title">Loss</h2>
            <LossChart />
          </section>
          <SamplePanel />
          <TokenizeBox />
          <CheckpointList />
        </>
      )}
    </div>
  );
}
