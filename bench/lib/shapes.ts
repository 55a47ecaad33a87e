/**
 * The matmul shapes the benchmark measures: every matmul of a GPT layer plus the LM head, for the
 * lab's presets from the tiny test model up. Plain data, shared by the Node run and the bench page.
 */

export interface BenchPreset {
  id: string;
  /** width C, layers L, vocabulary V, context T, batch B */
  C: number;
  L: number;
  V: number;
  T: number;
  B: number;
}

/** One matmul in llm.c layout: out (BT, OC) = inp (BT, C) · weightᵀ (+ bias). */
export interface MatmulShape {
  preset: string;
  name: string;
  BT: number;
  C: number;
  OC: number;
  bias: boolean;
  /** how many times one training step runs this matmul (layers, or 1 for the head) */
  perStep: number;
}

export const BENCH_PRESETS: BenchPreset[] = [
  { id: 'test', C: 32, L: 2, V: 256, T: 32, B: 4 },
  { id: 'small', C: 128, L: 4, V: 1024, T: 64, B: 16 },
  { id: 'medium', C: 256, L: 6, V: 2048, T: 128, B: 16 },
  // Not in the default run (too slow on SwiftShader for a 10-minute budget): --presets=large.
  { id: 'large', C: 320, L: 8, V: 2048, T: 128, B: 16 },
];

/** The five matmuls of a preset: qkv (C→3C), attention projection (C→C), fc (C→4C), fc projection (4C→C), LM head (C→V). */
export function matmulShapes(p: BenchPreset): MatmulShape[] {
  const BT = p.B * p.T;
  const s = (name: string, C: number, OC: number, bias: boolean, perStep: number): MatmulShape => ({ preset: p.id, name, BT, C, OC, bias, perStep });
  return [
    s('qkv', p.C, 3 * p.C, true, p.L),
    s('attn proj', p.C, p.C, true, p.L),
    s('fc', p.C, 4 * p.C, true, p.L),
    s('fc proj', 4 * p.C, p.C, true, p.L),
    s('lm head', p.C, p.V, false, 1),
  ];
}

/** Floating-point operations: forward 2·BT·C·OC (+ bias); backward two products (dinp, dweight) plus the bias sum. */
export function matmulFlops(s: MatmulShape): { fwd: number; bwd: number } {
  const mac = s.BT * s.C * s.OC;
  return { fwd: 2 * mac + (s.bias ? s.BT * s.OC : 0), bwd: 4 * mac + (s.bias ? s.BT * s.OC : 0) };
}

/**
 * Times `run` adaptively: once, and if that took under `minMs`, again with enough repetitions to
 * fill about `minMs` (the first run then counts as warm-up). Slow software adapters get one run.
 */
export async function timeAdaptive(run: (reps: number) => Promise<void>, { minMs = 400, maxReps = 20 } = {}): Promise<{ ms: number; reps: number }> {
  let t0 = performance.now();
  await run(1);
  const once = performance.now() - t0;
  if (once >= minMs) return { ms: once, reps: 1 };
  const reps = Math.max(1, Math.min(maxReps, Math.ceil(minMs / Math.max(once, 0.01))));
  t0 = performance.now();
  await run(reps);
  return { ms: (performance.now() - t0) / reps, reps };
}
