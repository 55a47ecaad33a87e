import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32, uniformArray } from '../util/random.ts';
import { halfToFloat, readSafetensors, writeSafetensors } from './safetensors.ts';

/** Build a file by hand (header object + raw data bytes), as another tool might have written it. */
function handMade(header: object, data: Uint8Array, lengthField?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(lengthField ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('safetensors', () => {
  it('round-trips tensors bit for bit, with metadata, in order, 8-byte aligned', () => {
    const w = uniformArray(3 * 5, mulberry32(3));
    w[0] = -0; // signed zero, NaN payload and infinities must survive unchanged
    w[1] = NaN;
    w[2] = Infinity;
    const ids = Int32Array.from([-7, 0, 2147483647]);
    const u = Uint32Array.from([4294967295, 1]);
    const d = Float64Array.from([Math.PI]);
    const bytes = writeSafetensors(
      [['w', { shape: [3, 5], data: w }], ['ids', { shape: [3], data: ids }], ['u', { shape: [2], data: u }], ['d', { shape: [], data: d }]],
      { note: 'héllo', n: '3' },
    );
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const f = readSafetensors(bytes);
    expect([...f.tensors.keys()]).toEqual(['w', 'ids', 'u', 'd']);
    expect(f.metadata).toEqual({ note: 'héllo', n: '3' });
    const w2 = f.tensors.get('w')!;
    expect(w2.dtype).toBe('F32');
    expect(w2.shape).toEqual([3, 5]);
    expect(new Uint8Array(w2.data.buffer)).toEqual(new Uint8Array(w.buffer));
    expect(Object.is(w2.data[0], -0)).toBe(true);
    expect(Array.from(f.tensors.get('ids')!.data)).toEqual([-7, 0, 2147483647]);
    expect(Array.from(f.tensors.get('u')!.data)).toEqual([4294967295, 1]);
    expect(f.tensors.get('d')!.data[0]).toBe(Math.PI);
    expect(f.tensors.get('d')!.shape).toEqual([]);
  });

  it('reads the PyTorch-written golden fixture (F64 and I32)', () => {
    const f = readSafetensors(new Uint8Array(readFileSync('test/fixtures/gpt2-tiny-golden.safetensors')));
    expect(f.tensors.size).toBe(62);
    expect(JSON.parse(f.metadata.config)).toMatchObject({ nLayer: 2, nEmbd: 12, vocabSize: 19 });
    const wte = f.tensors.get('wte.weight')!;
    expect(wte.shape).toEqual([19, 12]);
    expect(Array.from(wte.data.slice(0, 2))).toEqual([0.02293020588224344, 0.0848369317193081]);
    expect(Array.from(f.tensors.get('tokens')!.data.slice(0, 4))).toEqual([6, 8, 17, 14]);
    expect(f.tensors.get('loss')!.data[0]).toBe(3.084008264063606);
  });

  it('reads F16 and BF16, widened to float32', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(13653)).toBeCloseTo(1 / 3, 3);
    expect(halfToFloat(64511)).toBe(-65504);
    expect(halfToFloat(1)).toBe(2 ** -24); // smallest subnormal
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
    const data = new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x3f80, 0xc040]).buffer);
    const f = readSafetensors(handMade({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] }, b: { dtype: 'BF16', shape: [2], data_offsets: [4, 8] } }, data));
    expect(Array.from(f.tensors.get('h')!.data)).toEqual([1, -2]);
    expect(Array.from(f.tensors.get('b')!.data)).toEqual([1, -3]);
  });

  it('rejects each kind of damage with an error naming it and the tensor', () => {
    const good = writeSafetensors([['a', { shape: [2], data: Float32Array.from([1, 2]) }], ['b', { shape: [1], data: Float32Array.from([3]) }]]);
    const read = (b: Uint8Array) => () => readSafetensors(b, 'model.safetensors');
    expect(read(good.slice(0, 5))).toThrow(/model.safetensors: truncated: 5 bytes/);
    expect(read(good.slice(0, 20))).toThrow(/header length \d+ runs past the end of the file \(20 bytes\)/);
    expect(read(good.slice(0, good.length - 2))).toThrow(/tensor "b": data_offsets \[8, 12\] run past the end of the data \(10 bytes\)/);
    const z = new Uint8Array(16);
    expect(read(handMade({}, z, 2 ** 40))).toThrow(/header length 1099511627776 runs past the end/);
    const bad = handMade({}, z);
    bad.set(new TextEncoder().encode('{x'), 8);
    expect(read(bad)).toThrow(/header is not valid JSON/);
    expect(read(handMade([1] as unknown as object, z))).toThrow(/header must be a JSON object/);
    expect(read(handMade({ __metadata__: { a: 1 } }, z))).toThrow(/__metadata__\["a"\] must be a string/);
    expect(read(handMade({ w: { dtype: 'Q8', shape: [1], data_offsets: [0, 1] } }, z))).toThrow(/tensor "w": unknown dtype "Q8"/);
    expect(read(handMade({ w: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, z))).toThrow(/tensor "w": shape \[-1\] must be/);
    expect(read(handMade({ w: { dtype: 'F32', shape: [2], data_offsets: [0] } }, z))).toThrow(/tensor "w": data_offsets \[0\] must be \[begin, end\]/);
    expect(read(handMade({ w: { dtype: 'F32', shape: [0], data_offsets: [8, 4] } }, z))).toThrow(/tensor "w": data_offsets \[8, 4\] end before they begin/);
    expect(read(handMade({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, z))).toThrow(/tensor "w": shape \[3\] of F32 needs 12 bytes but data_offsets \[0, 8\] hold 8/);
    expect(read(handMade({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, v: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, z))).toThrow(
      /tensor "v" bytes \[4, 12\) overlap tensor "w" bytes \[0, 8\)/,
    );
    expect(read(handMade({ w: { dtype: 'F32', shape: [5], data_offsets: [0, 20] } }, z))).toThrow(/run past the end of the data \(16 bytes\)/);
  });

  it('refuses to write inconsistent tensors', () => {
    expect(() => writeSafetensors([['a', { shape: [2, 2], data: new Float32Array(3) }]])).toThrow(/tensor "a": shape \[2,2\] has 4 elements but the data has 3/);
    expect(() => writeSafetensors([['__metadata__', { shape: [1], data: new Float32Array(1) }]])).toThrow(/reserved/);
    expect(() => writeSafetensors([['a', { shape: [1], data: new Float32Array(1) }], ['a', { shape: [1], data: new Float32Array(1) }]])).toThrow(/repeated/);
  });
});
