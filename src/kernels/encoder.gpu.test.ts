import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { encoder_backward, encoder_buckets, encoder_forward } from './encoder.ts';
import * as ref from './encoder.ref.ts';

describe('encoder on the GPU vs its reference', () => {
  it('forward and backward, B=3 T=7 C=13 V=11 maxT=9, tokens repeated', async () => {
    const h = await getHarness();
    const [B, T, C, V, maxT] = [3, 7, 13, 11, 9];
    const rand = mulberry32(11);
    // Few distinct tokens so buckets hold many positions; token V-1 never appears (its dwte row must stay as it was).
    const inp = Uint32Array.from({ length: B * T }, () => Math.floor(rand() * 4) * 2);
    const wte = uniformArray(V * C, rand);
    const wpe = uniformArray(maxT * C, rand);
    const dout = uniformArray(B * T * C, rand);
    const dwte0 = uniformArray(V * C, rand); // random, not zero: backward must accumulate
    const dwpe0 = uniformArray(maxT * C, rand);

    const out = h.upload(new Float32Array(B * T * C), 'out');
    const dwte = h.upload(dwte0, 'dwte');
    const dwpe = h.upload(dwpe0, 'dwpe');
    const doutBuf = h.upload(dout, 'dout');
    h.run(
      await encoder_forward(h.cache, out, h.upload(inp, 'inp'), h.upload(wte), h.upload(wpe), B, T, C),
      ...(await encoder_backward(h.cache, dwte, dwpe, doutBuf, h.upload(encoder_buckets(inp, B, T), 'buckets'), B, T, C)),
    );

    const wantOut = new Float32Array(B * T * C);
    ref.encoder_forward(wantOut, inp, wte, wpe, B, T, C);
    const wantDwte = dwte0.slice();
    const wantDwpe = dwpe0.slice();
    ref.encoder_backward(wantDwte, wantDwpe, dout, inp, B, T, C);
    const tol = { atol: 1e-5, rtol: 1e-5 };
    expectAllClose('encoder out', await h.readF32(out, B * T * C), wantOut, [B, T, C], tol);
    expectAllClose('encoder dwte', await h.readF32(dwte, V * C), wantDwte, [V, C], tol);
    expectAllClose('encoder dwpe', await h.readF32(dwpe, maxT * C), wantDwpe, [maxT, C], tol);
  });
});

describe('encoder backward is deterministic', () => {
  it('gives bit-identical dwte and dwpe on repeated runs (no atomics, fixed summation order)', async () => {
    const h = await getHarness();
    const [B, T, C, V] = [4, 33, 19, 5]; // 132 positions over 5 tokens: long buckets
    const rand = mulberry32(5);
    const inp = Uint32Array.from({ length: B * T }, () => Math.floor(rand() * V));
    const dout = h.upload(uniformArray(B * T * C, rand, -100, 100)); // wide range: order would show in the rounding
    const buckets = h.upload(encoder_buckets(inp, B, T));
    const results: Float32Array[] = [];
    for (let run = 0; run < 2; run++) {
      const dwte = h.upload(new Float32Array(V * C));
      const dwpe = h.upload(new Float32Array(T * C));
      h.run(...(await encoder_backward(h.cache, dwte, dwpe, dout, buckets, B, T, C)));
      results.push(new Float32Array([...(await h.readF32(dwte)), ...(await h.readF32(dwpe))]));
    }
    expectAllClose('encoder backward run 2 vs run 1', results[1], results[0], [results[0].length], { atol: 0, rtol: 0 });
  });
});
