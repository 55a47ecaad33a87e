/**
 * For the PyTorch prototype (spam_classify.py): the spam set's splits and the everyday messages as
 * token ids, cut to 128 tokens exactly as finetune-classify reads them (the lab's tokenizer and
 * formatClassSet). Run from the repository root:
 *   node --import tsx scripts/proto/dump-spam.ts public/datasets/spam-balanced.jsonl .cache/spam-ids.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadTokenizer } from '../../src/train/tokenizer-json.ts';
import { formatClassSet } from '../../src/train/sources.ts';
const tok = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));
const out: Record<string, { ids: number[]; last: number; label: number }[]> = {};
const load = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const file = process.argv[2];
for (const [name, rows, split] of [['train', load(file), 'train'], ['val', load(file), 'val'], ['test', load(file), 'test'], ['everyday', load('public/datasets/spam-everyday.jsonl'), 'test']] as const) {
  const items = rows.filter((r: { split: string; text: string; label: string }) => r.split === split).map((r: { split: string; text: string; label: string }) => ({ text: r.text, label: r.label === 'spam' ? 1 : 0 }));
  const set = formatClassSet(tok, items, 128, 'last');
  out[name] = set.examples.map((e, i) => ({ ids: Array.from(e.ids.subarray(0, e.lastIndex + 1)), last: e.lastIndex, label: set.labels[i] }));
}
writeFileSync(process.argv[3], JSON.stringify(out));
