/**
 * A small MIME reader for the SpamAssassin messages: headers (unfolded, RFC 2047 words decoded),
 * multipart bodies, quoted-printable and base64, charsets, and HTML to plain text. Enough for a
 * 2002 mail corpus, not a general mail library. Input is raw bytes; nothing is fetched or written.
 */

/** Headers (lower-case names, first occurrence wins) and the raw body bytes. */
export interface MailPart {
  headers: Map<string, string>;
  body: Uint8Array;
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Split raw bytes at the first blank line into headers and body. */
export function parsePart(raw: Uint8Array): MailPart {
  const s = latin1(raw);
  const m = /\r?\n\r?\n/.exec(s);
  const headText = m ? s.slice(0, m.index) : s;
  const bodyStart = m ? m.index + m[0].length : s.length;
  const headers = new Map<string, string>();
  // Unfold: a line starting with whitespace continues the previous header.
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const k = line.indexOf(':');
    if (k <= 0) continue;
    const name = line.slice(0, k).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(k + 1).trim());
  }
  return { headers, body: raw.subarray(bodyStart) };
}

/** Decode bytes in a charset; unknown or broken charset names fall back to windows-1252. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const cs = (charset ?? '').toLowerCase().replace(/^3d/, '').replace(/[^a-z0-9_-]/g, '');
  const tryDecode = (name: string) => {
    try {
      return new TextDecoder(name).decode(bytes);
    } catch {
      return undefined;
    }
  };
  if (cs && cs !== 'us-ascii' && cs !== 'iso-8859-1') {
    const r = tryDecode(cs === 'chinesebig5' ? 'big5' : cs);
    if (r !== undefined) return r;
  }
  // ISO-8859-1 mail was usually written on Windows: windows-1252 is its superset in practice.
  return tryDecode('windows-1252') ?? latin1(bytes);
}

/** Quoted-printable to bytes: =XX escapes, soft line breaks "=\n". */
export function decodeQuotedPrintable(s: string): Uint8Array {
  const t = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x3d && /^[0-9a-fA-F]{2}$/.test(t.slice(i + 1, i + 3))) {
      out.push(parseInt(t.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}

/** Base64 to bytes, ignoring line breaks and junk characters. */
export function decodeBase64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
}

/**
 * Decode a header value: raw 8-bit bytes (sent unencoded, against the rules) as UTF-8 when valid,
 * else in `charset` (the message's body charset); then RFC 2047 encoded words (=?cs?Q|B?text?=).
 */
export function decodeHeader(raw: string, charset?: string): string {
  let v = raw;
  if (/[\x80-\xff]/.test(v)) {
    const bytes = Uint8Array.from(Buffer.from(v, 'latin1'));
    try {
      v = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      v = decodeCharset(bytes, charset);
    }
  }
  return v
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, cs: string, enc: string, text: string) => {
      const bytes = enc.toUpperCase() === 'B' ? decodeBase64(text) : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return decodeCharset(bytes, cs);
    });
}

/** A header's main value and its parameters: "text/plain; charset=x" -> ["text/plain", {charset: "x"}]. */
export function headerParams(v: string | undefined): [string, Record<string, string>] {
  if (!v) return ['', {}];
  const [main, ...rest] = v.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const k = p.indexOf('=');
    if (k > 0) params[p.slice(0, k).trim().toLowerCase()] = p.slice(k + 1).trim().replace(/^"|"$/g, '');
  }
  return [main.trim().toLowerCase(), params];
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '(c)', reg: '(R)', trade: '(TM)', middot: '-', bull: '-', mdash: '-', ndash: '-', hellip: '...', rsquo: "'", lsquo: "'", rdquo: '"', ldquo: '"' };

/** HTML to plain text: drop scripts, styles and comments, break at block tags, strip tags, decode entities. */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(br|p|div|tr|li|h[1-6]|table|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : ' ';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/** The body of a part as text: transfer encoding undone, charset decoded, HTML flattened. */
function partText(p: MailPart): { text: string; html: boolean } {
  const [type, params] = headerParams(p.headers.get('content-type'));
  const enc = (p.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  let bytes = p.body;
  if (enc.includes('quoted-printable')) bytes = decodeQuotedPrintable(latin1(bytes));
  else if (enc.includes('base64')) bytes = decodeBase64(latin1(bytes));
  const text = decodeCharset(bytes, params.charset);
  const html = type === 'text/html' || (type === '' && /<html|<body|<br>|<p>/i.test(text.slice(0, 2000)));
  return { text: html ? htmlToText(text) : text, html };
}

/** Find the readable text of a message: text/plain preferred over text/html, recursing into multiparts. */
export function bodyText(p: MailPart, depth = 0): string {
  const [type, params] = headerParams(p.headers.get('content-type'));
  if (type.startsWith('multipart/') && params.boundary && depth < 5) {
    const all = latin1(p.body);
    // Drop the epilogue after the closing boundary: it is not a part.
    const close = all.indexOf(`--${params.boundary}--`);
    const s = close >= 0 ? all.slice(0, close) : all;
    const parts = s.split(new RegExp(`^--${params.boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?$`, 'm'));
    const children = parts.slice(1).map((x) => parsePart(Uint8Array.from(Buffer.from(x.replace(/^\r?\n/, ''), 'latin1'))));
    const texts = children
      .map((c) => ({ c, type: headerParams(c.headers.get('content-type'))[0] || 'text/plain' }))
      .filter(({ type: t }) => t.startsWith('text/') || t.startsWith('multipart/'));
    const plain = texts.find(({ type: t }) => t === 'text/plain');
    const pick = plain ?? texts.find(({ type: t }) => t === 'text/html') ?? texts[0];
    return pick ? bodyText(pick.c, depth + 1) : '';
  }
  if (type && !type.startsWith('text/') && !type.startsWith('multipart/')) return '';
  return partText(p).text;
}
