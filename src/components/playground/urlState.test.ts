import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, MAX_PANES, MAX_PROMPT_CHARS, parseState, stateQuery, type PlaygroundState } from './urlState.ts';

describe('playground state in the URL', () => {
  it('round-trips every field, including a prompt with newlines, quotes, & and #', () => {
    const s: PlaygroundState = {
      prompt: 'Is this message spam or ham?\n\nWin £500 now & reply #1 "today"',
      temperature: 1.3, topK: 0, topP: 0.5, maxTokens: 17, seed: 123456, template: false,
      models: ['shipped:base-test', null, 'autosave:instruct'],
    };
    const q = stateQuery(s);
    expect(q).not.toContain('#');
    expect(parseState(q)).toEqual({ state: s, notes: [] });
    expect(parseState(`?${q}`).state).toEqual(s);
  });

  it('uses the defaults, silently, for an empty query', () => {
    expect(parseState('')).toEqual({ state: DEFAULT_STATE, notes: [] });
  });

  it('falls back per field with a note naming the parameter and the value', () => {
    const { state, notes } = parseState('t=hot&k=2.5&p=0&n=5000&seed=-1&tpl=yes&prompt=Hi');
    expect(state).toEqual({ ...DEFAULT_STATE, prompt: 'Hi' });
    expect(notes).toHaveLength(6);
    expect(notes[0]).toBe('Ignored t="hot": it must be a number from 0 to 5; using 0.7.');
    expect(notes[1]).toContain('k="2.5": it must be a whole number from 0 to 1024');
    expect(notes[2]).toContain('p="0"');
    expect(notes[3]).toContain('n="5000"');
    expect(notes[4]).toContain('seed="-1"');
    expect(notes[5]).toContain('tpl="yes"');
  });

  it('keeps the good values next to bad ones', () => {
    const { state, notes } = parseState('t=0&k=abc&seed=9');
    expect(state.temperature).toBe(0);
    expect(state.topK).toBe(DEFAULT_STATE.topK);
    expect(state.seed).toBe(9);
    expect(notes).toHaveLength(1);
  });

  it('caps the panes and the prompt, and refuses a malformed checkpoint id', () => {
    const { state, notes } = parseState(`m=a&m=b&m=c&m=d&prompt=${'x'.repeat(MAX_PROMPT_CHARS + 5)}`);
    expect(state.models).toEqual(['a', 'b', 'c']);
    expect(state.models).toHaveLength(MAX_PANES);
    expect(state.prompt).toHaveLength(MAX_PROMPT_CHARS);
    expect(notes).toHaveLength(2);
    const bad = parseState('m=shipped:base-test&m=%3Cscript%3E');
    expect(bad.state.models).toEqual(['shipped:base-test', null]);
    expect(bad.notes[0]).toContain('pane 2');
  });

  it('reads an empty m as "the default for this pane", and always has two panes', () => {
    expect(parseState('m=&m=shipped:instruct-test').state.models).toEqual([null, 'shipped:instruct-test']);
    expect(parseState('m=shipped:base-test').state.models).toEqual(['shipped:base-test', null]);
  });
});
