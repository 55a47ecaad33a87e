import { describe, expect, it } from 'vitest';
import { formatProb, tokenLabel } from './tokenLabel.ts';

describe('token labels', () => {
  it('makes whitespace visible and names an empty piece', () => {
    expect(tokenLabel(' the')).toBe('␣the');
    expect(tokenLabel('\n\n')).toBe('↵↵');
    expect(tokenLabel('a\tb')).toBe('a⇥b');
    expect(tokenLabel('')).toBe('(no text)');
    expect(tokenLabel('<|endoftext|>')).toBe('<|endoftext|>');
  });

  it('formats probabilities with precision that suits their size', () => {
    expect(formatProb(0.4567)).toBe('45.7%');
    expect(formatProb(0.05)).toBe('5.00%');
    expect(formatProb(0.0004)).toBe('0.040%');
    expect(formatProb(0)).toBe('0%');
    expect(formatProb(1e-9)).toBe('<0.001%');
    expect(formatProb(NaN)).toBe('–');
  });
});
