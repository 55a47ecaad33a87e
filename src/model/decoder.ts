/**
 * KVDecoder: runs the GPT one position at a time with a key/value cache, for generation. It shares
 * an existing GPUModel's parameter buffers (no copy: a training step changes what it decodes with)
 * and owns only what one position needs: per-layer K and V caches (blockSize, C), the activations of
 * one position (the activation table at B = 1, T = 1), and the attention weights over the cache.
 *
 * One token = one command buffer: the model's own kernels at (B=1, T=1) — encoder, layernorm,
 * matmul, gelu, residual — plus attention_decode over the cache, and copyBufferToBuffer for the two
 * things that move per position: the position-embedding row (encoder_forward only knows positions
 * 0..T-1, so row `pos` of wpe is copied into a one-row table first) and the new k and v (copied out
 * of the qkv row into row `pos` of the caches). A bind group cannot point at row `pos` instead:
 * binding offsets must be multiples of minStorageBufferOffsetAlignment (256 bytes), rows are C * 4.
 * Only the V logits of the new position come back to the CPU, and only when asked for.
 *
 * Must not: write the model's parameters, build pipelines per token, or read back more than V floats.
 */
import { align, createStorageBuffer, MAP_READ_MODE, readBuffer, Usage } from '../gpu/buffers.ts';
import { encodeDispatches, type BufferView, type Dispatch } from '../gpu/compute.ts';
import { attention_decode } from '../kernels/attention_decode.ts';
import { encoder_forward } from '../kernels/encoder.ts';
import { gelu_forward } from '../kernels/gelu.ts';
import { layernorm_forward } from '../kernels/layernorm.ts';
import { matmul_forward } from '../kernels/matmul.ts';
import { residual_forward } from '../kernels/residual.ts';
import { act, gptActSpecs, numel } from './activations.ts';
import type { GPTConfig } from './config.ts';
import type { GPUModel } from './gpt.ts';
import { blockPrefix } from './params.ts';
import { defaultKernelChoice, type KernelChoice } from './passes.ts';

export class KVDecoder {
  readonly config: GPTConfig;
  /** rows of the caches: the model's context (blockSize) */
  readonly maxT: number;
  private readonly device: GPUDevice;
  /** one position's activations, named as in the activation table; `h.l.att` is (NH, maxT) here */
  private readonly acts: Record<string, BufferView> = {};
  /** per layer, (maxT, C) each */
  private readonly kcache: GPUBuffer[] = [];
  private readonly vcache: GPUBuffer[] = [];
  /** (1) u32 token id of the new position */
  private readonly token: GPUBuffer;
  /** (1) u32 position of the new token, read by attention_decode */
  private readonly step: GPUBuffer;
  /** (1, C) row `pos` of wpe, copied here so encoder_forward can run at T = 1 */
  private readonly wpeRow: GPUBuffer;
  /** (V) staging buffer for the logits readback, reused every token */
  private readonly staging: GPUBuffer;
  /** segments[l] ends with layer l's qkv matmul; the cache copies run between segments; the last one ends with the logits */
  private segments: Dispatch[][] = [];
  private len = 0;

  private constructor(private readonly model: GPUModel) {
    const c = model.config;
    this.config = c;
    this.maxT = c.blockSize;
    const d = (this.device = model.device);
    const view = (label: string, n: number): BufferView => {
      const buffer = createStorageBuffer(d, n * 4, label);
      return { buffer, offset: 0, size: buffer.size };
    };
    for (const s of gptActSpecs(c, 1, 1)) {
      if (s.name === 'losses') continue; // decoding computes no loss
      const n = s.name.endsWith('.att') ? c.nHead * this.maxT : numel(s.shape);
      this.acts[s.name] = view(`decode:${s.name}`, n);
    }
    for (let l = 0; l < c.nLayer; l++) {
      this.kcache.push(createStorageBuffer(d, this.maxT * c.nEmbd * 4, `decode:kcache.${l}`));
      this.vcache.push(createStorageBuffer(d, this.maxT * c.nEmbd * 4, `decode:vcache.${l}`));
    }
    this.token = createStorageBuffer(d, 4, 'decode:token');
    this.step = createStorageBuffer(d, 4, 'decode:step');
    this.wpeRow = createStorageBuffer(d, c.nEmbd * 4, 'decode:wpe-row');
    this.staging = d.createBuffer({ label: 'decode:logits-readback', size: align(c.vocabSize * 4, 4), usage: Usage.MAP_READ | Usage.COPY_DST });
  }

  /**
   * A decoder sharing `model`'s weights (any batch size or sequence length: only the parameters are
   * shared). Kernels default to the model's own choice, so both paths run the same arithmetic.
   */
  static async create(model: GPUModel, kernels?: KernelChoice): Promise<KVDecoder> {
    const dec = new KVDecoder(model);
    await dec.build(kernels ?? model.opts.kernels ?? defaultKernelChoice(true));
    return dec;
  }

  private async build(kc: KernelChoice): Promise<void> {
    const { config: c, acts: a, model } = this;
    const k = model.cache;
    const C = c.nEmbd;
    const P = (n: string) => model.paramViews[n];
    const mm = (out: BufferView, inp: BufferView, w: string, b: string | null, IC: number, OC: number) =>
      matmul_forward(k, out, inp, P(w), b ? P(b) : null, 1, IC, OC, kc.matmul);
    let seg: Dispatch[] = [await encoder_forward(k, a.encoded, this.token, P('wte.weight'), this.wpeRow, 1, 1, C)];
    let residual = a.encoded;
    for (let l = 0; l < c.nLayer; l++) {
      const p = blockPrefix(l);
      const A = (n: string) => a[act(l, n)];
      seg.push(
        await layernorm_forward(k, A('ln1'), A('ln1_mean'), A('ln1_rstd'), residual, P(`${p}ln_1.weight`), P(`${p}ln_1.bias`), 1, 1, C, kc.rows),
        await mm(A('qkv'), A('ln1'), `${p}attn.c_attn.weight`, `${p}attn.c_attn.bias`, C, 3 * C),
      );
      this.segments.push(seg);
      // (here the step copies this position's k and v into row pos of layer l's caches)
      seg = [
        await attention_decode(k, A('atty'), A('att'), A('qkv'), this.kcache[l], this.vcache[l], this.step, C, c.nHead, this.maxT, kc.rows),
        await mm(A('attproj'), A('atty'), `${p}attn.c_proj.weight`, `${p}attn.c_proj.bias`, C, C),
        await residual_forward(k, A('residual2'), residual, A('attproj'), C),
        await layernorm_forward(k, A('ln2'), A('ln2_mean'), A('ln2_rstd'), A('residual2'), P(`${p}ln_2.weight`), P(`${p}ln_2.bias`), 1, 1, C, kc.rows),
        await mm(A('fch'), A('ln2'), `${p}mlp.c_fc.weight`, `${p}mlp.c_fc.bias`, C, 4 * C),
        await gelu_forward(k, A('fch_gelu'), A('fch'), 4 * C),
        await mm(A('fcproj'), A('fch_gelu'), `${p}mlp.c_proj.weight`, `${p}mlp.c_proj.bias`, 4 * C, C),
        await residual_forward(k, A('residual3'), A('residual2'), A('fcproj'), C),
      ];
      residual = A('residual3');
    }
    seg.push(
      await layernorm_forward(k, a.lnf, a.lnf_mean, a.lnf_rstd, residual, P('ln_f.weight'), P('ln_f.bias'), 1, 1, C, kc.rows),
      // LM head tied to the token embedding, as in the full forward pass: logits = lnf · wteᵀ
      await mm(a.logits, a.lnf, 'wte.weight', null, C, c.vocabSize),
    );
    this.segments.push(seg);
  }

  /** Positions now in the cache (the next token goes at this position). */
  get length(): number {
    return this.len;
  }

  /** Empties the cache (nothing is cleared on the GPU: rows past the length are never read). */
  reset(): void {
    this.len = 0;
  }

  /**
   * Runs `token` at position `length` and adds its k and v to the cache. With `readLogits`, returns
   * the V logits of this position (the distribution of the token after it); otherwise returns null
   * without waiting for the GPU (prefill: the queue keeps the positions in order).
   */
  async push(token: number, readLogits = true): Promise<Float32Array | null> {
    const c = this.config;
    const pos = this.len;
    if (pos >= this.maxT) throw new Error(`KVDecoder: the cache is full (${this.maxT} positions = blockSize); reset() and refill a shorter window`);
    if (!Number.isInteger(token) || token < 0 || token >= c.vocabSize) throw new Error(`KVDecoder: token ${token} is not in the vocabulary (0..${c.vocabSize - 1})`);
    const d = this.device;
    // Queued writes land before the next submit, in order, so back-to-back pushes need no waiting.
    d.queue.writeBuffer(this.token, 0, new Uint32Array([token]));
    d.queue.writeBuffer(this.step, 0, new Uint32Array([pos]));
    const row = c.nEmbd * 4;
    const wpe = this.model.paramViews['wpe.weight'];
    const enc = d.createCommandEncoder({ label: `decode@${pos}` });
    enc.copyBufferToBuffer(wpe.buffer, wpe.offset + pos * row, this.wpeRow, 0, row);
    for (let l = 0; l < c.nLayer; l++) {
      encodeDispatches(enc, this.segments[l], `decode@${pos}:layer${l}`);
      const qkv = this.acts[act(l, 'qkv')].buffer; // (3C) = q | k | v
      enc.copyBufferToBuffer(qkv, row, this.kcache[l], pos * row, row);
      enc.copyBufferToBuffer(qkv, 2 * row, this.vcache[l], pos * row, row);
    }
    encodeDispatches(enc, this.segments[c.nLayer], `decode@${pos}:head`);
    if (readLogits) enc.copyBufferToBuffer(this.acts.logits.buffer, 0, this.staging, 0, c.vocabSize * 4);
    d.queue.submit([enc.finish()]);
    this.len = pos + 1;
    if (!readLogits) return null;
    await this.staging.mapAsync(MAP_READ_MODE);
    const logits = new Float32Array(this.staging.getMappedRange().slice(0));
    this.staging.unmap();
    return logits;
  }

  /** Empties the cache and runs `tokens` at positions 0..n-1; returns the logits of the last one. */
  async prefill(tokens: readonly number[]): Promise<Float32Array> {
    if (tokens.length === 0) throw new Error('KVDecoder.prefill: no tokens');
    if (tokens.length > this.maxT) throw new Error(`KVDecoder.prefill: ${tokens.length} tokens do not fit the ${this.maxT}-position cache`);
    this.reset();
    for (let i = 0; i < tokens.length - 1; i++) await this.push(tokens[i], false);
    return (await this.push(tokens[tokens.length - 1])) as Float32Array;
  }

  /** Reads one of the last position's activations, or a layer's cache (`kcache.l` / `vcache.l`): for tests and display. */
  async read(name: string): Promise<Float32Array> {
    const m = /^([kv])cache\.(\d+)$/.exec(name);
    const buf = m ? (m[1] === 'k' ? this.kcache : this.vcache)[Number(m[2])] : this.acts[name]?.buffer;
    if (!buf) throw new Error(`KVDecoder.read: no buffer "${name}"`);
    return new Float32Array(await readBuffer(this.device, buf));
  }

  /** Frees the decoder's own buffers (never the model's parameters). */
  destroy(): void {
    for (const v of Object.values(this.acts)) v.buffer.destroy();
    for (const b of [...this.kcache, ...this.vcache, this.token, this.step, this.wpeRow, this.staging]) b.destroy();
  }
}
