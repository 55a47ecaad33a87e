/**
 * "Measure this GPU" on the Your GPU panel: what to time (model sizes, matmul variants), one
 * button, a progress bar with the time left, and the figures once measured (MeasureResults).
 * Presentation over the store; the measurement runs in the engine worker.
 */
import { useEffect, useState } from 'react';
import { MEASURE_DEFAULTS, measureGpu, measureSecondsLeft, measureThisGpu, measureWorkGflop, roughMeasureSeconds, type AdapterReport, type MeasureRequest } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { presetRows } from '../../store/presets.ts';
import { aboutDuration } from './lessonEstimates.ts';
import { MeasureResults } from './MeasureResults.tsx';
import './measure.css';

type Variant = NonNullable<MeasureRequest['variants']>[number];

/** A set of checkboxes over `options`; `disabled` maps an option to why it cannot be chosen. */
function Choices<T extends string>(p: { legend: string; options: readonly T[]; chosen: readonly T[]; disabled: (o: T) => string | null; onChange(c: T[]): void; testId: string }) {
  return (
    <fieldset className="measure-choices" data-testid={p.testId}>
      <legend>{p.legend}</legend>
      {p.options.map((o) => {
        const why = p.disabled(o);
        return (
          <label key={o} title={why ?? undefined}>
            <input type="checkbox" value={o} checked={p.chosen.includes(o)} disabled={why !== null}
              onChange={(e) => p.onChange(e.target.checked ? [...p.chosen, o] : p.chosen.filter((x) => x !== o))} /> <code>{o}</code>
          </label>
        );
      })}
    </fieldset>
  );
}

export function MeasureGpu({ report }: { report: AdapterReport }) {
  const measuring = useLab((s) => s.gpuMeasuring);
  const error = useLab((s) => s.engineErrors.measure);
  const can = useLab((s) => measureGpu.predicate(s));
  const rows = presetRows(report.limits);
  const refused = (id: string) => rows.find((r) => r.id === id)?.refused ?? null;
  const [presets, setPresets] = useState<string[]>(MEASURE_DEFAULTS.presets.filter((id) => !refused(id)));
  // The tiled kernel takes most of a software adapter's measurement (0.17 GFLOP/s on SwiftShader) and never runs there.
  const [variants, setVariants] = useState<Variant[]>(MEASURE_DEFAULTS.variants.filter((v) => !(report.isFallback && v === 'tiled')));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!measuring) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [measuring]);

  const request: MeasureRequest = { presets: presets as MeasureRequest['presets'], variants };
  const rough = roughMeasureSeconds(measureWorkGflop(request), report.isFallback);
  const left = measuring ? measureSecondsLeft(measuring, now) : null;
  const pct = measuring && measuring.total > 0 ? Math.round((100 * measuring.done) / measuring.total) : 0;
  const nothing = presets.length === 0 && variants.length === 0;
  return (
    <section className="measure-gpu" aria-labelledby="measure-title" data-testid="gpu-measure">
      <h3 id="measure-title">Measure this GPU</h3>
      <p className="small">
        Times each matmul kernel on the base model's products and a few whole training steps of each model size you pick, here, on
        this adapter. The lessons then show how long their runs take on it, beside their Start buttons. Nothing should train meanwhile.
      </p>
      <div className="measure-setup">
        <Choices legend="Training steps of" options={rows.map((r) => r.id)} chosen={presets} disabled={(id) => (measuring ? 'measuring' : refused(id))} onChange={setPresets} testId="measure-presets" />
        <Choices legend="Matmul variants" options={MEASURE_DEFAULTS.variants} chosen={variants} disabled={() => (measuring ? 'measuring' : null)} onChange={setVariants} testId="measure-variants" />
      </div>
      <p>
        <button type="button" disabled={!can || nothing} onClick={() => measureThisGpu(request)} data-testid="measure-start">Measure this GPU</button>{' '}
        {!measuring && <span className="small muted" data-testid="measure-rough">takes roughly {aboutDuration(rough).replace(/^about /, '')} on {report.isFallback ? 'a software adapter' : 'a GPU'}</span>}
      </p>
      {measuring && (
        <p role="status" data-testid="measure-progress">
          <progress max={100} value={pct} aria-label="Measuring this GPU" /> {pct}% · timing {measuring.what}
          {left !== null && <> · {aboutDuration(left)} left</>}
        </p>
      )}
      {error && <p className="error" role="alert" data-testid="measure-error">{error}</p>}
      {!measuring && <MeasureResults report={report} />}
    </section>
  );
}
