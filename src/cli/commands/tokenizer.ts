/** `lab tokenizer`: trains the byte-level BPE tokenizer on the pretraining corpus. */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { splitDocuments } from '../../data/corpus.ts';
import { trainBPE } from '../../train/tokenizer-train.ts';
import { saveTokenizer } from '../../train/tokenizer-json.ts';
import { DEFAULT_TRAIN_TEXT, readText, writeOut } from '../io.ts';

export const spec: CommandSpec = {
  name: 'tokenizer',
  summary: 'train the byte-level BPE tokenizer on a text corpus and save it as JSON',
  options: {
    text: { type: 'string', meta: 'FILE', help: 'training text (documents separated by <|endoftext|>)', default: DEFAULT_TRAIN_TEXT },
    vocab: { type: 'int', help: 'vocabulary size, the two special tokens included', default: 1024 },
    out: { type: 'string', meta: 'FILE', help: 'where to write the tokenizer JSON', default: 'public/models/tokenizer.json' },
    show: { type: 'string', meta: 'TEXT', help: 'print how this text splits into tokens afterwards' },
  },
  examples: ['npm run lab -- tokenizer --vocab 1024 --out public/models/tokenizer.json --show "The cat sat."'],
};

export async function run(o: ParsedOptions): Promise<void> {
  const text = readText(o.text as string, 'corpus');
  const t0 = performance.now();
  const tok = trainBPE(splitDocuments(text), { vocabSize: o.vocab as number });
  const secs = (performance.now() - t0) / 1000;
  writeOut(o.out as string, saveTokenizer(tok));
  const ids = tok.encode(text.slice(0, 200_000), { allowSpecial: true });
  console.log(`tokenizer: ${tok.vocabSize} tokens, trained in ${secs.toFixed(1)} s on ${text.length.toLocaleString('en-US')} characters; ` +
    `${(200_000 / ids.length).toFixed(2)} characters per token on the corpus; wrote ${o.out}`);
  if (o.show) console.log(tok.pieces(o.show as string).map((p) => JSON.stringify(p.text)).join(' '));
}
