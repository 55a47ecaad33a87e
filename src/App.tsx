/** The app shell: header navigation, routes (each area lazily loaded) and a not-found page. */
import { Suspense } from 'react';
import { createHashRouter, Link, NavLink, Outlet, RouterProvider } from 'react-router';
import Home from './pages/Home.tsx';
import { AREAS } from './pages/areas.ts';

function Layout() {
  return (
    <>
      <header className="top">
        <Link to="/" className="brand">WebGPU LLM lab</Link>
        <nav aria-label="Main">
          {AREAS.map((a) => (
            <NavLink key={a.path} to={`/${a.path}`}>{a.title}</NavLink>
          ))}
        </nav>
      </header>
      <main id="main">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

function NotFound() {
  return (
    <section className="card">
      <h1>Page not found</h1>
      <p><Link to="/">Back to the lab's home page</Link></p>
    </section>
  );
}

const router = createHashRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      ...AREAS.map((a) => ({ path: `${a.path}/*`, element: <a.page /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export default function App() {
  return <RouterProvider router={router} />;
}
