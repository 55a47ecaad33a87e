/**
 * The spam set's cleaning, everyday-message and shortcut sections of public/datasets/README.md:
 * each cleaning rule with the messages it touched per class, the everyday split, and the
 * bag-of-words shortcut report before and after the cleaning. Text only.
 */
import type { DatasetManifest } from '../../src/data/types.ts';
import type { Shortcut } from '../../src/train/shortcuts.ts';
import type { ShortcutReport } from './shortcuts.ts';
import { CLEANING_RULES, type CleaningRule } from './spam.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const cell = (s: Shortcut) => `\`${JSON.stringify(s.text).slice(1, -1).replace(/`/g, "'").replace(/\|/g, '\\|')}\` ${s.weight.toFixed(2)} (${s.count[0]} / ${s.count[1]})`;

/** The sections, placed after the spam set's tables. */
export function spamCleaningSections(m: DatasetManifest, shortcuts: { before: ShortcutReport; after: ShortcutReport }): string {
  const rules = (Object.keys(CLEANING_RULES) as CleaningRule[]).map((r) => `| ${r} | ${CLEANING_RULES[r]} | ${m.spam.cleaning[r].ham} | ${m.spam.cleaning[r].spam} |`);
  const rows = (side: 'ham' | 'spam') =>
    shortcuts.before[side].map((b, i) => `| ${i + 1} | ${cell(b)} | ${shortcuts.after[side][i] ? cell(shortcuts.after[side][i]) : ''} |`);
  const e = m.spam.everyday;
  return `### Source cleaning

SpamAssassin's ham is mostly technical mailing-list traffic from 2002, so much of what separates
its ham from its spam says where a message came from, not what it says: replies, list tags,
quoted headers, signatures and list footers. A model can score well on the corpus by learning
those and still call an ordinary e-mail spam. The build removes them from both classes. Messages
each rule touched, counted over every message read (before deduplication):

| rule | what it removes | ham | spam |
| --- | --- | ---: | ---: |
${rules.join('\n')}

### Everyday messages: spam-everyday.jsonl

${e.counts.ham} ham and ${e.counts.spam} spam e-mails **written for this lab** (scripts/datasets/everyday.ts; not
from any corpus): meeting notes, family plans, build failures, appointments, school notices,
shipping notices and invoices, beside prize, phishing, pharmacy, loan, crypto and fake-invoice
spam. Every record has \`split\` "test"; lesson 2 reports accuracy on them beside the corpus's
test split, so the gap between the two numbers shows domain shift. None was chosen by looking
at a model's answers.

### Shortcut report: spam-shortcuts.json

What a bag of tokens and token pairs (\`lab baseline\` with its defaults, the lab's tokenizer, 128
tokens) leans on most for each class, before the cleaning and after it. Each cell: the token or
pair, its weight (negative: ham, positive: spam), and how many training messages of each class
hold it (ham / spam).

| | before | after |
| --- | --- | --- |
| balanced test split accuracy | ${pct(shortcuts.before.testAccuracy)} | ${pct(shortcuts.after.testAccuracy)} |
| everyday messages accuracy | ${pct(shortcuts.before.everydayAccuracy)} | ${pct(shortcuts.after.everydayAccuracy)} |

Toward ham:

| rank | before | after |
| ---: | --- | --- |
${rows('ham').join('\n')}

Toward spam:

| rank | before | after |
| ---: | --- | --- |
${rows('spam').join('\n')}
`;
}
