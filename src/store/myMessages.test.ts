import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { finetuneSettings, requestClassReport } from './commands.ts';
import { useLab } from './index.ts';
import { MAX_MY_MESSAGES, MY_MESSAGES_KEY, parseMyMessages } from './myMessagesSlice.ts';
import { memoryStorage } from './persist.ts';
import type { ToWorker } from '../worker/protocol.ts';

// The learner's own everyday messages: kept in this browser, sent with every classifier run and
// with every everyday report, so the second test split grows with what the learner adds.
beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  useLab.setState({ myMessages: [] });
});
afterEach(() => vi.unstubAllGlobals());

describe("the learner's everyday messages", () => {
  it('adds labelled messages once each, trimmed, saves them, and removes by index', () => {
    const s = () => useLab.getState();
    s().addMyMessage({ label: 'ham', text: '  Lunch at noon?  ' });
    s().addMyMessage({ label: 'spam', text: 'FREE cruise!!!' });
    s().addMyMessage({ label: 'ham', text: 'Lunch at noon?' });
    expect(s().myMessages).toEqual([{ label: 'ham', text: 'Lunch at noon?' }, { label: 'spam', text: 'FREE cruise!!!' }]);
    expect(JSON.parse(localStorage.getItem(MY_MESSAGES_KEY)!)).toEqual(s().myMessages);
    s().removeMyMessage(0);
    expect(s().myMessages).toEqual([{ label: 'spam', text: 'FREE cruise!!!' }]);
    expect(JSON.parse(localStorage.getItem(MY_MESSAGES_KEY)!)).toHaveLength(1);
  });

  it('refuses an empty text or a label other than ham or spam, and changes nothing', () => {
    expect(() => useLab.getState().addMyMessage({ label: 'ham', text: '   ' })).toThrow(/1 to 5,000 characters/);
    expect(() => useLab.getState().addMyMessage({ label: 'junk' as 'ham', text: 'hello' })).toThrow(/ham or spam/);
    expect(useLab.getState().myMessages).toEqual([]);
  });

  it('reads a saved list through a validator: bad entries go, the cap holds', () => {
    expect(parseMyMessages({ label: 'ham' })).toBeUndefined();
    expect(parseMyMessages([{ label: 'ham', text: 'ok' }, { label: 'eggs', text: 'x' }, { label: 'spam', text: '' }, 7, { label: 'spam', text: 'win', extra: 1 }]))
      .toEqual([{ label: 'ham', text: 'ok' }, { label: 'spam', text: 'win' }]);
    const many = Array.from({ length: MAX_MY_MESSAGES + 5 }, (_, i) => ({ label: 'ham', text: `m${i}` }));
    const kept = parseMyMessages(many)!;
    expect(kept).toHaveLength(MAX_MY_MESSAGES);
    expect(kept[0].text).toBe('m5');
  });

  it('go with a classifier run and with an everyday report, never with the other splits', () => {
    useLab.getState().addMyMessage({ label: 'spam', text: 'Claim your prize' });
    const st = useLab.getState();
    const task = { kind: 'classify' as const, choice: 'all' as const, loraRank: 8, readAt: 'last' as const, dataset: 'spam' as const };
    expect(finetuneSettings(st, { task, fromSlot: 'shipped:base-small' }).task).toEqual({ ...task, mine: [{ label: 'spam', text: 'Claim your prize' }] });
    const sent: ToWorker[] = [];
    const link = { send: (m: ToWorker) => void sent.push(m) };
    requestClassReport.perform(link, st, { requestId: 1, model: 'run', split: 'everyday' });
    requestClassReport.perform(link, st, { requestId: 2, model: 'run', split: 'test' });
    expect(sent[0]).toMatchObject({ type: 'class-report', split: 'everyday', mine: [{ label: 'spam', text: 'Claim your prize' }] });
    expect(sent[1]).not.toHaveProperty('mine');
  });
});
