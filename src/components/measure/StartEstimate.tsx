/**
 * The line beside a Start button: how long the run's training steps take on this GPU ("about
 * 12 min on this GPU (measured)"), or a button that measures this GPU when it has not been (or not
 * the run's model size). Reads the store; the measurement is the panel's ("Measure this GPU").
 */
import { MEASURE_DEFAULTS, measureGpu, measureThisGpu, useRecipeEstimate, type RecipeSize } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { estimateWords } from './lessonEstimates.ts';
import './measure.css';

export function StartEstimate({ recipe, testId = 'start-estimate' }: { recipe: RecipeSize; testId?: string }) {
  const e = useRecipeEstimate(recipe);
  const ready = useLab((s) => s.gpu.state === 'ready');
  const measuring = useLab((s) => s.gpuMeasuring);
  const can = useLab((s) => measureGpu.predicate(s));
  if (!ready || !(recipe.steps >= 1 && recipe.batch >= 1)) return null;
  if (e.source === 'measured') {
    return <span className="small muted start-estimate" data-testid={testId} data-seconds={Math.round(e.seconds)}>Training takes {estimateWords(e, recipe.preset)}</span>;
  }
  if (measuring) {
    const pct = measuring.total > 0 ? Math.round((100 * measuring.done) / measuring.total) : 0;
    return <span className="small muted start-estimate" data-testid={testId} role="status">Measuring this GPU… {pct}%</span>;
  }
  const presets = [...new Set([...MEASURE_DEFAULTS.presets, recipe.preset])];
  return (
    <span className="small muted start-estimate" data-testid={testId}>
      How long here? {e.reason === 'preset-not-measured' ? `The ${recipe.preset} model size was not measured on this GPU.` : 'This GPU has not been measured.'}{' '}
      <button type="button" className="link" disabled={!can} onClick={() => measureThisGpu({ presets })} data-testid={`${testId}-measure`}>Measure this GPU</button>
    </span>
  );
}
