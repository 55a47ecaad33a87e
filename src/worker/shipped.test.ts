import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_BASE, SHIPPED_INSTRUCT } from './protocol.ts';
import { parseManifest, Shipped, type FetchLike } from './shipped.ts';

const manifest = readFileSync('public/models/manifest.json', 'utf8');

/** A server holding `files` (name -> bytes); anything else gets the app's HTML page, as Vite's dev server does. */
function server(files: Record<string, Uint8Array>): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const f = async (url: string, init?: RequestInit) => {
    const name = url.slice(url.lastIndexOf('/') + 1);
    calls.push(`${init?.method ?? 'GET'} ${name}`);
    if (name === 'manifest.json') return new Response(manifest, { headers: { 'content-type': 'application/json' } });
    const b = files[name];
    if (!b) return new Response('<!doctype html><title>lab</title>', { headers: { 'content-type': 'text/html' } });
    return new Response(init?.method === 'HEAD' ? null : b.slice(), { headers: { 'content-type': 'application/octet-stream', 'content-length': String(b.length) } });
  };
  return Object.assign(f, { calls });
}

describe('shipped checkpoints', () => {
  it('the manifest lists the four lesson checkpoints with their stage and lineage', () => {
    const entries = parseManifest(manifest);
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining([SHIPPED_BASE, SHIPPED_INSTRUCT, 'shipped:base-test', 'shipped:instruct-test']));
    expect(entries.find((e) => e.id === SHIPPED_INSTRUCT)).toMatchObject({ stage: 'instruct', parent: SHIPPED_BASE, preset: 'small' });
    expect(entries.find((e) => e.id === 'shipped:instruct-test')).toMatchObject({ stage: 'instruct', parent: 'shipped:base-test', preset: 'test' });
  });

  it('refuses a manifest entry with a bad field, naming it', () => {
    expect(() => parseManifest('{"checkpoints":[{"id":"base","name":"x","file":"x","stage":"pretrain","preset":"test","description":"d"}]}')).toThrow(/checkpoints\[0\] field "id" must start with "shipped:"/);
    expect(() => parseManifest('{"checkpoints":[{"id":"shipped:x","name":"x","file":"x","stage":"eat","preset":"test","description":"d"}]}')).toThrow(/field "stage"/);
    expect(() => parseManifest('[]')).toThrow(/"checkpoints" must be a list/);
  });

  it('lists only files the server has, and a missing file fails naming it', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => i % 251);
    const fetchFn = server({ 'base-test.safetensors': bytes });
    const s = new Shipped('http://lab.test/app/', fetchFn);
    const rows = await s.list();
    expect(rows.map((r) => r.id)).toEqual(['shipped:base-test']);
    expect(rows[0]).toMatchObject({ shipped: true, stage: 'pretrain', bytes: 1000, preset: 'test', auto: false });
    const seen: number[] = [];
    const got = await s.fetch('shipped:base-test', (d) => seen.push(d));
    expect(got).toEqual(bytes);
    expect(seen.at(-1)).toBe(1000);
    // fetched once, then kept
    await s.fetch('shipped:base-test');
    expect(fetchFn.calls.filter((c) => c === 'GET base-test.safetensors')).toHaveLength(1);
    await expect(s.fetch(SHIPPED_BASE)).rejects.toThrow(/public\/models\/base-small\.safetensors\) is not on the server/);
    await expect(s.fetch('shipped:nope')).rejects.toThrow(/no shipped checkpoint "shipped:nope"/);
  });
});
