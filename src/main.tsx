/** Entry point: mounts the app and starts the engine worker (which probes the GPU). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App.tsx';
import { startEngine } from './store/bridge.ts';
import './styles.css';

startEngine();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
