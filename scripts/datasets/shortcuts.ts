/**
 * The spam set's shortcut report, made at build time: a bag-of-words model (src/train/bow.ts, the
 * `lab baseline` yardstick with its defaults) is fitted to the balanced training split with the
 * lab's tokenizer, once on the set before the source cleaning and once after, and its largest
 * weights per class are read back as text (src/train/shortcuts.ts). Its accuracy on the test split
 * and on the everyday messages is kept beside them. Written to spam-shortcuts.json for the
 * Datasets page and to the datasets README. Deterministic: seeded SGD, fixed order.
 */
import { readFileSync } from 'node:fs';
import { LABELS, type Message, type ShortcutSide, type Split } from '../../src/data/types.ts';
import { BOW_DEFAULTS, evaluateBow, setFeatures, trainBow } from '../../src/train/bow.ts';
import { formatClassSet } from '../../src/train/sources.ts';
import { topShortcuts, type Shortcut } from '../../src/train/shortcuts.ts';
import { loadTokenizer } from '../../src/train/tokenizer-json.ts';

/** The context the shipped models read (the classifier cuts each message to it). */
export const SHORTCUT_CONTEXT = 128;
const TOP = 12;

/** One side of the report (the type spam-shortcuts.json is read with). */
export type ShortcutReport = ShortcutSide;

/** Fit the yardstick on `balanced`'s training split and report its shortcuts and accuracies. */
export function shortcutReport(balanced: readonly Message[], everyday: readonly Message[], tokenizerFile: string): ShortcutReport {
  const tok = loadTokenizer(readFileSync(tokenizerFile, 'utf8'), tokenizerFile);
  const T = SHORTCUT_CONTEXT;
  const set = (ms: readonly Message[], split: Split) =>
    formatClassSet(tok, ms.filter((m) => m.split === split).map((m) => ({ text: m.text, label: LABELS.indexOf(m.label) })), T, 'last');
  const [train, test, every] = [set(balanced, 'train'), set(balanced, 'test'), set(everyday, 'test')];
  const V = tok.vocabSize;
  const o = BOW_DEFAULTS;
  const model = trainBow(setFeatures(train, V, o.ngram), train.labels, V, o);
  const [ham, spam] = topShortcuts(model, train, tok, TOP);
  const round = (s: Shortcut) => ({ ...s, weight: Math.round(s.weight * 1000) / 1000 });
  const acc = (set: typeof test) => Math.round(evaluateBow(model, setFeatures(set, V, o.ngram), set.labels).accuracy * 10000) / 10000;
  if (LABELS[0] !== 'ham') throw new Error('shortcut report: class 0 must be ham');
  return { ham: ham.map(round), spam: spam.map(round), testAccuracy: acc(test), everydayAccuracy: acc(every) };
}
