/**
 * The workshop's loss chart: the current run's series from the store, drawn by the shared
 * lesson chart (src/components/lesson/LossChart.tsx) with ln(V) marked and perplexity shown, and
 * a mark where the kernel lab swapped a kernel into the run or restored it.
 */
import { useLab } from '../../store/index.ts';
import { LossChart as RunLossChart } from '../lesson/LossChart.tsx';
import './engine.css';

export function LossChart({ width = 640, height = 300 }: { width?: number; height?: number }) {
  const metrics = useLab((s) => s.metrics);
  const evals = useLab((s) => s.evals);
  const data = useLab((s) => s.data);
  const swaps = useLab((s) => s.kernelSwaps);
  const vocab = data.state === 'ready' ? data.vocabSize : 1024;
  const marks = swaps.map((w) => ({ tokens: w.tokens ?? 0, label: `${w.action === 'swap' ? 'swapped in' : 'restored'}: ${w.file} (step ${w.step})` }));
  return <RunLossChart metrics={metrics} evals={evals} choices={vocab} width={width} height={height} marks={marks} />;
}
