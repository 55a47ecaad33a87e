// The MIME reader and message cleaning on hand-made messages: encodings, charsets, multipart
// choice, HTML, headers, truncation.
import { describe, expect, it } from 'vitest';
import { bodyText, decodeHeader, decodeQuotedPrintable, htmlToText, parsePart } from './mail.ts';
import { messageText, truncateWords } from './spam.ts';

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
    expect(t.startsWith('Re: plans\nSounds good, see you at eight')).toBe(true);
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
