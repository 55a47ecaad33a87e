/**
 * `lab baseline`: the lesson-2 yardstick. Fits a bag-of-n-grams logistic regression (src/train/bow.ts)
 * to the spam set exactly as the classifier sees it (the checkpoint's tokenizer, each message cut
 * to its context) and prints the same test report as finetune-classify, so the two read side by
 * side. No GPU: it shows what the data allow, not what the model learned.
 */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { LABELS } from '../../data/types.ts';
import { BOW_DEFAULTS, evaluateBow, setFeatures, trainBow } from '../../train/bow.ts';
import { BASE_CHECKPOINT, CliError, formatDuration, readCheckpoint } from '../io.ts';
import { topShortcuts, formatShortcuts } from '../../train/shortcuts.ts';
import { classReport, EVERYDAY_DATA, loadSpam, spamSet, SPAM_DATA } from './finetune-classify.ts';

export const spec: CommandSpec = {
  name: 'baseline',
  summary: 'bag-of-words logistic regression on the spam set as the classifier sees it (a yardstick for finetune-classify)',
  options: {
    checkpoint: { type: 'string', meta: 'FILE', help: 'checkpoint whose tokenizer and context length to use', default: BASE_CHECKPOINT },
    data: { type: 'string', meta: 'FILE', help: 'spam JSONL (id, split, label, text)', default: SPAM_DATA },
    ngram: { type: 'int', help: '1: single tokens; 2: single tokens and adjacent pairs', default: BOW_DEFAULTS.ngram },
    epochs: { type: 'int', help: 'SGD passes over the training split', default: BOW_DEFAULTS.epochs },
    lr: { type: 'float', help: 'SGD step size', default: BOW_DEFAULTS.lr },
    l2: { type: 'float', help: 'L2 penalty', default: BOW_DEFAULTS.l2 },
    seed: { type: 'int', help: 'seed of the epoch order', default: BOW_DEFAULTS.seed },
    everyday: { type: 'string', meta: 'FILE', help: 'second test split, out of the corpus\'s domain ("" to skip)', default: EVERYDAY_DATA },
    top: { type: 'int', help: 'shortcut report: the N largest weights toward each class, as text (0: none)', default: 10 },
  },
  examples: ['npm run lab -- baseline', 'npm run lab -- baseline --ngram 1', 'npm run lab -- baseline --top 20 --everyday ""'],
};

export async function run(o: ParsedOptions): Promise<void> {
  const ngram = o.ngram as number;
  if (ngram !== 1 && ngram !== 2) throw new CliError(`baseline: --ngram must be 1 or 2, got ${ngram}`);
  if ((o.epochs as number) < 1) throw new CliError('baseline: --epochs must be at least 1');
  if (!((o.lr as number) > 0)) throw new CliError('baseline: --lr must be positive');
  if (!((o.l2 as number) >= 0)) throw new CliError('baseline: --l2 must be 0 or more');
  const ck = readCheckpoint(o.checkpoint as string);
  const tok = ck.tokenizer;
  const T = ck.config.blockSize;
  const messages = loadSpam(o.data as string);
  const [train, val, test] = (['train', 'val', 'test'] as const).map((s) => spamSet(tok, messages, s, T, 'last'));
  if (train.examples.length === 0) throw new CliError(`${o.data} has no training messages (split "train")`);
  console.error(`data: ${train.examples.length} train, ${val.examples.length} val, ${test.examples.length} test messages, cut to ${T} tokens as the classifier reads them`);
  const t0 = performance.now();
  const feats = [train, val, test].map((s) => setFeatures(s, tok.vocabSize, ngram));
  const model = trainBow(feats[0], train.labels, tok.vocabSize, { ngram, epochs: o.epochs as number, lr: o.lr as number, l2: o.l2 as number, seed: o.seed as number });
  const secs = (performance.now() - t0) / 1000;
  const what = ngram === 2 ? 'tokens and token pairs' : 'tokens';
  console.log(`bag of ${what}, ${o.epochs} epochs, trained in ${formatDuration(secs)}`);
  console.log(`train accuracy ${(100 * evaluateBow(model, feats[0], train.labels).accuracy).toFixed(1)}%, validation accuracy ${(100 * evaluateBow(model, feats[1], val.labels).accuracy).toFixed(1)}%`);
  console.log(`test set: ${classReport(evaluateBow(model, feats[2], test.labels), LABELS)}`);
  if (o.everyday) {
    const every = spamSet(tok, loadSpam(o.everyday as string), 'test', T, 'last');
    console.log(`everyday messages (${o.everyday}): ${classReport(evaluateBow(model, setFeatures(every, tok.vocabSize, ngram), every.labels), LABELS)}`);
  }
  const top = o.top as number;
  if (top > 0) {
    // What the model leans on: a feature that marks a message's source rather than its content
    // is a shortcut that will not survive other mail (see public/datasets/README.md).
    const lists = topShortcuts(model, train, tok, top);
    LABELS.forEach((label, k) => {
      console.log(`shortcuts toward ${label} (weight, text, training messages holding it):`);
      for (const line of formatShortcuts(lists[k], [LABELS[0], LABELS[1]])) console.log(`  ${line}`);
    });
  }
}
