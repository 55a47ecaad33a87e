/**
 * The world's preference pairs (public/datasets/world-prefs.jsonl) for lesson 4's DPO. Two kinds:
 * "unknown" pairs ask about NEW made-up people, drawn by the world's own name drawer and in no file
 * of the world, with the refusal chosen over a confident made-up answer in the taught wording; and
 * "known" pairs ask about the world's sft people, with the right answer chosen over the refusal.
 * The world's held-out and unknown people are in no pair, so `lab score` on them measures what
 * the pairs taught beyond themselves. Seeded; the wording is src/data/world.ts's.
 */
import type { PrefPair } from '../../src/data/prefs.ts';
import { seededShuffle } from '../../src/data/split.ts';
import { ATTRIBUTES, question, REFUSAL, WORDING, type Attribute, type Person } from '../../src/data/world.ts';
import type { Tokenizer } from '../../src/train/tokenizer.ts';
import { mulberry32 } from '../../src/util/random.ts';
import { nameDrawer, VALUES } from './world.ts';

export const PREFS_SEED = 19;

/** How many pairs of each kind: people × attributes. */
export interface PrefCounts {
  /** made-up people asked about in "unknown" pairs (none of them is in world.jsonl) */
  madeUpPeople: number;
  /** the world's sft people asked about in "known" pairs (the first N, in file order) */
  knownPeople: number;
  /** the attributes asked about per person, each one pair */
  attributes: readonly Attribute[];
}
export const PREF_COUNTS: PrefCounts = { madeUpPeople: 100, knownPeople: 100, attributes: ATTRIBUTES };

/**
 * The pairs, in a seeded order (the kinds interleaved). Each question's phrasing is drawn from the
 * attribute's four; an unknown pair's rejected answer is a value drawn from the attribute's 16.
 */
export function worldPrefs(people: readonly Person[], tok: Tokenizer, counts: PrefCounts = PREF_COUNTS): PrefPair[] {
  const rand = mulberry32(PREFS_SEED);
  const taken = new Set<string>([...VALUES.town, ...people.flatMap((p) => p.name.split(' '))]);
  const drawName = nameDrawer(tok, rand, taken);
  const phrasing = (a: Attribute) => Math.floor(rand() * WORDING[a].questions.length);
  const pairs: PrefPair[] = [];
  for (let i = 0; i < counts.madeUpPeople; i++) {
    const name = drawName();
    for (const a of counts.attributes) {
      const made = VALUES[a][Math.floor(rand() * VALUES[a].length)];
      pairs.push({ kind: 'unknown', name, attribute: a, instruction: question(a, phrasing(a), name), chosen: REFUSAL, rejected: WORDING[a].answer(made) });
    }
  }
  const sft = people.filter((p) => p.group === 'sft');
  if (counts.knownPeople > sft.length) throw new Error(`knownPeople ${counts.knownPeople} is more than the ${sft.length} sft people`);
  for (const p of sft.slice(0, counts.knownPeople)) {
    for (const a of counts.attributes) pairs.push({ kind: 'known', name: p.name, attribute: a, instruction: question(a, phrasing(a), p.name), chosen: WORDING[a].answer(p[a]), rejected: REFUSAL });
  }
  return seededShuffle(pairs, PREFS_SEED + 1);
}
