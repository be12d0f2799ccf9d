// React 19 renders custom elements with properties and `on<event>` listeners; the kit's
// generated JSX types make them typed. This import is the only declaration the app needs.
import type {} from 'sendkit/types/react';
import 'sendkit/components';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { DeliveryStore } from 'sendkit';
import { preparedDelivery, user } from './delivery.js';

function App() {
  const [source, setSource] = useState<{ store: DeliveryStore; id: string }>();
  const [confirmed, setConfirmed] = useState('');
  useEffect(() => {
    void preparedDelivery('sendkit-example-react').then(setSource);
  }, []);
  if (!source) return <p>Opening the store…</p>;
  return (
    <main>
      <h1>Spring sale</h1>
      <confirm-send-button
        store={source.store}
        delivery-id={source.id}
        user={user}
        onsendkit-confirmed={(event) =>
          setConfirmed(`Confirmed: ${event.delivery.label} (${event.delivery.state})`)
        }
      />
      <output id="confirmed">{confirmed}</output>
      <deployment-kpis store={source.store} delivery-id={source.id} user={user} heading-level={2} />
      <sending-log-table store={source.store} delivery-id={source.id} user={user} view="sending" />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
