// `lab score` and `lab eval --prompted` without a GPU: the printed tables from known counts, the
// progress line, and the errors for bad arguments and files (all raised before a device opens).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../model/config.ts';
import { saveCheckpoint } from '../train/checkpoint.ts';
import { withNewTensors } from '../train/model-io.ts';
import { trainBPE } from '../train/tokenizer-train.ts';
import { parseOptions } from './args.ts';
import * as evaluate from './commands/eval.ts';
import * as score from './commands/score.ts';
import { progressLine, promptedText, scoresTable, worldTable } from './commands/score.ts';

describe('printed scores', () => {
  it('shows adherence with the rules broken, one row per family with its rule, and the total', () => {
    const text = scoresTable({
      n: 8, formatAdherence: 5 / 8, failures: { empty: 1, 'new-instruction': 2, 'no-end': 0 }, examples: [], truncatedPrompts: 0, maxTokens: 16,
      families: [{ family: 'antonym', correct: 3, total: 4 }, { family: 'word_count', correct: 0, total: 4 }],
    });
    expect(text).toMatch(/^format adherence {2}62\.5% \(5 of 8\); the response is empty: 1; the response starts a new instruction .*: 2$/m);
    expect(text).not.toMatch(/no end-of-text/); // a rule nobody broke is not listed
    expect(text).toMatch(/^antonym\s+3\s+4\s+75\.0%\s+any WordNet antonym of the word$/m);
    expect(text).toMatch(/^word_count\s+0\s+4\s+0\.0%\s+the number, in digits$/m);
    expect(text).toMatch(/^all\s+3\s+8\s+37\.5%$/m);
  });

  it('shows the world rows with format, exact, confidence and chance, and nothing without world families', () => {
    const base = { n: 6, formatAdherence: 1, failures: { empty: 0, 'new-instruction': 0, 'no-end': 0 }, examples: [], truncatedPrompts: 0, maxTokens: 16 };
    const text = worldTable({
      ...base,
      families: [
        { family: 'define', correct: 0, total: 2 },
        { family: 'world-unknown', correct: 0, total: 2, followed: 2, confidence: 0.675 },
        { family: 'world-held-out', correct: 1, total: 2, followed: 1, confidence: 0.5 },
      ],
    })!;
    expect(text).toMatch(/chance 6\.3%/);
    expect(text).toMatch(/^world-held-out\s+2\s+50\.0%\s+50\.0%\s+0\.50\s+0\.0%\s+n\/a\s+people whose facts were only in pretraining/m);
    expect(text).toMatch(/^world-unknown\s+2\s+100\.0%\s+0\.0%\s+0\.68\s+0\.0%\s+n\/a\s+people who appear nowhere in training$/m);
    // held-out before unknown: the rows come in the lesson's order, not the file's
    expect(text.indexOf('world-held-out')).toBeLessThan(text.indexOf('world-unknown'));
    expect(worldTable({ ...base, families: [{ family: 'define', correct: 0, total: 2 }] })).toBeUndefined();
  });

  it('shows the share answered "I don\'t know" and confidently wrong beside each world row', () => {
    const base = { n: 4, formatAdherence: 1, failures: { empty: 0, 'new-instruction': 0, 'no-end': 0 }, examples: [], truncatedPrompts: 0, maxTokens: 16 };
    const text = worldTable({ ...base, families: [{ family: 'world-unknown', correct: 0, total: 4, followed: 4, confidence: 0.6, refused: 3, confidentlyWrong: 1 }] })!;
    expect(text).toMatch(/"I don't know": answered "I don't know\."/);
    expect(text).toMatch(/^world-unknown\s+4\s+100\.0%\s+0\.0%\s+0\.60\s+75\.0%\s+25\.0%\s+people who appear nowhere in training$/m);
  });

  it('shows the prompted baseline with n/a for a class never predicted', () => {
    const text = promptedText({ classes: ['ham', 'spam'], n: 10, accuracy: 0.5, confusion: [[5, 0], [5, 0]], perClass: [{ precision: 0.5, recall: 1 }, { precision: NaN, recall: 0 }], meanAnswerProb: [0.8, 0.2], truncated: 0 });
    expect(text).toMatch(/^accuracy 50\.0% on 10 messages; mean answer probability ham 80\.0%, spam 20\.0%/);
    expect(text).toMatch(/spam\s+precision n\/a\s+recall 0\.0%/);
    expect(text).toMatch(/ham\s+5\s+0\n\s+spam\s+5\s+0$/);
  });

  it('gives the rate and the time left', () => {
    expect(progressLine(10, 40, 20)).toBe('10/40 | 2.0 s each | ETA 1m 00s');
    expect(progressLine(40, 40, 75)).toBe('40/40 | 1.9 s each | ETA 0s');
  });
});

describe('bad arguments and files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-score-'));
  const tok = trainBPE('the cat sat on the mat. '.repeat(8), { vocabSize: 270 });
  const config = { ...PRESETS[0].config, vocabSize: tok.vocabSize };
  const classifier = join(dir, 'cls.safetensors');
  writeFileSync(classifier, saveCheckpoint(withNewTensors({ config, tokenizer: tok, weights: new Map() }, { nClasses: 2 }, 1)));
  const lm = join(dir, 'lm.safetensors');
  writeFileSync(lm, saveCheckpoint(withNewTensors({ config, tokenizer: tok, weights: new Map() }, {}, 1)));
  const badData = join(dir, 'bad.jsonl');
  writeFileSync(badData, '{"task":"define","split":"test","instruction":"Define \\"cat\\".","output":"a pet"}\n{"task":"define","split":"test","instruction":"x"}\n');
  const runScore = (args: string[]) => score.run(parseOptions(score.spec, args));
  const runEval = (args: string[]) => evaluate.run(parseOptions(evaluate.spec, args));

  it('score names the option or the file at fault', async () => {
    await expect(runScore(['--checkpoint', classifier, '--split', 'dev'])).rejects.toThrow(/score: --split must be train, val or test, got "dev"/);
    await expect(runScore(['--checkpoint', classifier, '--max-tokens', '0'])).rejects.toThrow(/--max-tokens must be at least 1/);
    await expect(runScore(['--checkpoint', classifier, '--limit', '-1'])).rejects.toThrow(/--limit must be 0 \(all\) or more/);
    await expect(runScore(['--checkpoint', join(dir, 'missing.safetensors')])).rejects.toThrow(/cannot read checkpoint ".*missing\.safetensors": no such file/);
    await expect(runScore(['--checkpoint', classifier])).rejects.toThrow(/cls\.safetensors is a classifier .* score needs a language model/);
    await expect(runScore(['--checkpoint', lm, '--data', badData])).rejects.toThrow(/bad instruction dataset:\n.*bad\.jsonl.*line 2/);
    await expect(runScore(['--checkpoint', lm, '--data', join(dir, 'none.jsonl')])).rejects.toThrow(/cannot read instruction dataset ".*none\.jsonl": no such file/);
    const defineOnly = join(dir, 'define.jsonl');
    writeFileSync(defineOnly, '{"task":"define","split":"test","instruction":"Define \\"cat\\".","output":"a pet"}\n');
    await expect(runScore(['--checkpoint', lm, '--data', defineOnly, '--families', 'world'])).rejects.toThrow(/no records in split "test" of the families world/);
  });

  it('eval --prompted refuses a classifier and a bad split', async () => {
    await expect(runEval(['--checkpoint', classifier, '--prompted'])).rejects.toThrow(/is a classifier .* eval --prompted needs a language model/);
    await expect(runEval(['--checkpoint', classifier, '--prompted', '--split', 'all'])).rejects.toThrow(/eval: --split must be train, val or test, got "all"/);
  });
});
