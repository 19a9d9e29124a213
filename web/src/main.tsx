import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CasePage } from './pages/CasePage';
import { CustomerPage } from './pages/CustomerPage';
import { QueuePage } from './pages/QueuePage';
import { WebhooksPage } from './pages/WebhooksPage';
import { Link, useLocation } from './router';
import { SessionContext, loadSession, signOut, type Session } from './session';
import './styles.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: true } } });

function Page({ session }: { session: Session }) {
  const { path } = useLocation();
  const caseMatch = /^\/cases\/([0-9a-f-]{36})$/.exec(path);
  if (caseMatch) return <CasePage id={caseMatch[1]!} />;
  const customerMatch = /^\/customers\/([0-9a-f-]{36})$/.exec(path);
  if (customerMatch) return <CustomerPage id={customerMatch[1]!} />;
  if (path === '/webhooks' && session.role === 'admin') return <WebhooksPage />;
  if (path === '/' || path === '') return <QueuePage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/desk/">Back to the queue</Link>
      </p>
    </section>
  );
}

function Desk() {
  const session = useQuery({ queryKey: ['session'], queryFn: loadSession, staleTime: Infinity });
  if (session.isPending) return <p className="loading">Loading…</p>;
  if (session.isError) return <p role="alert">The desk could not start: {session.error.message}</p>;
  const s = session.data;
  return (
    <SessionContext.Provider value={s}>
      <header className="top">
        <Link to="/desk/" className="brand">
          cipdesk
        </Link>
        <nav aria-label="Main">
          <Link to="/desk/">Queue</Link>
          {s.role === 'admin' && <Link to="/desk/webhooks">Webhooks</Link>}
        </nav>
        <div className="who">
          <span>
            {s.subject} <span className="role">({s.role.replace('_', ' ')})</span>
          </span>
          <button type="button" className="secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <Page session={s} />
      </main>
    </SessionContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Desk />
    </QueryClientProvider>
  </StrictMode>,
);
