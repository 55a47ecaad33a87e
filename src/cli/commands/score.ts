/**
 * `lab score`: format adherence and per-family scores of a language-model checkpoint on held-out
 * instructions (lesson 3), and `lab eval --prompted`'s spam baseline (lesson 2): the same
 * src/train/score.ts the page's worker runs. Owns the option checks, the progress line and the
 * printed tables; the scoring itself is in train/score.ts.
 */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { parseBuiltinInstruct } from '../../data/builtin.ts';
import { formatDataError } from '../../data/errors.ts';
import { CONFIDENT, SCORERS, worldRows } from '../../data/scorers.ts';
import { REFUSAL, worldTask } from '../../data/world.ts';
import { seededShuffle } from '../../data/split.ts';
import { LABELS, type Split } from '../../data/types.ts';
import type { Checkpoint } from '../../train/checkpoint.ts';
import { mergeLoraCheckpoint, modelFromCheckpoint } from '../../train/model-io.ts';
import { FORMAT_RULES, FORMAT_RULE_TEXT, heldOutRecords, ofFamilies, PROMPTED_ANSWERS, PROMPTED_QUESTION, pairedApart, promptedSpamBaseline, scoreInstructions, type InstructScores, type PromptedReport } from '../../train/score.ts';
import { parsePrefsJsonl } from '../../data/prefs.ts';
import { CliError, formatDuration, openEngine, readCheckpoint, readText, withInterrupt } from '../io.ts';
import { loadSpam } from './finetune-classify.ts';

export const INSTRUCT_DATA = 'public/datasets/instruct.jsonl';

export const spec: CommandSpec = {
  name: 'score',
  summary: 'format adherence and per-family scores of a checkpoint on held-out instructions (greedy, seeded)',
  options: {
    checkpoint: { type: 'string', meta: 'FILE', help: 'language-model checkpoint (base or instruction-tuned)', required: true },
    data: { type: 'string', meta: 'FILE', help: 'instruction JSONL (instruction, input, output, task, split)', default: INSTRUCT_DATA },
    split: { type: 'string', help: 'records to score: train, val or test', default: 'test' },
    limit: { type: 'int', help: 'at most this many records, the families taken in turn (0 = all)', default: 0 },
    families: { type: 'string', help: 'only families whose name starts with one of these, comma-separated (e.g. world for the world rows)' },
    pairs: { type: 'string', meta: 'FILE', help: 'score questions about the people FILE\'s "known" preference pairs name in a row of their own (world-in-pairs), apart from their group\'s row' },
    'max-tokens': { type: 'int', help: 'new tokens per response; a response without end-of-text by then breaks the format', default: 72 },
    temperature: { type: 'float', help: 'sampling temperature (0 = greedy)', default: 0 },
    seed: { type: 'int', help: 'record i samples with seed + i (temperature > 0 only)', default: 1 },
    examples: { type: 'int', help: 'responses to print', default: 3 },
  },
  examples: [
    'npm run lab -- score --checkpoint public/models/instruct-small.safetensors --limit 100',
    'npm run lab -- score --checkpoint runs/instruct.safetensors --split val --max-tokens 32',
    'npm run lab -- score --checkpoint runs/instruct.safetensors --families world --limit 90',
    'npm run lab -- score --checkpoint runs/dpo.safetensors --families world --pairs public/datasets/world-prefs.jsonl',
  ],
};

/** The split name, or a CliError naming the option. */
export function parseSplit(cmd: string, s: unknown): Split {
  if (s !== 'train' && s !== 'val' && s !== 'test') throw new CliError(`${cmd}: --split must be train, val or test, got "${s}"`);
  return s;
}

/** A language-model checkpoint with any LoRA merged in (the KV decoder runs plain weights). */
export function languageModel(cmd: string, path: string): Checkpoint {
  const ck = readCheckpoint(path);
  if (ck.weights.has('cls.weight')) throw new CliError(`${path} is a classifier (it has a cls.* head); ${cmd} needs a language model (a base or instruction-tuned checkpoint)`);
  try {
    return mergeLoraCheckpoint(ck);
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`);
  }
}

/** "12/50 | 1.9 s each | ETA 1m 16s", for stderr. */
export function progressLine(done: number, total: number, elapsedS: number): string {
  const each = elapsedS / done;
  return `${done}/${total} | ${each.toFixed(1)} s each | ETA ${formatDuration((total - done) * each)}`;
}

/**
 * An onProgress callback that prints "<verb> 12/50 | ..." to stderr every 5 s at most (and at the
 * end), so a long run shows it is alive without flooding; the clock starts when it is made.
 */
export function progressReporter(verb: string): (done: number, total: number) => void {
  const t0 = performance.now();
  let shown = 0;
  return (done, total) => {
    const secs = (performance.now() - t0) / 1000;
    if (done === total || secs - shown >= 5) {
      shown = secs;
      console.error(`${verb} ${progressLine(done, total, secs)}`);
    }
  };
}

/** The people a preference-pairs file asks about as known (the sft and lent people of the world's file). */
function pairedPeople(file: string): string[] {
  const r = parsePrefsJsonl(file, readText(file, 'preference pairs'));
  if (!r.ok) throw new CliError(`bad preference pairs:\n${r.errors.map(formatDataError).join('\n')}`);
  return [...new Set(r.value.filter((p) => p.kind === 'known' && p.name).map((p) => p.name!))];
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');

/** Format adherence, its failures by rule, and one row per family, as printable lines. */
export function scoresTable(s: InstructScores): string {
  const followed = Math.round(s.formatAdherence * s.n);
  const broken = FORMAT_RULES.filter((r) => s.failures[r] > 0).map((r) => `${FORMAT_RULE_TEXT[r]}: ${s.failures[r]}`);
  const lines = [`format adherence  ${pct(s.formatAdherence)} (${followed} of ${s.n})${broken.length ? `; ${broken.join('; ')}` : ''}`];
  const w = Math.max(16, ...s.families.map((f) => f.family.length + 2));
  lines.push(`${'family'.padEnd(w)}${'correct'.padStart(8)}${'total'.padStart(7)}${'score'.padStart(8)}  rule`);
  for (const f of s.families) {
    lines.push(`${f.family.padEnd(w)}${String(f.correct).padStart(8)}${String(f.total).padStart(7)}${pct(f.correct / f.total).padStart(8)}  ${SCORERS[f.family]?.rule ?? 'exact match after normalising'}`);
  }
  const c = s.families.reduce((a, f) => a + f.correct, 0);
  lines.push(`${'all'.padEnd(w)}${String(c).padStart(8)}${String(s.n).padStart(7)}${pct(s.n ? c / s.n : NaN).padStart(8)}`);
  return lines.join('\n');
}

export async function run(o: ParsedOptions): Promise<void> {
  const split = parseSplit('score', o.split);
  const maxTokens = o['max-tokens'] as number;
  if (maxTokens < 1) throw new CliError('score: --max-tokens must be at least 1');
  if ((o.limit as number) < 0) throw new CliError('score: --limit must be 0 (all) or more');
  if (!((o.temperature as number) >= 0)) throw new CliError('score: --temperature must be 0 (greedy) or more');
  const ck = languageModel('score', o.checkpoint as string);
  const parsed = parseBuiltinInstruct(o.data as string, readText(o.data as string, 'instruction dataset'));
  if (!parsed.ok) throw new CliError(`bad instruction dataset:\n${parsed.errors.map(formatDataError).join('\n')}`);
  const prefixes = o.families ? (o.families as string).split(',').map((x) => x.trim()).filter(Boolean) : [];
  const paired = o.pairs ? pairedPeople(o.pairs as string) : [];
  const records = heldOutRecords(pairedApart(ofFamilies(parsed.value, prefixes), paired), split, (o.limit as number) > 0 ? (o.limit as number) : Infinity);
  if (records.length === 0) throw new CliError(`${o.data} has no records in split "${split}"${prefixes.length ? ` of the families ${prefixes.join(', ')}` : ''}`);
  if (paired.length) console.error(`scoring the questions about the ${paired.length} people ${o.pairs} names as known in the row world-in-pairs`);
  const { device, cache } = await openEngine();
  const model = await modelFromCheckpoint(device, cache, ck, { batchSize: 1, seqLen: ck.config.blockSize });
  const temperature = o.temperature as number;
  const t0 = performance.now();
  // A long run interrupted with Ctrl-C still reports what it scored; a second Ctrl-C quits at once.
  const stopNote = 'score: interrupted; reporting the records scored so far after this one (Ctrl-C again to quit without a report)';
  const s = await withInterrupt(stopNote, (stopped) => {
    console.error(`scoring ${records.length} ${split} records of ${o.data} (${temperature === 0 ? 'greedy' : `temperature ${temperature}, seed ${o.seed}`}, up to ${maxTokens} new tokens)`);
    return scoreInstructions(model, ck.tokenizer, records, {
      maxTokens, seed: o.seed as number, temperature, examples: o.examples as number,
      shouldStop: stopped,
      onProgress: progressReporter('scored'),
    });
  });
  const secs = (performance.now() - t0) / 1000;
  model.destroy();
  const T = ck.config.blockSize;
  if (s.n < records.length) console.log(`stopped early: ${s.n} of the ${records.length} records were scored (the families in turn, so each family's count is its first records)`);
  console.log(`${o.checkpoint} on ${s.n} ${split} records (${temperature === 0 ? 'greedy' : `temperature ${temperature}`}, up to ${maxTokens} new tokens, ${formatDuration(secs)}):`);
  console.log(scoresTable(s));
  const world = worldTable(s);
  if (world) console.log(`\n${world}`);
  if (s.truncatedPrompts) console.log(`(${s.truncatedPrompts} prompts were longer than the ${T}-token context: the model saw only their last ${T} tokens)`);
  for (const e of s.examples) {
    console.log(`\n[${e.family}] ${JSON.stringify(e.instruction)}${e.input ? ` input ${JSON.stringify(e.input.slice(0, 60))}` : ''}`);
    console.log(`  -> ${JSON.stringify(e.response)}  (${e.followed ? 'format followed' : FORMAT_RULE_TEXT[e.reason!]}; ${e.correct ? 'correct' : `wrong, reference ${JSON.stringify(e.reference)}`})`);
  }
}

/**
 * The world's rows (when the scored records hold world families): format, exact match against
 * chance, and mean confidence, each with who the row asks about. Undefined when there are none.
 */
export function worldTable(s: InstructScores): string | undefined {
  const rows = worldRows(s.families);
  if (rows.length === 0) return undefined;
  const lines = [
    `the made-up world (chance ${pct(rows[0].chance)}: one of the attribute's ${Math.round(1 / rows[0].chance)} values at random; confidence: the probability the model gave its whole answer;`,
    `"I don't know": answered ${JSON.stringify(REFUSAL)}; confidently wrong: a wrong answer other than that, given with probability >= ${CONFIDENT})`,
  ];
  lines.push(`${'row'.padEnd(16)}${'n'.padStart(5)}${'format'.padStart(9)}${'exact'.padStart(9)}${'confidence'.padStart(12)}${'"I don\'t know"'.padStart(16)}${'conf. wrong'.padStart(13)}  who`);
  for (const r of rows) {
    const conf = Number.isFinite(r.confidence) ? r.confidence.toFixed(2) : 'n/a';
    lines.push(`${worldTask(r.group).padEnd(16)}${String(r.n).padStart(5)}${pct(r.format).padStart(9)}${pct(r.exact).padStart(9)}${conf.padStart(12)}${pct(r.refused).padStart(16)}${pct(r.confidentlyWrong).padStart(13)}  ${r.text}`);
  }
  return lines.join('\n');
}

/** The prompted baseline's accuracy, per-class precision/recall and confusion matrix, as printable lines. */
export function promptedText(r: PromptedReport): string {
  const w = Math.max(9, ...r.classes.map((c) => c.length + 2));
  const lines = [`accuracy ${pct(r.accuracy)} on ${r.n} messages; mean answer probability ${r.classes.map((c, k) => `${c} ${pct(r.meanAnswerProb[k])}`).join(', ')}`];
  r.perClass.forEach((pr, k) => lines.push(`  ${r.classes[k].padEnd(w)} precision ${pct(pr.precision)}  recall ${pct(pr.recall)}`));
  lines.push(`  confusion (rows: true class, columns: predicted)`);
  lines.push(`  ${''.padEnd(w)}${r.classes.map((c) => c.padStart(w)).join('')}`);
  r.confusion.forEach((row, k) => lines.push(`  ${r.classes[k].padEnd(w)}${row.map((n) => String(n).padStart(w)).join('')}`));
  return lines.join('\n');
}

/**
 * `lab eval --prompted`: the base model asked "spam or ham?" after each message of a spam split,
 * answering with the likelier word. `limit` > 0 takes a seeded sample (the file is sorted by class).
 */
export async function runPrompted(path: string, dataPath: string, splitName: unknown, limit: number): Promise<void> {
  const split = parseSplit('eval', splitName);
  if (limit < 0) throw new CliError('eval: --limit must be 0 (all) or more');
  const ck = languageModel('eval --prompted', path);
  const all = loadSpam(dataPath).filter((m) => m.split === split);
  if (all.length === 0) throw new CliError(`${dataPath} has no messages in split "${split}"`);
  const picked = limit > 0 && limit < all.length ? seededShuffle(all, 17).slice(0, limit) : all;
  const items = picked.map((m) => ({ text: m.text, label: LABELS.indexOf(m.label) }));
  const { device, cache } = await openEngine();
  const model = await modelFromCheckpoint(device, cache, ck, { batchSize: 1, seqLen: ck.config.blockSize });
  console.error(`asking ${items.length} ${split} messages: <message>${JSON.stringify(PROMPTED_QUESTION)} -> ${PROMPTED_ANSWERS.map((a) => JSON.stringify(a)).join(' or ')}`);
  const t0 = performance.now();
  const r = await promptedSpamBaseline(model, ck.tokenizer, items, { classes: [...LABELS], onProgress: progressReporter('asked') });
  model.destroy();
  console.log(`${path} (prompted, no classifier head), ${split} split, ${formatDuration((performance.now() - t0) / 1000)}: ${promptedText(r)}`);
  if (r.truncated) console.log(`(${r.truncated} messages were cut to fit the ${ck.config.blockSize}-token context with the question)`);
}
