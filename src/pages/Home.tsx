/** The home page: what the lab is, its areas, and the "Your GPU" panel. */
import { Link } from 'react-router';
import { GpuPanel } from '../components/GpuPanel.tsx';
import { AREAS } from './areas.ts';

export default function Home() {
  return (
    <>
      <section className="hero">
        <h1>Train a tiny GPT in your browser</h1>
        <p>
          This lab builds a small GPT-style language model and trains it right here, on your own graphics card, with
          compute kernels written by hand in WGSL. You follow it through the three stages that turn raw text into a
          helpful model: <strong>pretraining</strong> on plain text, <strong>classification finetuning</strong> into a
          spam detector, and <strong>instruction tuning</strong> into a model that answers requests.
        </p>
        <p>Teaching a class? <Link to="/classroom">Classroom mode</Link> runs the whole story on a projector in 15 minutes, with a presenter window, a QR code for the room, and trained models to skip to.</p>
      </section>
      {AREAS.length > 0 && (
        <nav aria-label="Areas of the lab" className="areas">
          <ul>
            {AREAS.map((a) => (
              <li key={a.path} className="card">
                <Link to={`/${a.path}`}>{a.title}</Link>
                <p>{a.blurb}</p>
                {a.needsGpu && <p className="muted small">Uses your GPU</p>}
              </li>
            ))}
          </ul>
        </nav>
      )}
      <GpuPanel />
    </>
  );
}
