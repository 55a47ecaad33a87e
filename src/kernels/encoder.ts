/**
 * Encoder (token + position embedding) kernel descriptors (encoder.wgsl), and `encoder_buckets`,
 * the CPU-side grouping of positions by token id that makes the backward pass deterministic
 * without float atomics. Same names and argument order as encoder.ref.ts, with the pipeline cache
 * first; the GPU backward takes the buckets where the reference takes the tokens.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { grid1d } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './encoder.wgsl?raw';

export const ENCODER = kernelSource('encoder.wgsl', code);

/**
 * Groups the positions of a batch by token id, in the layout encoder_backward_wte reads:
 * (3*B*T + 1) u32 = start (B*T + 1) | tok (B*T) | pos (B*T). Buckets are sorted by token id and
 * positions ascend within a bucket; buckets past the last used one are empty. inp: (B, T).
 */
export function encoder_buckets(inp: ArrayLike<number>, B: number, T: number): Uint32Array {
  const BT = B * T;
  const out = new Uint32Array(3 * BT + 1);
  const order = Array.from({ length: BT }, (_, i) => i).sort((a, b) => inp[a] - inp[b] || a - b);
  let u = -1;
  for (let k = 0; k < BT; k++) {
    const bt = order[k];
    if (k === 0 || inp[bt] !== inp[order[k - 1]]) {
      u++;
      out[u] = k; // start of bucket u
      out[BT + 1 + u] = inp[bt];
    }
    out[2 * BT + 1 + k] = bt;
  }
  for (let e = u + 1; e <= BT; e++) out[e] = BT; // the end of the last bucket, and empty buckets after it
  return out;
}

/** out = wte[inp] + wpe[t]; out: (B, T, C), inp: (B, T) u32, wte: (V, C), wpe: (maxT, C) */
export async function encoder_forward(k: PipelineCache, out: Bindable, inp: Bindable, wte: Bindable, wpe: Bindable, B: number, T: number, C: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(ENCODER, 'encoder_forward');
  return makeDispatch(k.device, 'encoder_forward', pipeline, [out, inp, wte, wpe], grid1d(B * T * C), packUniforms([{ u: B }, { u: T }, { u: C }]));
}

/**
 * dwte += dout gathered by token, dwpe += dout summed over the batch; two dispatches.
 * dwte: (V, C), dwpe: (maxT, C), dout: (B, T, C), buckets: (3*B*T + 1) u32 from encoder_buckets.
 */
export async function encoder_backward(
  k: PipelineCache,
  dwte: Bindable,
  dwpe: Bindable,
  dout: Bindable,
  buckets: Bindable,
  B: number,
  T: number,
  C: number,
): Promise<Dispatch[]> {
  const u = packUniforms([{ u: B }, { u: T }, { u: C }]);
  const pw = await k.pipeline(ENCODER, 'encoder_backward_wte');
  const pp = await k.pipeline(ENCODER, 'encoder_backward_wpe');
  return [
    makeDispatch(k.device, 'encoder_backward_wte', pw, [dwte, dout, buckets], grid1d(B * T * C), u),
    makeDispatch(k.device, 'encoder_backward_wpe', pp, [dwpe, dout], grid1d(T * C), u),
  ];
}
