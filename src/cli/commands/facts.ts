/**
 * `lab eval --facts`: the "facts the model knows" probe (src/train/probe.ts) on a language-model
 * checkpoint: for known and unknown people of the made-up world, is the true value the likeliest of
 * the candidates after the cue ("X was born in")? Owns the option checks and the printed table.
 */
import { formatDataError } from '../../data/errors.ts';
import { ATTRIBUTES, attributeValues, parseWorld, WORDING, type Attribute } from '../../data/world.ts';
import { modelFromCheckpoint } from '../../train/model-io.ts';
import { PROBE_BATCH, probeFacts, probeItems, probeLength, type ProbeResult } from '../../train/probe.ts';
import { CliError, formatDuration, openEngine, readText } from '../io.ts';
import { languageModel, progressReporter } from './score.ts';

export const WORLD_DATA = 'public/datasets/world.jsonl';

const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : 'n/a');

/** The probe's result as printable lines: each side, then each attribute and side. */
export function factsText(r: ProbeResult): string {
  const lines = [
    `known people   ${pct(r.known.known, r.known.total).padStart(6)} (${r.known.known} of ${r.known.total} facts)`,
    `unknown people ${pct(r.unknown.known, r.unknown.total).padStart(6)} (${r.unknown.known} of ${r.unknown.total} facts)`,
    `chance         ${pct(r.chance, 1).padStart(6)} (one of ${Math.round(1 / r.chance)} values)`,
  ];
  if (new Set(r.byAttribute.map((b) => b.attribute)).size > 1) {
    for (const b of r.byAttribute) lines.push(`  ${`${b.attribute} (cue "X ${WORDING[b.attribute].cue}"), ${b.side}`.padEnd(40)} ${pct(b.known, b.total).padStart(6)} (${b.known} of ${b.total})`);
  }
  return lines.join('\n');
}

/** The attribute list of --facts-attributes, or a CliError naming the bad one. */
export function parseAttributes(s: string): Attribute[] {
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  for (const a of list) if (!ATTRIBUTES.includes(a as Attribute)) throw new CliError(`eval: --facts-attributes: unknown attribute "${a}" (choose from ${ATTRIBUTES.join(', ')})`);
  if (list.length === 0) throw new CliError('eval: --facts-attributes needs at least one attribute');
  return list as Attribute[];
}

/** `lab eval --facts`: run the probe on `path` and print it. `perSide` 0 = every person. */
export async function runFacts(path: string, worldPath: string, perSide: number, attributes: string): Promise<void> {
  if (perSide < 0) throw new CliError('eval: --facts-people must be 0 (all) or more');
  const attrs = parseAttributes(attributes);
  const ck = languageModel('eval --facts', path);
  const world = parseWorld(worldPath, readText(worldPath, 'world'));
  if (!world.ok) throw new CliError(`bad world file:\n${world.errors.map(formatDataError).join('\n')}`);
  const items = probeItems(world.value, attributeValues(world.value), perSide > 0 ? perSide : world.value.length, attrs);
  const tok = ck.tokenizer;
  const len = probeLength(tok, items);
  if (len > ck.config.blockSize) throw new CliError(`${path}: the probe's rows are ${len} tokens, longer than the model's ${ck.config.blockSize}-token context`);
  const { device, cache } = await openEngine();
  const model = await modelFromCheckpoint(device, cache, ck, { batchSize: PROBE_BATCH, seqLen: len });
  const t0 = performance.now();
  console.error(`probing ${items.length} facts (${items.length * items[0].candidates.length} rows of up to ${len} tokens): ${attrs.map((a) => `"X ${WORDING[a].cue} ..."`).join(', ')}`);
  const r = await probeFacts(model, tok, items, progressReporter('rows'));
  model.destroy();
  console.log(`${path}: facts the model knows (the true value the likeliest of the candidates after the cue), ${formatDuration((performance.now() - t0) / 1000)}:`);
  console.log(factsText(r));
}
