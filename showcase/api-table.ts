/** An element's API, rendered from custom-elements.json (generated from its JSDoc header). */
import { html, nothing, type TemplateResult } from 'lit';

interface Named {
  name: string;
  description?: string;
  type?: { text?: string };
  attribute?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  default?: string;
}

interface Declaration {
  tagName?: string;
  summary?: string;
  description?: string;
  members?: Named[];
  attributes?: Named[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}

export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

export async function loadManifest(): Promise<Manifest | null> {
  try {
    const response = await fetch('./custom-elements.json');
    return response.ok ? ((await response.json()) as Manifest) : null;
  } catch {
    return null;
  }
}

function table(caption: string, head: string[], rows: string[][]): TemplateResult | typeof nothing {
  if (rows.length === 0) return nothing;
  return html`<table class="api">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${head.map((cell) => html`<th scope="col">${cell}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            ${row.map((cell, index) => (index === 0 ? html`<th scope="row"><code>${cell}</code></th>` : html`<td>${cell}</td>`))}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function apiTables(manifest: Manifest | null, tag: string): TemplateResult {
  const declaration = manifest?.modules
    .flatMap((module) => module.declarations ?? [])
    .find((candidate) => candidate.tagName === tag);
  if (!declaration)
    return html`<p>Run <code>npm run manifest</code> to see this element's API.</p>`;
  const properties = (declaration.members ?? []).filter(
    (member) =>
      member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public',
  );
  const methods = (declaration.members ?? []).filter(
    (member) => member.kind === 'method' && (member.privacy ?? 'public') === 'public',
  );
  return html`<details class="api-tables">
    <summary>API of &lt;${tag}&gt;</summary>
    ${table(
      'Properties and attributes',
      ['Property', 'Attribute', 'Type', 'Description'],
      properties.map((member) => [
        member.name,
        member.attribute ?? '',
        member.type?.text ?? '',
        member.description ?? '',
      ]),
    )}
    ${table(
      'Methods',
      ['Method', 'Description'],
      methods.map((member) => [`${member.name}()`, member.description ?? '']),
    )}
    ${table(
      'Events',
      ['Event', 'Class', 'Description'],
      (declaration.events ?? []).map((event) => [
        event.name,
        event.type?.text ?? '',
        event.description ?? '',
      ]),
    )}
    ${table(
      'CSS parts',
      ['Part', 'Description'],
      (declaration.cssParts ?? []).map((part) => [part.name, part.description ?? '']),
    )}
    ${table(
      'CSS custom properties',
      ['Property', 'Default', 'Description'],
      (declaration.cssProperties ?? []).map((property) => [
        property.name,
        property.default ?? '',
        property.description ?? '',
      ]),
    )}
  </details>`;
}
