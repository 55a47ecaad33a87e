// The score table's rows: format adherence first, then every family either model was scored on,
// as fractions (null where a model has no score), with the instruction count of each row.
import { describe, expect, it } from 'vitest';
import { scoreRows } from './ScoresPanel.tsx';

describe('scoreRows', () => {
  it('puts format first and joins the families of both models', () => {
    const base = { n: 4, formatAdherence: 0.25, families: [{ family: 'define', correct: 0, total: 2 }, { family: 'antonym', correct: 1, total: 2 }] };
    const tuned = { n: 4, formatAdherence: 1, families: [{ family: 'define', correct: 1, total: 2 }, { family: 'antonym', correct: 2, total: 2 }] };
    expect(scoreRows(base, tuned)).toEqual([
      { name: 'format adherence', base: 0.25, tuned: 1, total: 4 },
      { name: 'define', base: 0, tuned: 0.5, total: 2 },
      { name: 'antonym', base: 0.5, tuned: 1, total: 2 },
    ]);
  });

  it('leaves a model that was not scored as null', () => {
    const tuned = { n: 1, formatAdherence: 0, families: [{ family: 'spam', correct: 0, total: 1 }] };
    expect(scoreRows(null, tuned)).toEqual([
      { name: 'format adherence', base: null, tuned: 0, total: 1 },
      { name: 'spam', base: null, tuned: 0, total: 1 },
    ]);
    expect(scoreRows(null, null)).toEqual([{ name: 'format adherence', base: null, tuned: null, total: 0 }]);
  });
});
