/**
 * The classroom overview (route classroom): how to run a class, the two windows to open, the
 * script's steps with the lab page each lives on, which steps cannot run live without WebGPU, the
 * share code of the first step, and whether the site is ready offline and how much it stored.
 */
import { Link } from 'react-router';
import { CLASSROOM_SCRIPT } from '../../lessons/classroom/script.ts';
import { useLab } from '../../store/index.ts';
import { formatBytes } from '../engine/format.ts';
import { stepRoute } from './deck.ts';
import { useOffline, type OfflineState } from './offline.ts';
import { ShareCard } from './ShareCard.tsx';
import { stored } from './useDeck.ts';
import './classroom.css';

/** Whether the site is stored for offline use, and how much it stored. */
export function OfflineLine({ st }: { st: OfflineState }) {
  const text = {
    dev: 'Offline caching works in the built site (npm run build, then npm run preview), not in the development server.',
    unsupported: 'This browser has no service workers, so the lab needs the network every time.',
    installing: 'Storing the lab for offline use…',
    ready: st.state === 'ready' ? `Ready offline: ${formatBytes(st.bytes)} stored (${st.files} files: the app, the datasets and the shipped models). The network can be unplugged now.` : '',
    error: st.state === 'error' ? `Could not store the lab for offline use: ${st.message}` : '',
  }[st.state];
  return <p role="status" data-testid="offline-status" data-state={st.state}>{text}</p>;
}

export function Overview() {
  const offline = useOffline();
  const noGpu = useLab((s) => s.gpu.state === 'unavailable');
  // A second window joins the class where it is (the shared deck's step).
  const open = (role: 'show' | 'present') => window.open(`#${stepRoute(role, stored().step)}`, `lab-classroom-${role}`);
  return (
    <div className="classroom-overview">
      <section className="card">
        <h1>Classroom mode</h1>
        <p>A scripted demo of the whole lab for 10 to 20 minutes in front of a class: raw text becomes tokens, a model trains live, writes, becomes a spam detector, and an instruction-tuned model answers beside the base.</p>
        <ol>
          <li>Open this page once on the laptop while it is online; wait for “Ready offline” below.</li>
          <li>Open the projector view on the projector's screen (full screen with F11).</li>
          <li>Open the presenter view on your own screen: notes, timer and the buttons.</li>
          <li>Move with → / Space / PageDown (a clicker) and ← / PageUp in either window; Esc leaves.</li>
          <li>A training step can run live as long as you like, or skip to the model trained earlier.</li>
        </ol>
        <p>
          <button type="button" onClick={() => open('show')} data-testid="open-show">Open the projector view</button>{' '}
          <button type="button" onClick={() => open('present')} data-testid="open-present">Open the presenter view</button>
        </p>
        <OfflineLine st={offline} />
        {noGpu && <p role="note" data-testid="overview-not-live">This browser has no WebGPU: the steps {CLASSROOM_SCRIPT.filter((s) => s.needsGpu).map((s) => `“${s.title}”`).join(', ')} cannot be shown live; they show what the shipped models' records say. The others run as usual.</p>}
      </section>
      <section className="card">
        <h2>The steps</h2>
        <ol data-testid="overview-steps">
          {CLASSROOM_SCRIPT.map((s, i) => (
            <li key={s.id}>
              <Link to={stepRoute('show', i)}>{s.title}</Link> <span className="small muted">(about {s.minutes} min{s.needsGpu ? ', needs WebGPU' : ''}; in the lab: <Link to={`/${s.page}`}>{s.page}</Link>)</span>
            </li>
          ))}
        </ol>
      </section>
      <ShareCard step={0} />
    </div>
  );
}
