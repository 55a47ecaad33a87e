/**
 * Graders for the instruction families: each takes a record and a model's answer and says
 * whether the answer is right, by exact match or by the stated rule below. Also the word helpers
 * the builder uses to make the answers, so both sides count words the same way.
 *
 * Rules (normalise = lower-case, trim, drop surrounding quotes and final . ! ?, collapse spaces):
 *   uppercase         exact match after trimming spaces (case matters: that is the task)
 *   word_count        the answer is the number, in digits
 *   first_word, last_word, spam, define   normalised answer equals normalised output
 *   synonym, antonym, hypernym            normalised answer is the output or one in `accept`
 *   use_in_sentence   the answer uses the quoted word (or the word + s/es/ed/d/ing) and has 3-30 words
 *   world-sft, world-held-out, world-unknown   normalised answer equals the taught answer ("Born in Marden.")
 */
import type { InstructRecord } from './types.ts';
import { groupOfTask, REFUSAL, ROW_TEXT, SCORE_ROWS, worldTask, type ScoreRow } from './world.ts';

/** A word is a whitespace-separated token holding a letter or digit ("--" and "," alone are not). */
export function words(s: string): string[] {
  return s.split(/\s+/).filter((t) => /[A-Za-z0-9]/.test(t));
}

export const countWords = (s: string): number => words(s).length;

/** Strip leading and trailing punctuation from a token, keeping inner apostrophes and hyphens. */
const bare = (t: string) => t.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');

/** First word of a sentence without punctuation. */
export const firstWord = (s: string): string => bare(words(s)[0] ?? '');
/** Last word of a sentence without punctuation. */
export const lastWord = (s: string): string => bare(words(s).at(-1) ?? '');

/** Lower-case, trim, drop surrounding quotes and a final . ! or ?, collapse spaces. */
export function normalise(s: string): string {
  return s
    .trim()
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The quoted word of an instruction ("Use the word "bank" in a sentence." -> bank). */
export function quotedWord(instruction: string): string | undefined {
  return /"([^"]+)"/.exec(instruction)?.[1];
}

type Scorer = (r: InstructRecord, answer: string) => boolean;

const exactNormalised: Scorer = (r, a) => normalise(a) === normalise(r.output);
const oneOf: Scorer = (r, a) => [r.output, ...(r.accept ?? [])].map(normalise).includes(normalise(a));

/** The scorer of each family, with the rule in words for the page and the README. */
export const SCORERS: Record<string, { rule: string; score: Scorer }> = {
  define: { rule: 'exact match after normalising case, spaces and final punctuation', score: exactNormalised },
  synonym: { rule: 'any WordNet synonym of the word (same part of speech)', score: oneOf },
  antonym: { rule: 'any WordNet antonym of the word', score: oneOf },
  hypernym: { rule: 'any word of a WordNet hypernym of the first sense', score: oneOf },
  use_in_sentence: {
    rule: 'uses the word (or word + s/es/ed/d/ing) and has 3 to 30 words',
    score: (r, a) => {
      const w = quotedWord(r.instruction);
      if (!w) return false;
      const n = countWords(a);
      return n >= 3 && n <= 30 && new RegExp(`\\b${w.replace(/[^a-z0-9-]/gi, '')}(s|es|ed|d|ing)?\\b`, 'i').test(a);
    },
  },
  spam: { rule: 'exact match: spam or ham', score: exactNormalised },
  uppercase: { rule: 'exact match, case-sensitive', score: (r, a) => a.trim() === r.output.trim() },
  word_count: { rule: 'the number, in digits', score: (r, a) => /^\d+$/.test(a.trim().replace(/\.$/, '')) && Number(a.trim().replace(/\.$/, '')) === Number(r.output) },
  first_word: { rule: 'exact match after normalising case and punctuation', score: exactNormalised },
  last_word: { rule: 'exact match after normalising case and punctuation', score: exactNormalised },
  ...Object.fromEntries(SCORE_ROWS.map((g) => [worldTask(g), { rule: 'the taught answer ("Born in Marden."), exact after normalising case and final punctuation', score: exactNormalised }])),
};

/** Grade one answer; records of an unknown family are graded by normalised exact match. */
export function scoreAnswer(r: InstructRecord, answer: string): boolean {
  return (SCORERS[r.task ?? '']?.score ?? exactNormalised)(r, answer);
}

/** One family's tally: answers accepted, answers, and when the scorer was told them, format and confidence. */
export interface FamilyTally {
  correct: number;
  total: number;
  /** responses that followed the instruction format (when the pairs say) */
  followed?: number;
  /** mean over the family's responses of the probability the model gave its answer (when the pairs say) */
  confidence?: number;
  /** world families: answers that are the refusal ("I don't know."), after normalising (when the pairs give format) */
  refused?: number;
  /** world families: wrong answers other than the refusal given with probability >= CONFIDENT (when the pairs give confidence) */
  confidentlyWrong?: number;
}

/** The probability from which a wrong answer counts as confidently wrong (issue 18's bar for a sure answer). */
export const CONFIDENT = 0.5;

/** True when the answer is the refusal the preference data teaches, after normalising case and final punctuation. */
export const isRefusal = (answer: string): boolean => normalise(answer) === normalise(REFUSAL);

/** A graded pair: the record, the model's answer, and optionally whether the format held and the answer's probability. */
export interface ScoredPair {
  record: InstructRecord;
  answer: string;
  followed?: boolean;
  /** the probability the model gave the answer it wrote, in [0, 1] (score.ts defines it) */
  confidence?: number;
}

/** Accuracy per family over (record, answer) pairs: { define: { correct, total }, ... }, with format and mean confidence when given. */
export function scoreByFamily(pairs: ScoredPair[]): Record<string, FamilyTally> {
  const out: Record<string, FamilyTally & { confSum?: number; confN?: number }> = {};
  for (const { record, answer, followed, confidence } of pairs) {
    const k = record.task ?? 'other';
    const e = (out[k] ??= { correct: 0, total: 0 });
    e.total++;
    const right = scoreAnswer(record, answer);
    const refused = isRefusal(answer);
    if (right) e.correct++;
    // The refusal and confident mistakes are counted for the world's families: one fact per question.
    const world = groupOfTask(k) !== undefined;
    if (followed !== undefined) e.followed = (e.followed ?? 0) + (followed ? 1 : 0);
    if (followed !== undefined && world) e.refused = (e.refused ?? 0) + (refused ? 1 : 0);
    if (confidence !== undefined) {
      e.confSum = (e.confSum ?? 0) + confidence;
      e.confN = (e.confN ?? 0) + 1;
      if (world) e.confidentlyWrong = (e.confidentlyWrong ?? 0) + (!right && !refused && confidence >= CONFIDENT ? 1 : 0);
    }
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, { confSum, confN, ...t }]) => [k, confN ? { ...t, confidence: confSum! / confN } : t]),
  );
}

/** One of the world's score rows (lessons 3 and 4, `lab score`). */
export interface WorldRow {
  group: ScoreRow;
  /** who the row asks about, in words */
  text: string;
  n: number;
  /** fractions in [0, 1]; NaN when the row's responses did not report format or confidence */
  format: number;
  exact: number;
  confidence: number;
  /** answered the refusal ("I don't know.") */
  refused: number;
  /** wrong, not the refusal, and given with probability >= CONFIDENT; NaN without confidence */
  confidentlyWrong: number;
  /** the exact-match rate of guessing one of the attribute's values at random */
  chance: number;
}

/**
 * The world families of a score, as rows in SCORE_ROWS's order (sft, in-pairs, held-out, unknown); rows
 * with no records are left out. `values` is the number of candidate values per attribute (chance = 1 / values).
 */
export function worldRows(families: readonly ({ family: string } & FamilyTally)[], values = 16): WorldRow[] {
  const rows: WorldRow[] = [];
  for (const g of SCORE_ROWS) {
    const f = families.find((x) => x.family === worldTask(g));
    if (!f || f.total === 0) continue;
    rows.push({
      group: g, text: ROW_TEXT[g], n: f.total, exact: f.correct / f.total,
      format: f.followed === undefined ? NaN : f.followed / f.total, confidence: f.confidence ?? NaN, chance: 1 / values,
      refused: (f.refused ?? 0) / f.total, confidentlyWrong: f.confidentlyWrong === undefined ? NaN : f.confidentlyWrong / f.total,
    });
  }
  return rows;
}
