// The shortcut report reads a bag-of-words model's largest weights back as text: on a set where
// one word marks the source of every ham message, that word must top the ham list, with its counts.
import { describe, expect, it } from 'vitest';
import { BOW_DEFAULTS, setFeatures, trainBow } from './bow.ts';
import { formatClassSet } from './sources.ts';
import { topShortcuts, formatShortcuts } from './shortcuts.ts';
import { trainBPE } from './tokenizer-train.ts';

describe('shortcut report', () => {
  it('finds the source marker a model could cheat with, and reads pairs back as text', () => {
    const ham = ['listnote meeting at noon', 'listnote the build is green', 'listnote lunch plans', 'listnote notes from today'];
    const spam = ['win cash now', 'cheap pills now', 'win a prize today', 'free cash offer'];
    const tok = trainBPE([...ham, ...spam, ...ham], { vocabSize: 300 });
    const items = [...ham.map((text) => ({ text, label: 0 })), ...spam.map((text) => ({ text, label: 1 }))];
    const set = formatClassSet(tok, items, 16, 'last');
    const model = trainBow(setFeatures(set, tok.vocabSize, 2), set.labels, tok.vocabSize, { ...BOW_DEFAULTS, epochs: 50 });
    const [toHam, toSpam] = topShortcuts(model, set, tok, 5);
    expect(toHam[0].weight).toBeLessThan(0);
    expect(toSpam[0].weight).toBeGreaterThan(0);
    // Every ham message holds the marker and no spam does: some top-5 ham feature is (part of) it.
    const marker = toHam.find((s) => s.text.includes('listnote') || 'listnote'.includes(s.text.trim()));
    expect(marker?.count).toEqual([4, 0]);
    // Ranked by weight, strongest first.
    expect(toHam.map((s) => s.weight)).toEqual([...toHam.map((s) => s.weight)].sort((a, b) => a - b));
    expect(formatShortcuts(toSpam.slice(0, 1), ['ham', 'spam'])[0]).toMatch(/^ *\+\d\.\d\d {2}".*" +in \d ham, \d spam$/);
  });
});
