/**
 * The learner's own everyday messages: texts they typed into lesson 2's message box and labelled
 * (spam or ham), added to the everyday split that every classifier run is scored on beside the
 * corpus's test split. Kept in this browser only (localStorage), read back through a validator so
 * a damaged entry cannot break the page; at most MAX_MY_MESSAGES, each at most MAX_MY_MESSAGE_CHARS.
 */
import type { StateCreator } from 'zustand';
import { LABELS } from '../data/types.ts';
import type { MyMessage } from '../worker/protocol.ts';
import { isRecord, loadSaved, save } from './persist.ts';

export const MY_MESSAGES_KEY = 'webgpu-llm-lab.my-messages.v1';
export const MAX_MY_MESSAGES = 200;
export const MAX_MY_MESSAGE_CHARS = 5000;

const isMessage = (x: unknown): x is MyMessage =>
  isRecord(x) && LABELS.includes(x.label as MyMessage['label']) && typeof x.text === 'string' && x.text.trim() !== '' && x.text.length <= MAX_MY_MESSAGE_CHARS;

/** A saved list, checked: entries that are not labelled messages are dropped. */
export function parseMyMessages(x: unknown): MyMessage[] | undefined {
  return Array.isArray(x) ? x.filter(isMessage).slice(-MAX_MY_MESSAGES).map((m) => ({ label: m.label, text: m.text })) : undefined;
}

export interface MyMessagesSlice {
  myMessages: MyMessage[];
  /** adds one message (the same text and label twice is kept once; the oldest go past the cap) */
  addMyMessage(m: MyMessage): void;
  /** removes the message at `index` */
  removeMyMessage(index: number): void;
}

export const createMyMessagesSlice: StateCreator<MyMessagesSlice, [], [], MyMessagesSlice> = (set, get) => {
  const keep = (list: MyMessage[]) => {
    set({ myMessages: list });
    save(MY_MESSAGES_KEY, list);
  };
  return {
    myMessages: loadSaved(MY_MESSAGES_KEY, parseMyMessages) ?? [],
    addMyMessage: (m) => {
      const text = m.text.trim();
      if (!isMessage({ label: m.label, text })) throw new Error(`a message needs a label (ham or spam) and 1 to ${MAX_MY_MESSAGE_CHARS.toLocaleString('en-US')} characters of text`);
      const list = get().myMessages;
      if (list.some((x) => x.label === m.label && x.text === text)) return;
      keep([...list, { label: m.label, text }].slice(-MAX_MY_MESSAGES));
    },
    removeMyMessage: (index) => keep(get().myMessages.filter((_, i) => i !== index)),
  };
};
