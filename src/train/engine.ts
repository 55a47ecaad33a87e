/**
 * Compatibility only: src/train/generate.bench.ts (owned by the benchmark consolidation) still
 * imports `generate` from here. The engine's code lives in model-io.ts (checkpoint <-> model),
 * classtrain.ts and classmetrics.ts (classification), generate.ts (generation). Delete this file
 * once the benchmark imports generate.ts.
 */
export { generate, type GenerateOptions } from './generate.ts';
