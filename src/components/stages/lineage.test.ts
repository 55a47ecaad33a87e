// The lineage drawing's tree: base models are roots, finetuned models hang under their parent,
// and a child whose parent is not in the list gets a placeholder root instead of vanishing.
import { describe, expect, it } from 'vitest';
import type { SlotInfo } from '../../store/trainingSlice.ts';
import { lineage } from './Lineage.tsx';

const slot = (id: string, stage: SlotInfo['stage'], parent?: string): SlotInfo => ({ id, name: id, savedAt: 0, bytes: 1, step: 1, preset: 'test', auto: false, stage, parent });

describe('lineage', () => {
  it('puts classifier and instruct models under their base, and keeps orphans under a placeholder', () => {
    const slots = [slot('base', 'pretrain'), slot('spam', 'classify', 'base'), slot('inst', 'instruct', 'base'), slot('inst2', 'instruct', 'gone'), slot('base2', 'pretrain')];
    const { roots, children } = lineage(slots);
    expect(roots.map((r) => [r.id, r.slot?.id ?? null])).toEqual([['base', 'base'], ['gone', null], ['base2', 'base2']]);
    expect(children.get('base')!.map((s) => s.id)).toEqual(['spam', 'inst']);
    expect(children.get('gone')!.map((s) => s.id)).toEqual(['inst2']);
    expect(children.get('base2')).toBeUndefined();
  });
});
