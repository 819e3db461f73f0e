import { DisplayPage } from './display/DisplayPage';
import { useI18n } from './i18n';
import { JoinPage } from './join/JoinPage';
import { useRoute } from './router';
import { TicketPage } from './ticket/TicketPage';

export function App() {
  const { t, toggle } = useI18n();
  const route = useRoute();
  if (route.page === 'display') return <DisplayPage queueId={route.queueId} />;
  const lastTicket = localStorage.getItem('qm.lastTicket');
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">{t.appName}</span>
        <button className="link" onClick={toggle}>
          {t.language}
        </button>
      </header>
      <main>
        {route.page === 'ticket' && <TicketPage key={route.token} token={route.token} />}
        {route.page === 'join' && <JoinPage queueId={route.queueId} />}
        {route.page === 'home' && (
          <section className="card center">
            <p>{t.home}</p>
            {lastTicket?.startsWith('/t/') && <a href={lastTicket}>{t.position}</a>}
          </section>
        )}
      </main>
    </div>
  );
}
