/**
 * The world's preference pairs (public/datasets/world-prefs.jsonl) for lesson 4's DPO. Two kinds:
 * "unknown" pairs ask about NEW made-up people, drawn by the world's own name drawer and in no file
 * of the world, with the refusal chosen over a confident made-up answer in the taught wording; and
 * "known" pairs ask about people of the world, with the right answer chosen over the refusal, in
 * each of the four phrasings: the sft people, and the first `lentPeople` held-out people ("lent":
 * known from pretraining only, in no SFT record). Without lent people the pairs show only people
 * met in tuning as ones to answer about, and the model learned "answer whoever was asked about in
 * tuning, refuse the rest" (the PyTorch search, scripts/proto/RESULTS-world-dpo.md). The other
 * held-out people and the unknown ones are in no pair, so `lab score` on them measures what the
 * pairs taught beyond themselves. Seeded; the wording is src/data/world.ts's.
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
  /** held-out people lent to the "known" pairs (the first N of the group, in file order) */
  lentPeople: number;
  /** the attributes asked about per person, each one pair */
  attributes: readonly Attribute[];
}
export const PREF_COUNTS: PrefCounts = { madeUpPeople: 100, knownPeople: 100, lentPeople: 60, attributes: ATTRIBUTES };

/**
 * The pairs, in a seeded order (the kinds interleaved). An unknown pair's phrasing is drawn from the
 * attribute's four and its rejected answer from the attribute's 16 values; a known person is asked
 * in all four phrasings.
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
  for (const p of knownInPairs(people, counts)) {
    for (const a of counts.attributes) {
      for (let k = 0; k < WORDING[a].questions.length; k++) pairs.push({ kind: 'known', name: p.name, attribute: a, instruction: question(a, k, p.name), chosen: WORDING[a].answer(p[a]), rejected: REFUSAL });
    }
  }
  return seededShuffle(pairs, PREFS_SEED + 1);
}

/** The world's people the "known" pairs ask about: the first knownPeople sft people, then the first lentPeople held-out ones. */
export function knownInPairs(people: readonly Person[], counts: PrefCounts = PREF_COUNTS): Person[] {
  const take = (group: Person['group'], n: number, what: string) => {
    const all = people.filter((p) => p.group === group);
    if (n > all.length) throw new Error(`${what} ${n} is more than the ${all.length} ${group} people`);
    return all.slice(0, n);
  };
  return [...take('sft', counts.knownPeople, 'knownPeople'), ...take('held-out', counts.lentPeople, 'lentPeople')];
}
