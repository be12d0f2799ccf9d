/**
 * The showcase's stand-in for a portal's backend, served by its dev and preview servers when
 * `npm start` runs a relay beside them: where the relay is (`/dev/relay.json`), and a credential
 * signed for the demo user of a role (`/dev/credential?role=…`), as a portal's backend signs one
 * for its logged-in user. The relay verifies every credential: a page cannot make one itself.
 * Without a relay (a built showcase served alone) both answer 404 and the showcase stays local.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { signCredential } from '../relay/verify/sign-credential.js';
import { DEMO_USERS } from './demo-users.js';

function answer(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function handle(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const url = new URL(request.url ?? '/', 'http://showcase');
  const relay = process.env['SENDKIT_SHOWCASE_RELAY'];
  const key = process.env['SENDKIT_SHOWCASE_JWT_KEY'];
  if (url.pathname === '/dev/relay.json') {
    if (!relay) return answer(response, 404, 'application/json', '{}');
    return answer(response, 200, 'application/json', JSON.stringify({ url: relay }));
  }
  if (url.pathname === '/dev/credential') {
    const user = DEMO_USERS[url.searchParams.get('role') ?? ''];
    if (!key || !user) return answer(response, 404, 'text/plain', 'no such demo user');
    return answer(
      response,
      200,
      'text/plain',
      signCredential(key, { sub: user.name, roles: user.roles }),
    );
  }
  next();
}

export function showcaseBackend(): Plugin {
  return {
    name: 'sendkit-showcase-backend',
    configureServer: (server) => void server.middlewares.use(handle),
    configurePreviewServer: (server) => void server.middlewares.use(handle),
  };
}
