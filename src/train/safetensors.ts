/**
 * The safetensors file format (Hugging Face's): read and write named tensors as bytes.
 * Owns only the byte layout and its validation; what the tensors mean is checkpoint.ts's job.
 * No I/O: bytes in, bytes out.
 *
 *   [8 bytes]  N, the header length, unsigned 64-bit little-endian
 *   [N bytes]  JSON header: { "__metadata__": {string: string}, name: {dtype, shape, data_offsets}, ... }
 *              padded with spaces so the data starts on an 8-byte boundary
 *   [rest]     data; data_offsets [begin, end) count from the start of the data
 *
 * Writes F32, F64, I32 and U32; reads those plus F16 and BF16 (widened to Float32Array). Every
 * malformed input throws an Error that names the problem and, where there is one, the tensor.
 * Typed arrays are little-endian on every platform the lab runs on (x86, ARM), as the format is.
 */

/** Element types this module understands, with their size in bytes. */
export const DTYPE_BYTES = { F64: 8, F32: 4, F16: 2, BF16: 2, I32: 4, U32: 4 } as const;
export type DType = keyof typeof DTYPE_BYTES;

/** One tensor: its dtype in the file, its shape, and its values (row-major). */
export interface Tensor {
  dtype: DType;
  shape: number[];
  /** F32/F16/BF16 -> Float32Array, F64 -> Float64Array, I32 -> Int32Array, U32 -> Uint32Array */
  data: Float32Array | Float64Array | Int32Array | Uint32Array;
}

/** A parsed file: tensors in file order, and the string metadata. */
export interface SafetensorsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

/** Refuse headers larger than this: a corrupt length field must not make us allocate gigabytes. */
const MAX_HEADER_BYTES = 100 * 2 ** 20;

/** Number of elements of a shape (1 for a scalar shape []). */
export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function dtypeOf(data: Tensor['data']): DType {
  if (data instanceof Float32Array) return 'F32';
  if (data instanceof Float64Array) return 'F64';
  if (data instanceof Int32Array) return 'I32';
  if (data instanceof Uint32Array) return 'U32';
  throw new Error('tensor data must be a Float32Array, Float64Array, Int32Array or Uint32Array');
}

/**
 * Serialize tensors (in the order given) and string metadata into safetensors bytes.
 * The dtype is taken from the typed array; `shape` must multiply out to its length.
 */
export function writeSafetensors(
  tensors: Iterable<[string, { shape: readonly number[]; data: Tensor['data'] }]>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string') throw new Error(`metadata "${k}" must be a string, got ${typeof v}`);
  }
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const list: [string, Tensor['data']][] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    if (name === '' || name === '__metadata__' || name in header) throw new Error(`tensor name "${name}" is empty, reserved or repeated`);
    const dtype = dtypeOf(t.data);
    if (!t.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`tensor "${name}": shape [${t.shape}] must hold non-negative integers`);
    if (numel(t.shape) !== t.data.length) throw new Error(`tensor "${name}": shape [${t.shape}] has ${numel(t.shape)} elements but the data has ${t.data.length}`);
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + t.data.byteLength] };
    list.push([name, t.data]);
    offset += t.data.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8; // data starts 8-byte aligned
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let o = 8 + json.length;
  for (const [, data] of list) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), o);
    o += data.byteLength;
  }
  return out;
}

/**
 * Parse safetensors bytes. `source` names the file in error messages. Tensors are copied out,
 * so the result does not keep `bytes` alive and is safe to modify.
 */
export function readSafetensors(bytes: Uint8Array, source = 'safetensors file'): SafetensorsFile {
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`);
  };
  if (bytes.length < 8) fail(`truncated: ${bytes.length} bytes, too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) fail(`header length ${n} runs past the end of the file (${bytes.length} bytes): truncated or not a safetensors file`);
  if (n > BigInt(MAX_HEADER_BYTES)) fail(`header length ${n} is larger than the ${MAX_HEADER_BYTES} bytes allowed`);
  const hlen = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + hlen)));
  } catch (e) {
    fail(`header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('header must be a JSON object');
  const dataStart = 8 + hlen;
  const dataLen = bytes.length - dataStart;

  const metadata: Record<string, string> = {};
  const entries: { name: string; dtype: DType; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('__metadata__ must be an object of strings');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__["${k}"] must be a string, got ${JSON.stringify(v)}`);
        metadata[k] = v as string;
      }
      continue;
    }
    const bad = (msg: string): never => fail(`tensor "${name}": ${msg}`);
    if (typeof raw !== 'object' || raw === null) return bad('entry must be an object with dtype, shape and data_offsets');
    const { dtype, shape, data_offsets: off } = raw as Record<string, unknown>;
    if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) return bad(`unknown dtype ${JSON.stringify(dtype)} (this lab reads ${Object.keys(DTYPE_BYTES).join(', ')})`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) return bad(`shape ${JSON.stringify(shape)} must be an array of non-negative integers`);
    if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isInteger(d) && d >= 0)) return bad(`data_offsets ${JSON.stringify(off)} must be [begin, end] with non-negative integers`);
    const [begin, end] = off as number[];
    if (end < begin) bad(`data_offsets [${begin}, ${end}] end before they begin`);
    if (end > dataLen) bad(`data_offsets [${begin}, ${end}] run past the end of the data (${dataLen} bytes): the file is truncated or the offsets are wrong`);
    const want = numel(shape) * DTYPE_BYTES[dtype as DType];
    if (end - begin !== want) bad(`shape [${shape}] of ${dtype} needs ${want} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`);
    entries.push({ name, dtype: dtype as DType, shape, begin, end });
  }
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const [p, q] = [sorted[i - 1], sorted[i]];
    if (q.begin < p.end) fail(`tensor "${q.name}" bytes [${q.begin}, ${q.end}) overlap tensor "${p.name}" bytes [${p.begin}, ${p.end})`);
  }

  const tensors = new Map<string, Tensor>();
  for (const e of entries) {
    // slice() copies into a fresh, aligned buffer, whatever the tensor's offset in the file
    const buf = bytes.buffer.slice(bytes.byteOffset + dataStart + e.begin, bytes.byteOffset + dataStart + e.end);
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data: decode(e.dtype, buf) });
  }
  return { tensors, metadata };
}

function decode(dtype: DType, buf: ArrayBufferLike): Tensor['data'] {
  switch (dtype) {
    case 'F32':
      return new Float32Array(buf);
    case 'F64':
      return new Float64Array(buf);
    case 'I32':
      return new Int32Array(buf);
    case 'U32':
      return new Uint32Array(buf);
    case 'F16':
      return Float32Array.from(new Uint16Array(buf), halfToFloat);
    case 'BF16': {
      // bfloat16 is the top half of a float32: shift it back into place
      const u = Uint32Array.from(new Uint16Array(buf), (h) => h << 16);
      return new Float32Array(u.buffer);
    }
  }
}

/** IEEE 754 binary16 bits -> number (subnormals, infinities and NaN included). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
