/**
 * "Your GPU": the adapter the engine worker opened, whether it is a software fallback, its key
 * limits and the self-test result, and "Measure this GPU" (measure/MeasureGpu.tsx). Presentation only;
 * reads the store.
 */
import { useLab } from '../store/index.ts';
import { WebGPUHelp } from './WebGPUHelp.tsx';
import { formatLimit, LIMIT_LABELS } from './limits.ts';
import { DeviceLost } from './DeviceLost.tsx';
import { MeasureGpu } from './measure/MeasureGpu.tsx';

export function GpuPanel() {
  const gpu = useLab((s) => s.gpu);
  if (gpu.state === 'probing') {
    return (
      <section className="card" data-testid="gpu-panel" aria-busy="true" aria-labelledby="gpu-title">
        <h2 id="gpu-title">Your GPU</h2>
        <p role="status">Asking the browser for a WebGPU adapter…</p>
      </section>
    );
  }
  if (gpu.state === 'unavailable') return <WebGPUHelp status={gpu} />;
  if (gpu.state === 'lost') {
    return (
      <section className="card warn" data-testid="gpu-panel" aria-labelledby="gpu-title">
        <h2 id="gpu-title">Your GPU</h2>
        <DeviceLost gpu={gpu} className="" />
      </section>
    );
  }
  const r = gpu.report;
  return (
    <section className="card" data-testid="gpu-panel" aria-labelledby="gpu-title">
      <h2 id="gpu-title">Your GPU</h2>
      <dl className="kv">
        <dt>Adapter</dt>
        <dd data-testid="gpu-adapter">{r.name}</dd>
        <dt>Vendor</dt>
        <dd data-testid="gpu-vendor">{r.vendor || 'not reported'}</dd>
        <dt>Architecture</dt>
        <dd data-testid="gpu-architecture">{r.architecture || 'not reported'}</dd>
        <dt>Fallback (software)</dt>
        <dd data-testid="gpu-fallback">{r.isFallback ? 'yes — expect training to be slow' : 'no'}</dd>
        <dt>Self-test</dt>
        <dd data-testid="gpu-selftest">
          {gpu.selfTestMaxDiff <= 1e-6 ? 'passed' : 'FAILED'} (a·x+b on 1,000 numbers, max error {gpu.selfTestMaxDiff.toExponential(1)}, {gpu.selfTestMs.toFixed(0)} ms)
        </dd>
        {gpu.kernels && (
          <>
            <dt>Kernels in use</dt>
            <dd data-testid="gpu-kernels">
              matmul <code>{gpu.kernels.matmul}</code>, row kernels <code>{gpu.kernels.rows}</code> ({gpu.kernels.why})
            </dd>
          </>
        )}
        <dt>Optional features</dt>
        <dd data-testid="gpu-features">{['timestamp-query', 'shader-f16', 'subgroups'].map((f) => `${f}: ${r.features.includes(f) ? 'yes' : 'no'}`).join(' · ')}</dd>
      </dl>
      <table className="limits">
        <caption>Key limits</caption>
        <tbody>
          {Object.entries(r.limits).map(([name, v]) => (
            <tr key={name}>
              <th scope="row" title={name}>{LIMIT_LABELS[name] ?? name}</th>
              <td>{formatLimit(name, v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MeasureGpu report={r} />
    </section>
  );
}
