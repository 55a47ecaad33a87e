/**
 * Classroom mode (route classroom): the overview (how to run a class, the steps, share and offline
 * readiness), the projector window (classroom/show/N), the presenter window (classroom/present/N)
 * and a student's link (classroom/N). The route holds the step, so a reload keeps it; the windows
 * keep in step over a BroadcastChannel (useDeck). The page loads what the views share: the
 * shipped models' manifest, the start of the corpus and its tokens.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { DemoContext } from '../components/classroom/context.ts';
import { clampStep, keyMove, parseFlags, parseRoute, stepRoute, type DeckRole } from '../components/classroom/deck.ts';
import { Overview } from '../components/classroom/Overview.tsx';
import { demoSize, loadManifest, type ShippedEntry } from '../components/classroom/shipped.ts';
import { useDeck } from '../components/classroom/useDeck.ts';
import { PresenterWindow, ShowWindow, useShowStatus } from '../components/classroom/Windows.tsx';
import { CLASSROOM_SCRIPT, RAW_CHARS } from '../lessons/classroom/script.ts';
import { useLab } from '../store/index.ts';
import { fetchText } from '../util/fetch.ts';
import { loadPageTokenizer } from './lessons/instructTokens.ts';

const BASE = import.meta.env.BASE_URL;
const COUNT = CLASSROOM_SCRIPT.length;

/** The corpus's first paragraph of about RAW_CHARS characters, cut at a sentence end, and its tokens. */
async function loadRaw(): Promise<DemoContext['raw']> {
  const [head, tok] = await Promise.all([fetchText(`${BASE}datasets/corpus-train.txt`, undefined, RAW_CHARS * 4), loadPageTokenizer()]);
  const flat = head.replace(/\s+/g, ' ').trim();
  const cut = flat.lastIndexOf('. ', RAW_CHARS);
  const text = cut > 0 ? flat.slice(0, cut + 1) : flat.slice(0, RAW_CHARS);
  return { text, tokens: tok.pieces(text).map((p) => ({ id: p.id, text: p.text })) };
}

/** Keys typed into a field or on a focused button belong to it, not to the deck. */
const ownsKeys = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName));

function DemoWindow({ role, urlStep }: { role: DeckRole; urlStep: number }) {
  const navigate = useNavigate();
  const { search } = useLocation();
  const flags = useMemo(() => parseFlags(search, role), [search, role]);
  const { deck, update, status, sendStatus } = useDeck(role, urlStep);
  const isFallback = useLab((s) => (s.gpu.state === 'ready' ? s.gpu.report.isFallback : null));
  const size = demoSize(new URLSearchParams(search).get('size'), isFallback);
  const [manifest, setManifest] = useState<ShippedEntry[] | null>(null);
  const [raw, setRaw] = useState<DemoContext['raw']>(null);
  useEffect(() => {
    loadManifest(BASE).then(setManifest, () => setManifest([]));
    loadRaw().then(setRaw, () => setRaw({ text: 'The corpus could not be loaded.', tokens: [] }));
  }, []);

  // The route follows the deck when the deck moves (a key here, or a move in the other window);
  // a route that moves first (the address bar, back) moves the deck instead (useDeck).
  const shownStep = useRef(deck.step);
  useEffect(() => {
    if (deck.step === shownStep.current) return;
    shownStep.current = deck.step;
    if (deck.step !== urlStep) navigate(stepRoute(role, deck.step) + search, { replace: true });
  }, [deck.step, urlStep, role, search, navigate]);

  const move = useCallback((d: number) => update((now) => ({ step: clampStep(now.step + d, COUNT) })), [update]);
  useEffect(() => {
    if (role === 'student' && !flags.controls) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKeys(e.target)) return;
      const m = keyMove(e.key);
      if (!m) return;
      e.preventDefault();
      if (m === 'exit') navigate('/classroom');
      else move(m === 'next' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [role, flags.controls, move, navigate]);

  // The projector hides the lab's header and uses the whole screen.
  useEffect(() => {
    if (role === 'present') return;
    document.body.classList.add('projector');
    return () => document.body.classList.remove('projector');
  }, [role]);

  const ctx: DemoContext = { role, flags, size, deck, update, manifest, raw, runs: role !== 'present' };
  const line = useShowStatus();
  useEffect(() => {
    if (role === 'show') sendStatus(line);
  }, [role, line, sendStatus]);
  return role === 'present' ? <PresenterWindow ctx={ctx} onMove={move} status={status} /> : <ShowWindow ctx={ctx} onMove={move} />;
}

export default function Classroom() {
  const rest = useParams()['*'] ?? '';
  const where = parseRoute(rest, COUNT);
  if (!where) {
    if (rest !== '') return <p>No such classroom page. <Link to="/classroom">The classroom overview</Link></p>;
    return <Overview />;
  }
  return <DemoWindow key={where.role} role={where.role} urlStep={where.step} />;
}
