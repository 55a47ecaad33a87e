/**
 * The live "facts the model knows" probe of a pretraining run (lesson 1): a fixed set of known and
 * unknown people of the made-up world, asked at every validation pass on a small model of the
 * probe's own shape that receives the training model's current weights. The training model's
 * buffers are only read. Owns the probe model's lifetime; the probe itself is src/train/probe.ts.
 */
import { attributeValues, type Person } from '../data/world.ts';
import type { GPUModel } from '../model/gpt.ts';
import { probeFacts, probeItems, probeLength, probeModel, type ProbeItem } from '../train/probe.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import type { FactsPoint } from './protocol.ts';

/** People per side (known, unknown) the live probe asks about their home town: 12 x 16 candidates each. */
export const LIVE_PROBE_PEOPLE = 12;

export class FactsProbe {
  private readonly items: ProbeItem[];
  private readonly len: number;
  private probe: GPUModel | undefined;

  constructor(
    private readonly model: GPUModel,
    private readonly tok: Tokenizer,
    people: readonly Person[],
    perSide = LIVE_PROBE_PEOPLE,
  ) {
    this.items = probeItems(people, attributeValues(people), perSide);
    this.len = probeLength(tok, this.items);
  }

  /** Whether the probe's rows fit the model's context (a tiny custom context may be too short). */
  get fits(): boolean {
    return this.len <= this.model.config.blockSize;
  }

  /** The probe on the training model's current weights. */
  async measure(): Promise<FactsPoint> {
    const params = await this.model.read('params');
    if (this.probe) this.probe.setParams(params);
    else this.probe = await probeModel(this.model.device, this.model.cache, this.model.config, this.len, params);
    const r = await probeFacts(this.probe, this.tok, this.items);
    return { known: r.known.known / r.known.total, unknown: r.unknown.known / r.unknown.total, n: r.known.total, chance: r.chance };
  }

  /** Frees the probe model. */
  destroy(): void {
    this.probe?.destroy();
    this.probe = undefined;
  }
}
