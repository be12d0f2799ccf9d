// The sendkit/react wrappers (made with @lit/react), as a React 18 portal would use them: each
// event is a typed prop named after it.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { DeliveryStore } from 'sendkit';
import { ConfirmSendButton, DeploymentKpis, SendingLogTable } from 'sendkit/react';
import { preparedDelivery, user } from './delivery.js';

function App() {
  const [source, setSource] = useState<{ store: DeliveryStore; id: string }>();
  const [confirmed, setConfirmed] = useState('');
  useEffect(() => {
    void preparedDelivery('sendkit-example-react-wrappers').then(setSource);
  }, []);
  if (!source) return <p>Opening the store…</p>;
  return (
    <main>
      <h1>Spring sale</h1>
      <ConfirmSendButton
        store={source.store}
        deliveryId={source.id}
        user={user}
        onConfirmed={(event) =>
          setConfirmed(`Confirmed: ${event.delivery.label} (${event.delivery.state})`)
        }
      />
      <output id="confirmed">{confirmed}</output>
      <DeploymentKpis store={source.store} deliveryId={source.id} user={user} />
      <SendingLogTable store={source.store} deliveryId={source.id} user={user} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
