/**
 * KVDecoder: runs the GPT one position at a time with a key/value cache, for generation. It shares
 * an existing GPUModel's parameter buffers (no copy: a training step changes what it decodes with)
 * and owns only what decoding needs: per-layer K and V caches (blockSize, C), the activations of one
 * position (the activation table at B = 1, T = 1; `h.l.att` is (NH, blockSize) here), and, for
 * prefill, a second set at (1, blockSize).
 *
 * A decode step runs the model's own kernels at (B=1, T=1) — encoder, layernorm, matmul, gelu,
 * residual — plus attention_decode over the cache, and copyBufferToBuffer for what moves with the
 * position: the token id and position into one-value slots, the position-embedding row (encoder_forward
 * only knows positions 0..T-1, so row `pos` of wpe is copied into a one-row table first) and the new
 * k and v (copied out of the qkv row into row `pos` of the caches). A bind group cannot point at row
 * `pos` instead: binding offsets must be multiples of minStorageBufferOffsetAlignment (256 bytes),
 * while rows are C * 4 bytes. Copies run in order with dispatches, so many steps fit one command buffer.
 * Prefill of a prompt runs the full-context forward pass (passes.ts buildForward) into the decoder's
 * own (1, blockSize) activations, then copies each layer's k and v rows out of its qkv activation.
 * Only the V logits of the newest position come back to the CPU.
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
import { buildForward, defaultKernelChoice, type Bufs, type KernelChoice } from './passes.ts';

/** How prefill fills the cache: the model's full forward pass at (1, blockSize), or one decode step per token. */
export type PrefillMode = 'forward' | 'steps';

/**
 * Prompts at least this long are prefilled with the forward pass, shorter ones one decode step per
 * token. A fixed rule, not a timing: the two modes run different kernels (attention, layernorm
 * at one row or many), and if they ever differ in the last bit a choice that followed the clock
 * would turn one seed into two texts. Measured
 * on SwiftShader, a forward pass of the small preset costs about as much as ten decode steps (both
 * mostly per-dispatch overhead); on a real GPU a forward pass costs little more than a step.
 */
export const FORWARD_PREFILL_FROM = 4;

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
  /** (maxT) u32 token ids by position, written from the CPU */
  private readonly tokens: GPUBuffer;
  /** (maxT) u32 = 0, 1, ..., maxT-1: the source of `step` */
  private readonly positions: GPUBuffer;
  /** (1) u32 token id of the new position, read by encoder_forward */
  private readonly token: GPUBuffer;
  /** (1) u32 position of the new token, read by attention_decode */
  private readonly step: GPUBuffer;
  /** (1, C) row `pos` of wpe, copied here so encoder_forward can run at T = 1 */
  private readonly wpeRow: GPUBuffer;
  /** (V) staging buffer for the logits readback, reused every token */
  private readonly staging: GPUBuffer;
  /** segments[l] ends with layer l's qkv matmul; the cache copies run between segments; the last one ends with the logits */
  private segments: Dispatch[][] = [];
  /** the full-context forward pass for prefill: its own (1, maxT) activations, the shared weights */
  private full!: { dispatches: Dispatch[]; acts: Record<string, BufferView>; tokens: BufferView };
  private len = 0;
  /** measured milliseconds of one forward prefill and of one decode step (running means), for prefill's choice */
  private busy = false;

  private constructor(private readonly model: GPUModel) {
    const c = model.config;
    this.config = c;
    this.maxT = c.blockSize;
    const d = (this.device = model.device);
    for (const s of gptActSpecs(c, 1, 1)) {
      if (s.name === 'losses') continue; // decoding computes no loss
      const n = s.name.endsWith('.att') ? c.nHead * this.maxT : numel(s.shape);
      this.acts[s.name] = this.view(`decode:${s.name}`, n);
    }
    for (let l = 0; l < c.nLayer; l++) {
      this.kcache.push(createStorageBuffer(d, this.maxT * c.nEmbd * 4, `decode:kcache.${l}`));
      this.vcache.push(createStorageBuffer(d, this.maxT * c.nEmbd * 4, `decode:vcache.${l}`));
    }
    this.tokens = createStorageBuffer(d, this.maxT * 4, 'decode:tokens');
    this.positions = createStorageBuffer(d, Uint32Array.from({ length: this.maxT }, (_, i) => i), 'decode:positions');
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
    const kc = kernels ?? model.opts.kernels ?? defaultKernelChoice(true);
    // A decode step is a one-row product, which the vec4 kernels hand to blocked; prefill runs blocked
    // too, so both prefill modes give bit-identical caches and a fixed seed the same tokens.
    await dec.build(kc.matmul.endsWith('_vec4') ? { ...kc, matmul: 'blocked' } : kc);
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
    // Prefill: the training model's own forward pass at (1, maxT), over buffers this decoder owns.
    const full = { dispatches: [] as Dispatch[], acts: {} as Record<string, BufferView>, tokens: this.view('decode-prefill:tokens', this.maxT) };
    for (const s of gptActSpecs(c, 1, this.maxT)) if (s.name !== 'losses') full.acts[s.name] = this.view(`decode-prefill:${s.name}`, numel(s.shape));
    // buildForward binds only the parameters, the activations and the tokens; the rest of Bufs is for training.
    const bufs = { params: { ...model.paramViews }, acts: full.acts, tokens: full.tokens } as Partial<Bufs> as Bufs;
    full.dispatches = await buildForward(k, c, 1, this.maxT, bufs, kc);
    this.full = full;
  }

  private view(label: string, n: number): BufferView {
    const buffer = createStorageBuffer(this.device, n * 4, label);
    return { buffer, offset: 0, size: buffer.size };
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
   * Runs `token` at position `length` and adds its k and v to the cache; returns the V logits of
   * this position (the distribution of the token after it).
   */
  async push(token: number): Promise<Float32Array> {
    return this.run([token], this.len);
  }

  /**
   * Empties the cache and runs `tokens` at positions 0..n-1 in one command buffer; returns the logits
   * of the last one (the only readback). 'forward' runs the full-context pass and copies each layer's
   * k and v rows out of its qkv activation; 'steps' runs one decode step per token. Both give the
   * same cache and logits; by default the one cheaperPrefill picks for n tokens.
   */
  async prefill(tokens: readonly number[], mode: PrefillMode = this.cheaperPrefill(tokens.length)): Promise<Float32Array> {
    if (tokens.length === 0) throw new Error('KVDecoder.prefill: no tokens');
    if (mode === 'steps') return this.run(tokens, 0);
    this.check(tokens, 0);
    const { config: c, device: d, maxT } = this;
    const n = tokens.length;
    const padded = new Uint32Array(maxT); // positions past n hold token 0: causal, so they change nothing before n
    padded.set(tokens);
    d.queue.writeBuffer(this.full.tokens.buffer, 0, padded);
    const enc = d.createCommandEncoder({ label: `decode-prefill:${n}` });
    encodeDispatches(enc, this.full.dispatches, 'decode-prefill');
    const row = c.nEmbd * 4;
    for (let l = 0; l < c.nLayer; l++) {
      const qkv = this.full.acts[act(l, 'qkv')].buffer; // (maxT, 3C)
      for (let t = 0; t < n; t++) {
        enc.copyBufferToBuffer(qkv, (3 * t + 1) * row, this.kcache[l], t * row, row);
        enc.copyBufferToBuffer(qkv, (3 * t + 2) * row, this.vcache[l], t * row, row);
      }
    }
    this.len = n;
    const logits = await this.readLogits(enc, this.full.acts.logits.buffer, (n - 1) * c.vocabSize * 4);
    return logits;
  }

  /** The prefill mode for n tokens: by length alone, so the same prompt always fills the same cache. */
  cheaperPrefill(n: number): PrefillMode {
    return n >= FORWARD_PREFILL_FROM ? 'forward' : 'steps';
  }

  /** Validates a run and marks the decoder busy until its logits are read (readLogits clears it). */
  private check(ids: readonly number[], first: number): void {
    // One run at a time: a second would overwrite the token slots and the staging buffer mid-flight.
    if (this.busy) throw new Error('KVDecoder: a step is still running; await it before starting another');
    const V = this.config.vocabSize;
    if (first + ids.length > this.maxT) {
      throw new Error(`KVDecoder: ${first + ids.length} positions do not fit the cache (${this.maxT} = blockSize); prefill a shorter window`);
    }
    for (const t of ids) if (!Number.isInteger(t) || t < 0 || t >= V) throw new Error(`KVDecoder: token ${t} is not in the vocabulary (0..${V - 1})`);
    this.busy = true;
  }

  /** Copies V logits at byte `offset` of `src` to the staging buffer, submits `enc` and waits for them. */
  private async readLogits(enc: GPUCommandEncoder, src: GPUBuffer, offset: number): Promise<Float32Array> {
    try {
      enc.copyBufferToBuffer(src, offset, this.staging, 0, this.config.vocabSize * 4);
      this.device.queue.submit([enc.finish()]);
      await this.staging.mapAsync(MAP_READ_MODE);
      const logits = new Float32Array(this.staging.getMappedRange().slice(0));
      this.staging.unmap();
      return logits;
    } finally {
      this.busy = false;
    }
  }

  /** Runs `ids` at positions first.. one decode step each, in one command buffer, and reads back the last position's logits. */
  private async run(ids: readonly number[], first: number): Promise<Float32Array> {
    this.check(ids, first);
    const d = this.device;
    d.queue.writeBuffer(this.tokens, first * 4, Uint32Array.from(ids)); // lands before the submit
    const enc = d.createCommandEncoder({ label: `decode@${first}+${ids.length}` });
    for (let pos = first; pos < first + ids.length; pos++) this.encodeStep(enc, pos);
    this.len = first + ids.length;
    const logits = await this.readLogits(enc, this.acts.logits.buffer, 0);
    return logits;
  }

  /**
   * Records one position: its token id and position are copied into the one-value slots the kernels
   * read (copies run in order with the dispatches, so many positions fit one command buffer), then
   * the layers, each followed by copying the position's k and v into row pos of its caches.
   */
  private encodeStep(enc: GPUCommandEncoder, pos: number): void {
    const c = this.config;
    const row = c.nEmbd * 4;
    const wpe = this.model.paramViews['wpe.weight'];
    enc.copyBufferToBuffer(this.tokens, pos * 4, this.token, 0, 4);
    enc.copyBufferToBuffer(this.positions, pos * 4, this.step, 0, 4);
    enc.copyBufferToBuffer(wpe.buffer, wpe.offset + pos * row, this.wpeRow, 0, row);
    for (let l = 0; l < c.nLayer; l++) {
      encodeDispatches(enc, this.segments[l], `decode@${pos}:layer${l}`);
      const qkv = this.acts[act(l, 'qkv')].buffer; // (3C) = q | k | v
      enc.copyBufferToBuffer(qkv, row, this.kcache[l], pos * row, row);
      enc.copyBufferToBuffer(qkv, 2 * row, this.vcache[l], pos * row, row);
    }
    encodeDispatches(enc, this.segments[c.nLayer], `decode@${pos}:head`);
  }

  /** Reads one of the last decode step's activations (a 'forward' prefill leaves them as they were), or a layer's cache (`kcache.l` / `vcache.l`): for tests and display. */
  async read(name: string): Promise<Float32Array> {
    const m = /^([kv])cache\.(\d+)$/.exec(name);
    const buf = m ? (m[1] === 'k' ? this.kcache : this.vcache)[Number(m[2])] : this.acts[name]?.buffer;
    if (!buf) throw new Error(`KVDecoder.read: no buffer "${name}"`);
    return new Float32Array(await readBuffer(this.device, buf));
  }

  /** Frees the decoder's own buffers (never the model's parameters). */
  destroy(): void {
    for (const v of [...Object.values(this.acts), ...Object.values(this.full.acts), this.full.tokens]) v.buffer.destroy();
    for (const b of [...this.kcache, ...this.vcache, this.tokens, this.positions, this.token, this.step, this.wpeRow, this.staging]) b.destroy();
  }
}
