// The viewer's counts: per split and label, per family and split, and corpus sizes.
import { describe, expect, it } from 'vitest';
import { corpusStats, familyCounts, labelCounts } from './stats.ts';

describe('viewer counts', () => {
  it('counts labels per split in train, val, test order, unsplit as "all"', () => {
    const ms = [
      { id: '1', label: 'spam' as const, text: 'a', split: 'test' as const },
      { id: '2', label: 'ham' as const, text: 'b', split: 'train' as const },
      { id: '3', label: 'ham' as const, text: 'c', split: 'train' as const },
      { id: '4', label: 'spam' as const, text: 'd' },
    ];
    expect(labelCounts(ms)).toEqual([
      { split: 'train', ham: 2, spam: 0 },
      { split: 'test', ham: 0, spam: 1 },
      { split: 'all', ham: 0, spam: 1 },
    ]);
  });

  it('counts records per family and split', () => {
    const rs = [
      { task: 'spam', split: 'train' as const, instruction: 'i', output: 'ham' },
      { task: 'spam', split: 'test' as const, instruction: 'i', output: 'spam' },
      { task: 'define', split: 'train' as const, instruction: 'i', output: 'x' },
    ];
    expect(familyCounts(rs)).toEqual({
      splits: ['train', 'test'],
      rows: [
        { task: 'define', counts: { train: 1 }, total: 1 },
        { task: 'spam', counts: { train: 1, test: 1 }, total: 2 },
      ],
    });
  });

  it('sizes a corpus', () => {
    expect(corpusStats([{ id: 'a', text: 'one two\n\nthree' }, { id: 'b', text: 'four' }])).toEqual({ documents: 2, characters: 18, words: 4 });
  });
});
