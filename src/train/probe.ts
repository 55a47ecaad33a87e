/**
 * "Facts the model knows": the cue test on the made-up world. For a person and an attribute the
 * model reads the cue ("Tova Brenlik was born in") followed by each candidate value (" Marden",
 * " Garth", ... all 16 towns); the fact counts as known when the true value's continuation is the
 * likeliest of the candidates, i.e. has the highest log-probability summed over its tokens (whole
 * values compared, not first tokens: most values are two or three tokens). Guessing is right one
 * time in the number of candidates (1/16). Lesson 1 runs it live during pretraining, `lab eval
 * --facts` on a checkpoint.
 * Owns the probe's rows, the ranking rule and the summary; the forward passes go through GPUModel's
 * evaluation step and its per-position losses. Must not: update weights, or know the worker or the UI.
 */
import { ATTRIBUTES, cue, type Attribute, type Person, type WorldGroup } from '../data/world.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import type { GPTConfig } from '../model/config.ts';
import { GPUModel } from '../model/gpt.ts';
import type { Tokenizer } from './tokenizer.ts';

/** Which side of the world a probed person is on: known (biographies in pretraining) or unknown. */
export type ProbeSide = 'known' | 'unknown';
export const sideOf = (g: WorldGroup): ProbeSide => (g === 'unknown' ? 'unknown' : 'known');

/** One fact to test: a person, an attribute, the candidates and which one is true. */
export interface ProbeItem {
  name: string;
  side: ProbeSide;
  attribute: Attribute;
  candidates: readonly string[];
  /** index of the true value in candidates */
  answer: number;
}

/**
 * The facts to probe: up to `perSide` people of each side, known people taking the sft and the
 * held-out group in turn (file order within each), each asked every attribute in `attributes`.
 * Deterministic, so every probe of a run asks the same questions.
 */
export function probeItems(people: readonly Person[], values: Record<Attribute, readonly string[]>, perSide: number, attributes: readonly Attribute[] = ['town']): ProbeItem[] {
  const of = (g: WorldGroup) => people.filter((p) => p.group === g);
  const known: Person[] = [];
  const [sft, held] = [of('sft'), of('held-out')];
  for (let i = 0; known.length < perSide && (i < sft.length || i < held.length); i++) {
    if (i < sft.length) known.push(sft[i]);
    if (i < held.length && known.length < perSide) known.push(held[i]);
  }
  const chosen = [...known, ...of('unknown').slice(0, perSide)];
  const items: ProbeItem[] = [];
  for (const p of chosen) {
    for (const a of attributes) {
      const answer = values[a].indexOf(p[a]);
      if (answer < 0) throw new Error(`probe: ${p.name}'s ${a} "${p[a]}" is not among the candidates`);
      items.push({ name: p.name, side: sideOf(p.group), attribute: a, candidates: values[a], answer });
    }
  }
  return items;
}

/** One row of the probe: cue then candidate, and where the candidate's tokens start. */
export interface ProbeRow {
  ids: number[];
  /** index in ids of the candidate's first token; every token from there on is scored */
  from: number;
}

/**
 * The rows of one item, one per candidate: the cue's tokens, then " value"'s. The two are encoded
 * apart, so the boundary falls between tokens (the tokenizer splits before a space anyway).
 */
export function probeRows(tok: Tokenizer, item: ProbeItem): ProbeRow[] {
  const c = tok.encode(cue(item.attribute, item.name));
  return item.candidates.map((v) => ({ ids: [...c, ...tok.encode(` ${v}`)], from: c.length }));
}

/** Whether the true candidate is strictly the likeliest (a tie is not knowing). */
export function knowsFact(logLik: readonly number[], answer: number): boolean {
  return logLik.every((x, k) => k === answer || x < logLik[answer]);
}

/** The probe's result on one side: facts known of facts asked. */
export interface ProbeSideScore {
  side: ProbeSide;
  known: number;
  total: number;
}

/** What one probe measured. */
export interface ProbeResult {
  known: ProbeSideScore;
  unknown: ProbeSideScore;
  /** 1 / candidates: what guessing scores */
  chance: number;
  /** per attribute and side, for `lab eval --facts` */
  byAttribute: { attribute: Attribute; side: ProbeSide; known: number; total: number }[];
}

/** Tallies per-item outcomes into the two sides and per attribute. */
export function summariseProbe(items: readonly ProbeItem[], right: readonly boolean[]): ProbeResult {
  const side = (s: ProbeSide): ProbeSideScore => ({ side: s, known: items.filter((it, i) => it.side === s && right[i]).length, total: items.filter((it) => it.side === s).length });
  const byAttribute: ProbeResult['byAttribute'] = [];
  for (const a of ATTRIBUTES) {
    for (const s of ['known', 'unknown'] as const) {
      const idx = items.map((_, i) => i).filter((i) => items[i].attribute === a && items[i].side === s);
      if (idx.length) byAttribute.push({ attribute: a, side: s, known: idx.filter((i) => right[i]).length, total: idx.length });
    }
  }
  return { known: side('known'), unknown: side('unknown'), chance: items.length ? 1 / items[0].candidates.length : NaN, byAttribute };
}

/** The longest row of a probe, in tokens: the sequence length a probe model needs. */
export function probeLength(tok: Tokenizer, items: readonly ProbeItem[]): number {
  return Math.max(...items.flatMap((it) => probeRows(tok, it).map((r) => r.ids.length)));
}

/**
 * Log-likelihood of each row's candidate tokens given what precedes them, on `model` (any GPUModel
 * whose seqLen holds the longest row): the rows `model.B` at a time through the evaluation step,
 * each row's value minus the sum of the per-position losses over its candidate tokens. Nothing is
 * updated, but the model's activations are overwritten (a training step recomputes them).
 */
export async function rowLogLiks(model: GPUModel, padId: number, rows: readonly ProbeRow[], onProgress?: (done: number, total: number) => void): Promise<Float64Array> {
  const { B, T } = model;
  const longest = Math.max(0, ...rows.map((r) => r.ids.length));
  if (longest > T) throw new Error(`probe rows are up to ${longest} tokens; the model's sequence length is ${T}`);
  const logLik = new Float64Array(rows.length);
  const tokens = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  const weights = new Float32Array(B * T);
  for (let start = 0; start < rows.length; start += B) {
    tokens.fill(padId);
    targets.fill(padId);
    weights.fill(0);
    const batch = rows.slice(start, start + B);
    batch.forEach((r, b) => {
      for (let t = 0; t < r.ids.length; t++) tokens[b * T + t] = r.ids[t];
      // Position t predicts token t+1: the candidate's tokens are the targets at from-1 .. len-2.
      for (let t = 0; t + 1 < r.ids.length; t++) {
        targets[b * T + t] = r.ids[t + 1];
        if (t + 1 >= r.from) weights[b * T + t] = 1;
      }
    });
    model.evalStep({ tokens, targets, weights });
    const losses = await model.read({ act: 'losses' }); // (B, T): w * -log p(target)
    batch.forEach((r, b) => {
      let s = 0;
      for (let t = r.from - 1; t + 1 < r.ids.length; t++) s += losses[b * T + t];
      logLik[start + b] = -s;
    });
    onProgress?.(Math.min(start + B, rows.length), rows.length);
  }
  return logLik;
}

/** Runs the probe: every item's candidate rows on `model` (see rowLogLiks), each fact known or not, tallied. */
export async function probeFacts(model: GPUModel, tok: Tokenizer, items: readonly ProbeItem[], onProgress?: (done: number, total: number) => void): Promise<ProbeResult> {
  const logLik = await rowLogLiks(model, tok.padId, items.flatMap((it) => probeRows(tok, it)), onProgress);
  const right: boolean[] = [];
  let k = 0;
  for (const it of items) {
    right.push(knowsFact(Array.from(logLik.subarray(k, k + it.candidates.length)), it.answer));
    k += it.candidates.length;
  }
  return summariseProbe(items, right);
}

/** Rows per forward pass of a probe model: 64 short rows cost about what one 8 x 128 training batch does. */
export const PROBE_BATCH = 64;

/**
 * A model shaped for the probe (PROBE_BATCH rows of the longest row's length) holding `params`
 * (a flat parameter array of a model with the same config, as GPUModel.read('params') gives).
 */
export async function probeModel(device: GPUDevice, cache: PipelineCache, config: GPTConfig, seqLen: number, params: Float32Array): Promise<GPUModel> {
  const m = await GPUModel.create(device, cache, config, { batchSize: PROBE_BATCH, seqLen });
  m.setParams(params);
  return m;
}
