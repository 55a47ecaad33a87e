// Brown detokenizing: tags stripped, punctuation spacing undone, paragraphs and headlines kept.
import { describe, expect, it } from 'vitest';
import { coarseTag, detokenize, parseBrownFile, untag } from './brown.ts';

describe('Brown corpus text', () => {
  it('strips tags at the last slash and rejoins punctuation and quotes', () => {
    expect(untag('1/2/cd')).toEqual({ word: '1/2', tag: 'cd' });
    const toks = '``/`` Only/rb a/at handful/nn ,/, (/( not/* many/ap )/) ,/, was/bedz received/vbn ;/. Mr./np Jr./np ./. \'\'/\'\''.split(' ');
    expect(detokenize(toks)).toBe('"Only a handful, (not many), was received; Mr. Jr."');
    expect(detokenize(['It/pps', "'s/bez", 'the/at', 'students/nns', "'/'", 'day/nn', '--/--', 'really/rb', './.'])).toBe("It's the students' day--really.");
  });

  it('keeps paragraphs (a tab starts one) and puts headlines alone', () => {
    const text = '\n\n\tThe/at jury/nn said/vbd ./.\nIt/pps agreed/vbd ./.\n\n\nMerger/nn-hl proposed/vbn-hl\nHowever/wrb ,/, no/at ./.\n';
    expect(parseBrownFile(text)).toEqual([['The jury said.', 'It agreed.'], ['Merger proposed'], ['However, no.']]);
  });

  it('maps Brown tags to coarse parts of speech', () => {
    expect(['nns', 'vbd', 'jj-tl', 'rbr', 'np', 'at', 'nn$'].map(coarseTag)).toEqual(['noun', 'verb', 'adj', 'adv', undefined, undefined, 'noun']);
  });
});
