// The MIME reader and message cleaning on hand-made messages: encodings, charsets, multipart
// choice, HTML, headers, truncation.
import { describe, expect, it } from 'vitest';
import { bodyText, decodeHeader, decodeQuotedPrintable, htmlToText, parsePart } from './mail.ts';
import { cleanSubject, messageText, truncateWords, type CleaningRule } from './spam.ts';

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

describe('mail parsing', () => {
  it('quoted-printable: escapes and soft line breaks', () => {
    expect(Buffer.from(decodeQuotedPrintable('caf=E9 cr=\n=E8me =3D ok')).toString('latin1')).toBe('café crème = ok');
  });

  it('RFC 2047 subjects in Q and B encodings', () => {
    expect(decodeHeader('=?iso-8859-1?Q?Caf=E9_ouvert?=')).toBe('Café ouvert');
    expect(decodeHeader('=?utf-8?B?SGVsbG8gd29ybGQ=?=')).toBe('Hello world');
  });

  it('HTML to text: tags, scripts, comments, entities', () => {
    const t = htmlToText('<html><head><title>x</title></head><body><p>Buy&nbsp;now &amp; save<br>50&#37;</p><script>evil()</script><!-- hidden --></body></html>');
    expect(t.replace(/\s+/g, ' ').trim()).toBe('Buy now & save 50%');
  });

  it('headers unfold; a base64 text/plain body decodes', () => {
    const raw = `Subject: Hello\n  there\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n${Buffer.from('Grüße aus Köln').toString('base64')}\n`;
    const p = parsePart(bytes(raw));
    expect(p.headers.get('subject')).toBe('Hello there');
    expect(bodyText(p).trim()).toBe('Grüße aus Köln');
  });

  it('multipart/alternative: text/plain is preferred over text/html; html is used when alone', () => {
    const alt = 'Subject: A\nContent-Type: multipart/alternative; boundary="XX"\n\npreamble\n--XX\nContent-Type: text/html\n\n<b>html</b>\n--XX\nContent-Type: text/plain\n\nplain words\n--XX--\nepilogue\n';
    expect(bodyText(parsePart(bytes(alt))).trim()).toBe('plain words');
    const html = 'Subject: A\nContent-Type: multipart/mixed; boundary=YY\n\n--YY\nContent-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n<p>Caf=E9</p>\n--YY\nContent-Type: application/octet-stream\n\nAAAA\n--YY--\n';
    expect(bodyText(parsePart(bytes(html))).trim()).toBe('Café');
  });

  it('messageText: subject, newline, body without quoted lines, cut at a word boundary', () => {
    const raw = `Subject: Re: plans\n\n> old quoted text\nSounds good,   see you\n\nat ${'eight '.repeat(100)}`;
    const t = messageText(bytes(raw), 60);
    // The reply prefix is a source cleaning rule (tested below); the uncleaned text keeps it.
    expect(t.startsWith('plans\nSounds good, see you at eight')).toBe(true);
    expect(messageText(bytes(raw), 60, undefined, false).startsWith('Re: plans\nSounds good, see you at eight')).toBe(true);
    expect(t.length).toBeLessThanOrEqual(60);
    expect(t.endsWith('eight')).toBe(true);
    expect(truncateWords('one two three', 9)).toBe('one two');
    // Control bytes (a binary attachment sent as text/plain) become spaces.
    expect(messageText(bytes('Subject: x\n\nab\x00\x11cd\tef'))).toBe('x\nab cd ef');
  });

  it('raw 8-bit subjects are decoded with the message charset (UTF-8 when valid)', () => {
    const euckr = Buffer.from([0xbf, 0xe4, 0xc1, 0xf2]).toString('latin1'); // 요즘 in EUC-KR
    expect(messageText(bytes(`Subject: ${euckr}\nContent-Type: text/plain; charset=euc-kr\n\nbody`))).toBe('요즘\nbody');
    const utf8 = Buffer.from('Grüße', 'utf8').toString('latin1');
    expect(messageText(bytes(`Subject: ${utf8}\n\nbody`))).toBe('Grüße\nbody');
  });
});

describe('source cleaning', () => {
  const clean = (raw: string) => {
    const hits = new Set<CleaningRule>();
    return { text: messageText(bytes(raw), 400, hits), hits: [...hits].sort() };
  };

  it('subject: reply prefixes, list tags and "(was Re: ...)" go, repeated ones too', () => {
    expect(cleanSubject('Re: [zzzzteana] RE: Fwd: Nothing like mama used to make')).toBe('Nothing like mama used to make');
    expect(cleanSubject('FWD [fort] Evidence Britons')).toBe('Evidence Britons');
    expect(cleanSubject('Selling Wedded Bliss (was Re: Ouch...)')).toBe('Selling Wedded Bliss');
    // A word that merely starts like a prefix stays.
    expect(cleanSubject('Really cheap: Refinance now')).toBe('Really cheap: Refinance now');
  });

  it('body: quoted headers, attributions, quotes, signatures and list footers go; each rule is noted', () => {
    const raw = [
      'Subject: [ILUG] Re: Sun Solaris',
      '',
      'Date: Wed, 21 Aug 2002 10:54:46 -0500',
      'From: Chris <cwg@example.com>',
      'On Sun, 1 Sep 2002, Joseph wrote:',
      'J> the old words',
      'It runs Solaris 8 x86 as standard, see http://www.example.com/x?id=123&track=9 for more.',
      '-- ',
      'Irish Linux Users Group: ilug@linux.ie',
    ].join('\n');
    const { text, hits } = clean(raw);
    expect(text).toBe('Sun Solaris\nIt runs Solaris 8 x86 as standard, see http://www.example.com for more.');
    expect(hits).toEqual(['attribution', 'list-footer', 'list-tag', 'quoted-header', 'reply-prefix', 'tracking']);
  });

  it('a plain message is left as it is and notes no rule', () => {
    const { text, hits } = clean('Subject: Dinner on Saturday?\n\nAre you free on Saturday? We could cook.');
    expect(text).toBe('Dinner on Saturday?\nAre you free on Saturday? We could cook.');
    expect(hits).toEqual([]);
  });
});
