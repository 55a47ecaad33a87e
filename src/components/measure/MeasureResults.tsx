/**
 * What "Measure this GPU" found on this adapter: GFLOP/s of each matmul variant, tokens/s of each
 * model size's training steps, each lesson's default run as a time here, and the JSON to download.
 * Presentation only; reads this adapter's measurement from the store.
 */
import { currentMeasurement, downloadText, estimateRecipe, type AdapterReport, type GpuMeasurement } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { presetRows } from '../../store/presets.ts';
import { formatCount } from '../engine/format.ts';
import { estimateWords, lessonRecipes, measurementFile, recipeWords } from './lessonEstimates.ts';

/** 3.2, 153, 15,130: a tenth of a millisecond where it is small, whole ones with separators where it is not */
const formatMs = (ms: number) => (ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US'));

export function MeasureResults({ report }: { report: AdapterReport }) {
  const m = useLab(currentMeasurement);
  const gpu = useLab((s) => s.gpu);
  const gpuMeasurements = useLab((s) => s.gpuMeasurements);
  const inUse = gpu.state === 'ready' ? gpu.kernels?.matmul : undefined;
  if (!m) return <p className="small muted" data-testid="measure-none">Not measured on this adapter yet.</p>;
  const T = (id: string) => presetRows(undefined).find((r) => r.id === id)?.blockSize ?? 0;
  const lessons = lessonRecipes(report.limits, report.isFallback).map((l) => ({ ...l, estimate: estimateRecipe({ gpu, gpuMeasurements }, l.recipe) }));
  const best = Math.max(...m.matmul.map((x) => x.gflops));
  const notes = (x: GpuMeasurement['matmul'][number]) => [...(x.variant === inUse ? ['in use'] : []), ...(x.gflops === best && m.matmul.length > 1 ? ['fastest'] : [])];
  // the work one timing does, recovered from any row (GFLOP/s × s)
  const matmulGflop = m.matmul.length ? (m.matmul[0].gflops * m.matmul[0].ms) / 1000 : 0;
  const download = () =>
    downloadText(`gpu-measurement-${m.date.slice(0, 10)}.json`, measurementFile(m, lessons.map((l) => ({ lesson: l.lesson, recipe: l.recipe, seconds: l.estimate.seconds }))));
  return (
    <div className="measure-results" data-testid="measure-results">
      <p className="small muted">Measured {new Date(m.date).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })} on {m.adapter}; kept in this browser.</p>
      {m.matmul.length > 0 && (
        <>
          <table className="limits" data-testid="measure-matmul" aria-describedby="measure-matmul-what">
            <caption>Matmul variants</caption>
            <thead><tr><th scope="col">Variant</th><th scope="col">Time (ms)</th><th scope="col">Speed (GFLOP/s)</th></tr></thead>
            <tbody>
              {m.matmul.map((x) => (
                <tr key={x.variant} data-variant={x.variant}>
                  <th scope="row"><code>{x.variant}</code> {notes(x).length > 0 && <span className="small muted">({notes(x).join(', ')})</span>}</th>
                  <td>{formatMs(x.ms)}</td>
                  <td data-testid={`measure-gflops-${x.variant}`}>{x.gflops.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted" id="measure-matmul-what">Each variant's time is one forward and backward pass over the base model's five products at 2,048 tokens ({matmulGflop.toFixed(1)} GFLOP).</p>
        </>
      )}
      {m.presets.length > 0 && (
        <table className="limits" data-testid="measure-presets-table">
          <caption>Whole training steps (forward, loss, backward, AdamW)</caption>
          <thead><tr><th scope="col">Model size</th><th scope="col">Batch × context (tokens)</th><th scope="col">Time per step (ms)</th><th scope="col">Speed (tokens/s)</th></tr></thead>
          <tbody>
            {m.presets.map((p) => (
              <tr key={p.preset} data-preset={p.preset}>
                <th scope="row">{p.preset}</th>
                <td>{p.batch} × {p.T}</td>
                <td>{formatMs(p.msPerStep)}</td>
                <td data-testid={`measure-tps-${p.preset}`}>{formatCount(p.tokensPerSec)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>The lessons' default runs here</h4>
      <ul className="measure-lessons" data-testid="measure-lessons">
        {lessons.map((l) => (
          <li key={l.path} data-testid={`measure-lesson-${l.path}`}>
            <strong>{l.lesson}</strong>: {recipeWords(l.recipe, T(l.recipe.preset))}, {estimateWords(l.estimate, l.recipe.preset)}
          </li>
        ))}
      </ul>
      <p className="small muted">Training steps only: evaluation, sampling and loading data add to it. A finetuning run that freezes layers is faster.</p>
      <button type="button" className="secondary" onClick={download} data-testid="measure-download">Download JSON</button>
    </div>
  );
}
