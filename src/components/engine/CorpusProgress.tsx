/**
 * The pretraining corpus loading (downloading, then splitting into tokens) with its progress, while
 * the engine loads it: for pretraining, and for a preference run that replays pretraining text.
 * Presentation only; reads the store's data state.
 */
import { useLab } from '../../store/index.ts';

export function CorpusProgress() {
  const data = useLab((s) => s.data);
  if (data.state !== 'loading') return null;
  return (
    <p role="status" data-testid="data-progress">
      {data.phase === 'fetch' ? 'Downloading the corpus' : 'Splitting the corpus into tokens'}: <progress max={data.total} value={data.done} /> {Math.round((100 * data.done) / Math.max(1, data.total))}%
    </p>
  );
}
