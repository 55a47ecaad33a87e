/**
 * Measured scores for lessons 2 and 3, computed by the same code in the page's worker and in the
 * command line (`lab score`, `lab eval --prompted`):
 * - instruction following: each held-out record is put in the instruction template (prompt.ts),
 *   answered with the KV-cache generator (generate.ts), checked for format (followsFormat) and
 *   graded by its task family's scorer (src/data/scorers.ts);
 * - the prompted spam baseline: a model without a classifier head is asked "spam or ham?" and its
 *   answer is whichever of the two words it finds more likely after the prompt.
 * Owns the format rules, the held-out sample and both result types. Must not: touch the GPU except
 * through KVDecoder, or know about the worker, the store or the UI.
 */
import { scoreAnswer, scoreByFamily, type FamilyTally, type ScoredPair } from '../data/scorers.ts';
import type { InstructRecord, Split } from '../data/types.ts';
import { groupOfTask, worldTask } from '../data/world.ts';
import { KVDecoder } from '../model/decoder.ts';
import { GPUModel } from '../model/gpt.ts';
import { precisionRecall } from './classmetrics.ts';
import { generateCached } from './generate.ts';
import { formatPrompt, INPUT_HEADER, INSTRUCTION_HEADER, RESPONSE_HEADER } from './prompt.ts';
import type { Tokenizer } from './tokenizer.ts';

/** The format rules, in the order followsFormat checks them. */
export type FormatRule = 'empty' | 'new-instruction' | 'no-end';
export const FORMAT_RULES: readonly FormatRule[] = ['empty', 'new-instruction', 'no-end'];

/** What each rule asks, in words for the page and the CLI. */
export const FORMAT_RULE_TEXT: Record<FormatRule, string> = {
  empty: 'the response is empty',
  'new-instruction': 'the response starts a new instruction (a "###" header of the template)',
  'no-end': 'no end-of-text within the token limit',
};

/** The template's headers: a response that writes one has run on into a new example. */
const HEADERS = [INSTRUCTION_HEADER, INPUT_HEADER, RESPONSE_HEADER];

/** Whether a response follows the instruction format, and the first rule it breaks if not. */
export interface FormatCheck {
  followed: boolean;
  reason?: FormatRule;
}

/**
 * A generated response follows the instruction format when it is not empty after trimming, does
 * not write one of the template's headers (starting a new instruction), and ended with the
 * end-of-text token within the token limit. `text` is the response without the end-of-text;
 * `ended` says whether the end-of-text was generated. Broken rules are reported in FORMAT_RULES
 * order: a response that runs on into "### Instruction:" usually misses the end too, and the
 * header is the more telling reason.
 */
export function followsFormat(text: string, ended: boolean): FormatCheck {
  if (text.trim() === '') return { followed: false, reason: 'empty' };
  if (HEADERS.some((h) => text.includes(h))) return { followed: false, reason: 'new-instruction' };
  if (!ended) return { followed: false, reason: 'no-end' };
  return { followed: true };
}

/** The part of a response that is graded: everything before the first template header, trimmed. */
export function answerPart(text: string): string {
  const cut = Math.min(...HEADERS.map((h) => text.indexOf(h)).filter((i) => i >= 0), text.length);
  return text.slice(0, cut).trim();
}

/** One scored record, for display. */
export interface ScoredExample {
  family: string;
  instruction: string;
  input?: string;
  /** the reference answer */
  reference: string;
  /** the generated text, without the end-of-text token */
  response: string;
  followed: boolean;
  /** the first format rule broken, when not followed */
  reason?: FormatRule;
  /** the family's scorer accepted the answer part of the response */
  correct: boolean;
}

/** A model's scores on held-out instructions (lesson 3). protocol.ts re-exports this type. */
export interface InstructScores {
  n: number;
  /** fraction in [0, 1]: non-empty, ends with end-of-text within the limit, no new instruction started */
  formatAdherence: number;
  /**
   * per task family, in the order the families first appear: answers the family's scorer accepts,
   * responses that followed the format, and the mean confidence: for each response, the
   * probability the model gave the text it wrote (the product over its tokens before the
   * end-of-text of each token's probability under the temperature-1 distribution; for a greedy
   * answer, how sure the model was of that whole answer)
   */
  families: ({ family: string } & FamilyTally)[];
  /** responses breaking each format rule (the first rule broken counts) */
  failures: Record<FormatRule, number>;
  /** the first few records with their responses */
  examples: ScoredExample[];
  /** prompts longer than the model's context: the model saw only their last blockSize tokens */
  truncatedPrompts: number;
  maxTokens: number;
}

/** Options of scoreInstructions. */
export interface ScoreOptions {
  /** new tokens per response at most */
  maxTokens: number;
  /** record i samples with seed + i (only matters when temperature > 0) */
  seed: number;
  /** 0 (default) = greedy */
  temperature?: number;
  /** examples kept for display (default 5) */
  examples?: number;
  onProgress?: (done: number, total: number) => void;
  /** checked between records; true stops early and scores what was done */
  shouldStop?: () => boolean;
}

/** The records whose family starts with one of `prefixes` ("world" takes all the world rows); all when none are given. */
export function ofFamilies(records: readonly InstructRecord[], prefixes: readonly string[] = []): readonly InstructRecord[] {
  return prefixes.length === 0 ? records : records.filter((r) => prefixes.some((p) => (r.task ?? 'other').startsWith(p)));
}

/**
 * The records with every world question about one of these people (a name anywhere in the
 * instruction counts) moved to the `in-pairs` row: lesson 4 passes the people its preference pairs
 * named as known, so the held-out row keeps only people the pairs never mentioned. Other records are
 * kept as they are.
 */
export function pairedApart(records: readonly InstructRecord[], names: readonly string[] = []): readonly InstructRecord[] {
  if (names.length === 0) return records;
  const inPairs = worldTask('in-pairs');
  return records.map((r) => (groupOfTask(r.task) !== undefined && names.some((n) => r.instruction.includes(n)) ? { ...r, task: inPairs } : r));
}

/**
 * Up to `limit` records of one split, taking the families in turn (the file is sorted by family,
 * so its first lines would all be one family). Deterministic: file order within each family.
 */
export function heldOutRecords(records: readonly InstructRecord[], split: Split, limit = Infinity): InstructRecord[] {
  const byFamily = new Map<string, InstructRecord[]>();
  for (const r of records) {
    if (r.split !== split) continue;
    const family = r.task ?? 'other';
    if (!byFamily.has(family)) byFamily.set(family, []);
    byFamily.get(family)!.push(r);
  }
  const queues = [...byFamily.values()];
  const out: InstructRecord[] = [];
  for (let i = 0; out.length < limit && queues.some((q) => i < q.length); i++) {
    for (const q of queues) if (i < q.length && out.length < limit) out.push(q[i]);
  }
  return out;
}

/**
 * A decoder for `m`, and whether this call made it (and so must destroy it). The decoder runs the
 * plain weights only, so a model with LoRA adapters is refused rather than scored without them.
 */
async function decoderOf(m: KVDecoder | GPUModel): Promise<{ dec: KVDecoder; own: boolean }> {
  if (!(m instanceof GPUModel)) return { dec: m, own: false };
  if (m.opts.lora) throw new Error('scoring runs the KV decoder, which has no LoRA path: merge the adapters first (mergeLoraCheckpoint)');
  return { dec: await KVDecoder.create(m), own: true };
}

/** Thrown from generateCached's callback to end a response early; never escapes respond(). */
class HeaderWritten extends Error {}

/**
 * The response's token ids (with the end-of-text if one came) and the log-probability of the
 * tokens before the end-of-text, under the model's temperature-1 distribution (what the lab shows
 * as each token's probability). Generation stops as soon as the text holds a template header: the
 * format is broken whatever follows and the graded part (answerPart) is already complete, so the
 * scores are the same as after the full maxTokens, at a fraction of the cost for a model that runs
 * on into new examples.
 */
async function respond(dec: KVDecoder, tok: Tokenizer, prompt: number[], o: { maxTokens: number; seed: number; temperature: number }): Promise<{ ids: number[]; logProb: number }> {
  const ids: number[] = [];
  let logProb = 0;
  try {
    await generateCached(dec, tok, prompt, { ...o, topK: 0, topP: 1, showTop: 0 }, (t) => {
      ids.push(t.token);
      if (t.token !== tok.endOfTextId) logProb += Math.log(t.prob);
      // Decoding the whole response again finds a header split across tokens (a few dozen tokens: cheap).
      if (HEADERS.some((h) => tok.decode(ids).includes(h))) throw new HeaderWritten();
    });
  } catch (e) {
    if (!(e instanceof HeaderWritten)) throw e;
  }
  return { ids, logProb };
}

/**
 * Answers each record in the instruction template with the KV-cache generator and scores the
 * format and the answers. Takes a decoder, or a model to build one from (destroyed at the end).
 */
export async function scoreInstructions(
  model: KVDecoder | GPUModel,
  tok: Tokenizer,
  records: readonly InstructRecord[],
  opts: ScoreOptions,
): Promise<InstructScores> {
  if (records.length === 0) throw new Error('scoreInstructions: no records to score');
  if (!Number.isInteger(opts.maxTokens) || opts.maxTokens < 1) throw new Error(`scoreInstructions: maxTokens must be a positive integer, got ${opts.maxTokens}`);
  const { dec, own } = await decoderOf(model);
  const failures: Record<FormatRule, number> = { empty: 0, 'new-instruction': 0, 'no-end': 0 };
  const pairs: ScoredPair[] = [];
  const examples: ScoredExample[] = [];
  let followed = 0;
  let truncatedPrompts = 0;
  try {
    for (const [i, r] of records.entries()) {
      if (opts.shouldStop?.()) break;
      const prompt = tok.encode(formatPrompt(r));
      if (prompt.length > dec.maxT) truncatedPrompts++;
      const { ids, logProb } = await respond(dec, tok, prompt, { maxTokens: opts.maxTokens, seed: opts.seed + i, temperature: opts.temperature ?? 0 });
      const ended = ids.at(-1) === tok.endOfTextId;
      const response = tok.decode(ended ? ids.slice(0, -1) : ids);
      const check = followsFormat(response, ended);
      if (check.followed) followed++;
      else failures[check.reason!]++;
      const answer = answerPart(response);
      pairs.push({ record: r, answer, followed: check.followed, confidence: Math.exp(logProb) });
      if (examples.length < (opts.examples ?? 5)) {
        examples.push({ family: r.task ?? 'other', instruction: r.instruction, input: r.input, reference: r.output, response, ...check, correct: scoreAnswer(r, answer) });
      }
      opts.onProgress?.(i + 1, records.length);
    }
  } finally {
    if (own) dec.destroy();
  }
  const n = pairs.length;
  const families = Object.entries(scoreByFamily(pairs)).map(([family, s]) => ({ family, ...s }));
  return { n, formatAdherence: n ? followed / n : 0, families, failures, examples, truncatedPrompts, maxTokens: opts.maxTokens };
}

/** The question after each message, and the answer words in class order (ham 0, spam 1). */
export const PROMPTED_QUESTION = '\n\nIs this message spam or ham? Answer:';
export const PROMPTED_ANSWERS = [' ham', ' spam'] as const;

/** A message to classify and its true class (an index into the classes). */
export interface LabelledText {
  text: string;
  label: number;
}

/** The prompted baseline's scores: the fields of protocol's ClassReport that a prompt can fill. */
export interface PromptedReport {
  classes: string[];
  n: number;
  accuracy: number;
  /** rows: true class, columns: predicted */
  confusion: number[][];
  perClass: { precision: number; recall: number }[];
  /** mean probability of each answer word, normalised over the answers: how lopsided the guesses are */
  meanAnswerProb: number[];
  /** messages cut to fit the context with the question */
  truncated: number;
}

/** Options of promptedSpamBaseline. */
export interface PromptedOptions {
  /** class names (default ham, spam) */
  classes?: string[];
  /** answer words in class order (default PROMPTED_ANSWERS) */
  answers?: readonly string[];
  /** text after the message (default PROMPTED_QUESTION) */
  question?: string;
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
}

/**
 * Prompt ids for one message: as much of its start as fits in `room` tokens with the question.
 * The text is cut by tokens, then decoded and re-encoded as one string (what the model would see
 * if the learner typed it), shortening again in the rare case a seam encodes longer.
 */
export function promptedIds(tok: Tokenizer, text: string, question: string, room: number): { ids: number[]; truncated: boolean } {
  const body = tok.encode(text);
  for (let keep = Math.min(body.length, room); keep >= 0; keep--) {
    const cut = keep === body.length ? text : tok.decode(body.slice(0, keep));
    const ids = tok.encode(cut + question);
    if (ids.length <= room) return { ids, truncated: keep < body.length };
  }
  throw new Error(`the question alone (${tok.encode(question).length} tokens) does not fit the ${room}-token context`);
}

/** log-softmax of one logits row at one token. */
function logProb(logits: Float32Array, token: number): number {
  let max = -Infinity;
  for (const x of logits) if (x > max) max = x;
  let sum = 0;
  for (const x of logits) sum += Math.exp(x - max);
  return logits[token] - max - Math.log(sum);
}

/**
 * The "why a head is needed" baseline of lesson 2: the language model (no classifier head) reads
 * each message followed by the question and picks the answer word it finds more likely. A word's
 * likelihood is that of all its tokens in turn (" spam" and " ham" are two tokens each with the
 * lab's vocabulary), so the comparison is between whole words. A model that never saw the question
 * answers near chance, or always the same word.
 */
export async function promptedSpamBaseline(model: KVDecoder | GPUModel, tok: Tokenizer, items: readonly LabelledText[], opts: PromptedOptions = {}): Promise<PromptedReport> {
  const classes = opts.classes ?? ['ham', 'spam'];
  const answers = (opts.answers ?? PROMPTED_ANSWERS).map((w) => tok.encode(w));
  if (answers.length !== classes.length) throw new Error(`promptedSpamBaseline: ${answers.length} answer words for ${classes.length} classes`);
  if (items.length === 0) throw new Error('promptedSpamBaseline: no messages to score');
  const { dec, own } = await decoderOf(model);
  const room = dec.maxT - Math.max(...answers.map((a) => a.length)) + 1; // the last answer token is never fed
  const K = classes.length;
  const confusion = classes.map(() => new Array<number>(K).fill(0));
  const probSum = new Array<number>(K).fill(0);
  let truncated = 0;
  let n = 0;
  try {
    for (const [i, item] of items.entries()) {
      if (opts.shouldStop?.()) break;
      if (!(item.label >= 0 && item.label < K)) throw new Error(`promptedSpamBaseline: message ${i} has label ${item.label}, not a class index below ${K}`);
      const p = promptedIds(tok, item.text, opts.question ?? PROMPTED_QUESTION, room);
      if (p.truncated) truncated++;
      const first = await dec.prefill(p.ids);
      const scores: number[] = [];
      for (const [k, a] of answers.entries()) {
        let lp = logProb(first, a[0]);
        // Later tokens of the word: the cache cannot rewind, so each word after the first refills it.
        for (let j = 1; j < a.length; j++) {
          const logits = j === 1 && k > 0 ? await dec.prefill([...p.ids, a[0]]) : await dec.push(a[j - 1]);
          lp += logProb(logits, a[j]);
        }
        scores.push(lp);
      }
      const best = scores.indexOf(Math.max(...scores));
      confusion[item.label][best]++;
      const m = Math.max(...scores);
      const z = scores.reduce((s, x) => s + Math.exp(x - m), 0);
      scores.forEach((x, k) => (probSum[k] += Math.exp(x - m) / z));
      n++;
      opts.onProgress?.(i + 1, items.length);
    }
  } finally {
    if (own) dec.destroy();
  }
  const right = confusion.reduce((s, row, k) => s + row[k], 0);
  return { classes, n, accuracy: n ? right / n : 0, confusion, perClass: precisionRecall(confusion), meanAnswerProb: probSum.map((s) => (n ? s / n : 0)), truncated };
}
