/**
 * "Share with the class": the short link of the current step and its QR code (drawn by the
 * maintained `qrcode` package), read-only by default or with the student's own controls, and the
 * URL flags for embedding. The link opens the step on the student's own device.
 */
import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';
import { studentLink } from './deck.ts';

export function ShareCard({ step, size = 220 }: { step: number; size?: number }) {
  const [controls, setControls] = useState(false);
  const link = studentLink(location.href, step, controls ? { controls: true } : undefined);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    QRCode.toCanvas(canvas.current, link, { width: size, margin: 2, errorCorrectionLevel: 'M' }).then(() => setError(null), (e: unknown) => setError(String(e)));
  }, [link, size]);
  return (
    <section className="share-card" aria-labelledby="share-title" data-testid="share-card">
      <h2 id="share-title">Share this step</h2>
      <canvas ref={canvas} data-testid="share-qr" data-link={link} aria-label={`QR code of ${link}`} />
      <p><a href={link} data-testid="share-link">{link}</a></p>
      <label className="small"><input type="checkbox" checked={controls} onChange={(e) => setControls(e.currentTarget.checked)} data-testid="share-controls" /> Students get their own controls</label>
      <p className="small muted">Add <code>text=0</code> to hide the step's title and words, <code>controls=0</code> to hide buttons (for embedding).</p>
      {/^(localhost|127\.|\[::1\])/.test(location.hostname) && (
        <p role="note" className="small" data-testid="share-localhost">
          Students' devices cannot open <code>{location.hostname}</code>: serve the lab on the network (<code>npm run preview -- --host</code>) and open it here by the network address it prints.
        </p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
