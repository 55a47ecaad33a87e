/**
 * The presets as the picker shows them: size, training memory and, once the GPU is known, whether
 * it fits (with presetDoesNotFit's reason). Derived data; nothing stored.
 */
import { PRESETS, parameterCount, presetDoesNotFit, trainingBytes } from '../model/config.ts';
import type { PresetId } from '../worker/protocol.ts';

export interface PresetRow {
  id: PresetId;
  label: string;
  blurb: string;
  params: number;
  /** GPU memory for one training step at this batch: weights, gradients, moments, activations */
  trainingBytes: number;
  batch: number;
  blockSize: number;
  /** why it cannot run on this GPU, or null */
  refused: string | null;
}

/** One row per preset; `limits` from the adapter report (undefined before the GPU is known). */
export function presetRows(limits: Record<string, number> | undefined, batchFor: (id: PresetId) => number = () => NaN): PresetRow[] {
  return PRESETS.map((p) => {
    const b = Number.isNaN(batchFor(p.id)) ? p.batchSize : batchFor(p.id);
    const sized = { ...p, batchSize: b };
    const refused =
      limits && limits.maxStorageBufferBindingSize && limits.maxBufferSize
        ? presetDoesNotFit(sized, { maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize, maxBufferSize: limits.maxBufferSize })
        : null;
    return { id: p.id, label: p.label, blurb: p.blurb, params: parameterCount(p.config), trainingBytes: trainingBytes(p.config, b), batch: b, blockSize: p.config.blockSize, refused };
  });
}

/** The preset's own batch size. */
export function presetBatch(id: PresetId): number {
  return PRESETS.find((p) => p.id === id)?.batchSize ?? 4;
}
