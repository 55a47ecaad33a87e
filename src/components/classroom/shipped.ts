/**
 * The shipped checkpoints the demo can fall back on, read from public/models/manifest.json: which
 * entry a step's "skip" loads for a stage and model size, and the size the demo picks for this GPU.
 * Pure except for the one fetch of the manifest.
 */
import type { DemoSize } from '../../lessons/classroom/script.ts';
import { fetchText } from '../../util/fetch.ts';

/** One manifest entry (the fields the demo reads). */
export interface ShippedEntry {
  id: string;
  name: string;
  file: string;
  stage: 'pretrain' | 'classify' | 'instruct';
  preset: string;
  steps?: number;
  parent?: string;
  description: string;
}

/** The shipped checkpoint of a stage at a model size, or null when the manifest has none. */
export function shippedFor(entries: readonly ShippedEntry[], stage: ShippedEntry['stage'], size: DemoSize): ShippedEntry | null {
  return entries.find((e) => e.stage === stage && e.preset === size) ?? null;
}

/** The size the demo runs: the URL's choice, else 'test' on a software adapter and 'small' on a real GPU. */
export function demoSize(asked: string | null, isFallback: boolean | null): DemoSize {
  if (asked === 'small' || asked === 'test') return asked;
  return isFallback === false ? 'small' : 'test';
}

/** The shipped checkpoints' manifest. */
export async function loadManifest(baseUrl: string): Promise<ShippedEntry[]> {
  const json = JSON.parse(await fetchText(`${baseUrl}models/manifest.json`)) as { checkpoints: ShippedEntry[] };
  return json.checkpoints;
}
