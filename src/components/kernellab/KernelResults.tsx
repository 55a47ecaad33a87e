/** What Check and Time said about the editor's text: pass or the first mismatch, and both timings. */
import type { KernelCheckReport, KernelTimeReport } from '../../store/kernelLab.ts';

const num = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(4) : x.toPrecision(6)) : String(x));

export function CheckResult({ report, current }: { report: KernelCheckReport; current: boolean }) {
  const m = report.mismatch;
  return (
    <div className={`kernel-result ${report.ok ? 'pass' : 'fail'}`} data-testid="kernel-check-result" data-ok={report.ok} data-current={current} role="status">
      <p>
        <strong>{report.ok ? 'Check passed' : 'Check failed'}</strong>
        {!current && <span className="muted"> (for an earlier version of the text)</span>}
        <span className="muted small"> · {report.shape} · {report.ms.toFixed(0)} ms</span>
      </p>
      {report.error && <pre className="error small" data-testid="kernel-check-error">{report.error}</pre>}
      {m && (
        <p data-testid="kernel-check-mismatch" data-tensor={m.tensor} data-coords={m.coords.join(',')}>
          First mismatch in <code>{m.tensor}</code> at [{m.coords.join(', ')}] of shape [{m.shape.join(', ')}]: the GPU gave {num(m.got)}, the
          reference {num(m.want)} (|difference| {num(m.err)} &gt; {m.tol.atol} + {m.tol.rtol}·|reference|).
        </p>
      )}
      <ul className="small muted">
        {report.tensors.map((t) => (
          <li key={t.name}>{t.ok ? '✓' : '✗'} {t.name} [{t.shape.join(', ')}]{t.ok ? `: largest difference ${num(t.maxErr)}` : ''}</li>
        ))}
      </ul>
    </div>
  );
}

export function TimeResult({ report, current }: { report: KernelTimeReport; current: boolean }) {
  const speedup = report.shipped.ms / report.edited.ms;
  return (
    <div className="kernel-result" data-testid="kernel-time-result" role="status">
      <p>
        <strong>Time</strong> on {report.model}: {report.shape}
        {!current && <span className="muted"> (for an earlier version of the text)</span>}
      </p>
      <dl className="kv">
        <dt>your kernel</dt>
        <dd data-testid="kernel-time-edited">{report.edited.ms.toFixed(2)} ms, {report.edited.rate.toFixed(2)} {report.unit}</dd>
        <dt>shipped</dt>
        <dd data-testid="kernel-time-shipped">{report.shipped.ms.toFixed(2)} ms, {report.shipped.rate.toFixed(2)} {report.unit}</dd>
        <dt>ratio</dt>
        <dd>{speedup >= 1 ? `${speedup.toFixed(2)}× faster` : `${(1 / speedup).toFixed(2)}× slower`} than shipped ({report.runs} runs each, alternating; a running training run shares the GPU)</dd>
      </dl>
    </div>
  );
}
