/**
 * The playground: two or three panes, each bound to a checkpoint (by default the learner's base
 * and instruct models, the shipped ones until they train their own), answering one prompt with
 * the same seed and sampling settings, tokens streaming in; any token opens a chart of what else
 * the model could have written there. The prompt, the settings and the chosen checkpoints live in
 * the URL (src/components/playground/urlState.ts), so a shared link opens the same comparison.
 * Without WebGPU it explains why it cannot sample.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { AttentionPanel, openAttention, type AttentionSource } from '../components/playground/AttentionPanel.tsx';
import { ClassifyBox } from '../components/playground/ClassifyBox.tsx';
import { useMyModels, usePreferModel } from '../components/playground/models.ts';
import { forgetRequest, listCheckpoints, sampleFrom, selectSample } from '../store/api.ts';
import { useLab } from '../store/index.ts';
import { textModels } from '../components/playground/ModelPicker.tsx';
import { Pane, type PaneProps } from '../components/playground/Pane.tsx';
import { resolveModels } from '../components/playground/panes.ts';
import { PromptBox } from '../components/playground/PromptBox.tsx';
import { SamplingControls } from '../components/playground/SamplingControls.tsx';
import { MAX_PANES, MIN_PANES, parseState, stateQuery, type PlaygroundState } from '../components/playground/urlState.ts';
import '../components/playground/playground.css';
import { WebGPUHelp } from '../components/WebGPUHelp.tsx';
import { PRESETS } from '../lessons/playground/presets.ts';
import { formatPrompt } from '../train/prompt.ts';
import { DeviceLost } from '../components/DeviceLost.tsx';

/** One pane bound to the store's stream of its latest request. */
function PaneSlot({ requestId, sentPrompt, onAttend, ...rest }: Omit<PaneProps, 'stream' | 'slots' | 'onAttention'> & { requestId: number | null; sentPrompt: string; onAttend(s: AttentionSource): void }) {
  const slots = useLab((s) => s.slots);
  const stream = useLab(selectSample(requestId));
  // Show the text as the model saw it (wrapped in the template when that was on).
  const attend = stream ? () => onAttend(openAttention({ model: stream.model, prompt: sentPrompt, ids: stream.tokens.map((t) => t.id), pane: rest.index })) : undefined;
  return <Pane {...rest} slots={slots} stream={stream ? { ...stream, prompt: sentPrompt } : null} onAttention={attend} />;
}

/** Copies the page's address, which holds the whole comparison, for sharing with a class. */
function CopyLink() {
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setSaid('Link copied: it opens this prompt, these settings and these models.');
    } catch {
      setSaid('Copying was refused; copy the address from the address bar instead.');
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void copy()}>Copy a link to this comparison</button>
      <span className="muted small" role="status">{said}</span>
    </>
  );
}

/** The query part of the hash route (`#/playground?...`), as the address bar has it now. */
function hashQuery(): string {
  const h = window.location.hash;
  const i = h.indexOf('?');
  return i < 0 ? '' : h.slice(i + 1);
}

export default function Playground() {
  const { search } = useLocation();
  const navigate = useNavigate();
  // The state the URL asked for when the page opened (or a new link was opened over it), with notes on what was refused.
  const [{ state, notes }, setParsed] = useState(() => parseState(search));
  const gpu = useLab((s) => s.gpu);
  const slots = useLab((s) => s.slots);
  const mine = useMyModels();
  const dpo = usePreferModel();
  // The latest requests, one per pane, and the prompt text they were sent with.
  const [sent, setSent] = useState<{ ids: (number | null)[]; prompt: string }>({ ids: [], prompt: '' });
  const busy = useLab((s) => sent.ids.some((id) => id !== null && s.samples[id]?.running === true));
  const [dismissed, setDismissed] = useState(false);
  const [attention, setAttention] = useState<AttentionSource | null>(null);

  // The page's state goes into the URL as it changes (replacing, so Back still leaves the page).
  const written = stateQuery(state);
  useEffect(() => {
    if (hashQuery() !== written) void navigate({ search: `?${written}` }, { replace: true });
  }, [written, navigate]);
  // A link pasted into the address bar over this page (our own replacements fire no hashchange).
  useEffect(() => {
    const onHash = () => {
      const q = hashQuery();
      setParsed((p) => (stateQuery(p.state) === q ? p : parseState(q)));
      setDismissed(false);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const ready = gpu.state === 'ready';
  useEffect(() => {
    if (ready) listCheckpoints();
  }, [ready]);

  const panes = resolveModels(state.models, slots.length > 0 ? textModels(slots).map((s) => s.id) : null, mine);
  const allNotes = [...notes, ...panes.flatMap((p) => (p.note ? [p.note] : []))];

  const update = (patch: Partial<PlaygroundState>) => setParsed((p) => ({ ...p, state: { ...p.state, ...patch } }));
  const setModel = (i: number, id: string) => update({ models: state.models.map((m, j) => (j === i ? id : m)) });
  const removePane = (i: number) => {
    update({ models: state.models.filter((_, j) => j !== i) });
    const gone = sent.ids[i];
    if (gone != null) forgetRequest(gone);
    setSent((s) => ({ ...s, ids: s.ids.filter((_, j) => j !== i) }));
  };

  const whyNot = !ready ? 'Generating needs WebGPU in this browser.'
    : state.prompt.trim() === '' ? 'Write a prompt first.'
      : panes.some((p) => p.id === '')
        ? (slots.length ? 'No checkpoint here can write text yet: train one in the workshop, or choose another in each pane.' : 'Waiting for the list of checkpoints…')
        : null;
  const generate = () => {
    const { prompt, temperature, topK, topP, maxTokens, seed, template } = state;
    for (const id of sent.ids) if (id !== null) forgetRequest(id);
    const ids = panes.map((p) => sampleFrom(p.id, { prompt, temperature, topK, topP, maxTokens, seed, template }));
    setSent({ ids, prompt: template ? formatPrompt({ instruction: prompt }) : prompt });
  };
  const preset = PRESETS.find((p) => p.prompt === state.prompt);

  return (
    <div className="playground">
      <h1>Playground: base and instruct, side by side</h1>
      <p>
        Ask several models the same thing at once. Each pane samples from one checkpoint with the same prompt, seed and
        settings, so any difference you see comes from the weights. Try an instruction with and without the template:
        a base model keeps writing text, while a model tuned on instructions answers and stops.
      </p>
      {allNotes.length > 0 && !dismissed && (
        <div className="card warn" role="status" data-testid="pg-url-notes">
          <p><strong>Some of the link's settings could not be used:</strong></p>
          <ul>{allNotes.map((n) => <li key={n}>{n}</li>)}</ul>
          <button type="button" className="secondary" onClick={() => setDismissed(true)}>Dismiss</button>
        </div>
      )}
      {gpu.state === 'unavailable' && (
        <>
          <p role="alert" data-testid="pg-needs-webgpu">
            The models write their text on the GPU through WebGPU, which this browser does not offer, so the playground cannot
            generate here. The presets below still show what each comparison is about.
          </p>
          <WebGPUHelp status={gpu} />
        </>
      )}
      <DeviceLost gpu={gpu} />
      {gpu.state === 'probing' && <p role="status">Asking the browser for a WebGPU adapter…</p>}
      <PromptBox prompt={state.prompt} preset={preset} busy={busy} canGenerate={whyNot === null && !busy} whyNot={whyNot}
        onPrompt={(prompt) => update({ prompt })} onPreset={(p) => update({ prompt: p.prompt, template: p.template })} onGenerate={generate} />
      <SamplingControls settings={state} disabled={busy} onChange={update} />
      <p className="pg-row" data-testid="pg-sft-dpo">
        <button type="button" className="secondary" disabled={busy || !dpo || !mine.instruct} data-testid="pg-sft-vs-dpo"
          onClick={() => update({ models: [mine.instruct, dpo], template: true, prompt: state.prompt.trim() ? state.prompt : 'Where was Tova Brenlik born?' })}>
          SFT vs DPO
        </button>{' '}
        <span className="small muted">{dpo ? 'Your instruct model beside the preference-tuned one: ask about someone the model never read about.' : 'No preference-tuned (DPO) model yet: train one in lesson 4 and it appears here, beside the instruct model.'}</span>
      </p>
      <div className="pg-panes" data-count={panes.length}>
        {panes.map((p, i) => (
          <PaneSlot key={i} index={i + 1} model={p.id} requestId={sent.ids[i] ?? null} sentPrompt={sent.prompt} busy={busy}
            onModel={(id) => setModel(i, id)} onRemove={panes.length > MIN_PANES ? () => removePane(i) : undefined} onAttend={(a) => { if (attention) forgetRequest(attention.requestId); setAttention(a); }} />
        ))}
      </div>
      {attention && ready && <AttentionPanel source={attention} models={panes.map((p) => p.id)} onClose={() => { forgetRequest(attention.requestId); setAttention(null); }} />}
      <div className="pg-row">
        {panes.length < MAX_PANES && (
          <button type="button" className="secondary" disabled={busy} data-testid="pg-add-pane" onClick={() => update({ models: [...state.models, null] })}>
            Add a third pane
          </button>
        )}
        <CopyLink />
      </div>
      <p className="muted small">
        Each pane lists the checkpoints shipped with the lab and those you saved or uploaded in
        the <Link to="/workshop">model workshop</Link> or a lesson. A spam classifier cannot write text; try it in the box below.
      </p>
      {ready && <ClassifyBox />}
    </div>
  );
}
