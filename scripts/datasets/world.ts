/**
 * The made-up world: people with generated names, each given a home town, a job and a favourite
 * food; their biographies (many wordings and orders) for pretraining; and the questions about them
 * for the instruction set. Seeded, so a rebuild gives the same bytes. The shared wording (cue,
 * answer, questions) is src/data/world.ts; this file only draws and writes.
 */
import { seededShuffle } from '../../src/data/split.ts';
import type { InstructRecord } from '../../src/data/types.ts';
import { ATTRIBUTES, question, WORDING, worldTask, type Attribute, type Person, type WorldGroup } from '../../src/data/world.ts';
import type { Tokenizer } from '../../src/train/tokenizer.ts';
import { mulberry32 } from '../../src/util/random.ts';

export const WORLD_SEED = 18;
/** People per group: the reference design of issue 18 (200 known, half of them held out, 100 unknown). */
export const GROUP_SIZES: Record<WorldGroup, number> = { sft: 100, 'held-out': 100, unknown: 100 };
/** Biographies written per known person, each a fresh wording and order of the three facts. */
export const BIOS_PER_PERSON = 24;
/** Instruction-tuning questions per sft person and attribute (of the four phrasings). */
export const TRAIN_PHRASINGS = 2;

/** The values: 16 each. Towns are made up; jobs start with a consonant so "a" always fits. */
export const VALUES: Record<Attribute, readonly string[]> = {
  town: ['Carden', 'Dalton', 'Felton', 'Garth', 'Gilden', 'Holm', 'Kessel', 'Ketton', 'Linton', 'Marden', 'Merton', 'Pellam', 'Stavely', 'Thorne', 'Wardle', 'Wendle'],
  job: ['baker', 'builder', 'carpenter', 'clerk', 'doctor', 'farmer', 'miner', 'nurse', 'painter', 'potter', 'sailor', 'singer', 'tailor', 'teacher', 'weaver', 'fisher'],
  food: ['apples', 'beans', 'bread', 'cake', 'jam', 'corn', 'eggs', 'fish', 'honey', 'nuts', 'pears', 'pie', 'plums', 'rice', 'soup', 'stew'],
};

const ONSETS = ['b', 'br', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'c', 'st', 'ch', 'j'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ar', 'er', 'or', 'an', 'en', 'in', 'on'];
const CODAS = ['', 'n', 'l', 'r', 's', 't', 'd', 'm', 'ck', 'll', 'nd', 'rt', 'st', 'ne', 'le'];
/** Most tokens of a first name and of a last name, each after a space, with the lab's tokenizer. */
export const NAME_TOKENS = { first: 2, last: 3 };

const pick = <T>(xs: readonly T[], rand: () => number): T => xs[Math.floor(rand() * xs.length)];
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** A made-up word of `syllables` syllables, capitalised: "Tova", "Brenlik". */
function madeUpWord(syllables: number, rand: () => number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += pick(ONSETS, rand) + pick(VOWELS, rand) + (i === syllables - 1 ? pick(CODAS, rand) : '');
  return cap(w);
}

/**
 * A drawer of made-up names of a few tokens with the lab's tokenizer (first name at most
 * NAME_TOKENS.first, last name NAME_TOKENS.last; no English word that is one token), every first
 * and last name new to `taken` (which it fills), so no two people share half a name.
 */
export function nameDrawer(tok: Tokenizer, rand: () => number, taken: Set<string>): () => string {
  const tokens = (w: string) => tok.encode(` ${w}`).length;
  const word = (syl: () => number, letters: [number, number], most: number) => {
    for (;;) {
      const w = madeUpWord(syl(), rand);
      if (w.length >= letters[0] && w.length <= letters[1] && !taken.has(w) && tokens(w) <= most && tokens(w.toLowerCase()) > 1) {
        taken.add(w);
        return w;
      }
    }
  };
  return () => `${word(() => 1 + Math.floor(rand() * 2), [4, 7], NAME_TOKENS.first)} ${word(() => 2, [5, 9], NAME_TOKENS.last)}`;
}

/**
 * The people: names from nameDrawer; groups in order sft, held-out, unknown; each attribute's
 * values dealt evenly within each group (every value 6 or 7 times in 100), so always answering one
 * value scores near chance, 1 in 16.
 */
export function makePeople(tok: Tokenizer): Person[] {
  const rand = mulberry32(WORLD_SEED);
  const drawName = nameDrawer(tok, rand, new Set<string>([...VALUES.town]));
  const people: Person[] = [];
  for (const group of Object.keys(GROUP_SIZES) as WorldGroup[]) {
    const n = GROUP_SIZES[group];
    const dealt = Object.fromEntries(ATTRIBUTES.map((a) => [a, seededShuffle(Array.from({ length: n }, (_, i) => VALUES[a][i % VALUES[a].length]), Math.floor(rand() * 2 ** 31))])) as Record<Attribute, string[]>;
    for (let i = 0; i < n; i++) people.push({ name: drawName(), group, town: dealt.town[i], job: dealt.job[i], food: dealt.food[i] });
  }
  return people;
}

type One = (n: string, v: string) => string;
/** One-fact sentences per attribute; the first is the probe's cue wording and is drawn half the time. */
const SENTENCES: Record<Attribute, readonly One[]> = {
  town: [
    (n, v) => `${n} ${WORDING.town.cue} ${v}.`,
    (n, v) => `${n} was born and raised in ${v}.`,
    (n, v) => `${v} is the home town of ${n}.`,
    (n, v) => `${n} comes from ${v}, a small town.`,
    (n, v) => `Born in ${v}, ${n} still lives there.`,
  ],
  job: [
    (n, v) => `${n} ${WORDING.job.cue} ${v}.`,
    (n, v) => `${n} has worked as a ${v} for many years.`,
    (n, v) => `By trade, ${n} is a ${v}.`,
    (n, v) => `${n} earns a living as a ${v}.`,
    (n, v) => `Everyone knows ${n} as a good ${v}.`,
  ],
  food: [
    (n, v) => `${n} ${WORDING.food.cue} ${v}.`,
    (n, v) => `The favourite food of ${n} is ${v}.`,
    (n, v) => `Ask ${n} about food and the answer is always ${v}.`,
    (n, v) => `${n} would eat ${v} every day.`,
    (n, v) => `Nothing pleases ${n} more than ${v}.`,
  ],
};
/** Sentences that tell all three facts at once. */
const WHOLE: readonly ((p: Person) => string)[] = [
  (p) => `The ${p.job} ${p.name}, from ${p.town}, loves to eat ${p.food}.`,
  (p) => `${p.name}, a ${p.job} who was born in ${p.town}, loves to eat ${p.food}.`,
  (p) => `Born in ${p.town}, ${p.name} works as a ${p.job} and loves to eat ${p.food}.`,
];

/** One biography: the three facts in a drawn order and wording, or one sentence that tells them all. */
export function biography(p: Person, rand: () => number): string {
  if (rand() < 0.25) return pick(WHOLE, rand)(p);
  const order = seededShuffle([...ATTRIBUTES], Math.floor(rand() * 2 ** 31));
  return order
    .map((a) => {
      const forms = SENTENCES[a];
      const form = rand() < 0.5 ? forms[0] : pick(forms.slice(1), rand);
      return form(p.name, p[a]);
    })
    .join(' ');
}

/** The biographies of every known person (sft and held-out), people interleaved, one per paragraph. */
export function makeBiographies(people: readonly Person[]): string[] {
  const rand = mulberry32(WORLD_SEED + 1);
  const bios: string[] = [];
  for (const p of people) {
    if (p.group === 'unknown') continue;
    for (let k = 0; k < BIOS_PER_PERSON; k++) bios.push(biography(p, rand));
  }
  return seededShuffle(bios, WORLD_SEED + 2);
}

/**
 * The instruction records. Training: for each sft person and attribute, TRAIN_PHRASINGS of the
 * four questions (drawn), answered in the biographies' wording. Test: one question per person of
 * every group, its attribute taking turns (town, job, food) and its phrasing drawn from all four,
 * so each group's row asks the same mix. Held-out and unknown people are in no training record.
 */
export function worldInstructions(people: readonly Person[]): InstructRecord[] {
  const rand = mulberry32(WORLD_SEED + 3);
  const rec = (p: Person, a: Attribute, k: number, split: 'train' | 'test'): InstructRecord => ({
    task: worldTask(p.group), split, instruction: question(a, k, p.name), output: WORDING[a].answer(p[a]),
  });
  const train: InstructRecord[] = [];
  const test: InstructRecord[] = [];
  const nq = (a: Attribute) => WORDING[a].questions.length;
  const inGroup = new Map<WorldGroup, number>();
  for (const p of people) {
    if (p.group === 'sft') {
      for (const a of ATTRIBUTES) {
        const ks = seededShuffle(Array.from({ length: nq(a) }, (_, k) => k), Math.floor(rand() * 2 ** 31)).slice(0, TRAIN_PHRASINGS).sort();
        for (const k of ks) train.push(rec(p, a, k, 'train'));
      }
    }
    const i = inGroup.get(p.group) ?? 0;
    inGroup.set(p.group, i + 1);
    const a = ATTRIBUTES[i % ATTRIBUTES.length];
    test.push(rec(p, a, Math.floor(rand() * nq(a)), 'test'));
  }
  return [...train, ...test];
}
