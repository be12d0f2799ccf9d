/**
 * The shipped label sets: French and German have every key English has, nested groups and
 * plural forms included, with the same placeholders; an element speaks its locale's language,
 * chosen by its own `locale`, the scope's, or the page's `<html lang>` (watched); and a page
 * overrides any text key by key, the element's own `labels` last.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import {
  DE,
  EN,
  FR,
  LABEL_SETS,
  labelSetOf,
  provideSendkit,
  type DeploymentKpis,
  type KitLabels,
} from '../../components/index.js';
import { closeStores, freshStore, sendingDelivery, starter } from '../helpers.js';

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Every text of a set as path → string (groups and plural forms flattened). */
function flatten(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      for (const [innerPath, text] of flatten(inner, path ? `${path}.${key}` : key))
        out.set(innerPath, text);
    }
  }
  return out;
}

describe('label sets', () => {
  for (const [language, set] of [
    ['fr', FR],
    ['de', DE],
  ] as const) {
    it(`${language}: every key of every element is translated, with the same placeholders`, () => {
      const problems: string[] = [];
      let same = 0;
      let total = 0;
      for (const tag of Object.keys(EN) as (keyof KitLabels)[]) {
        const english = flatten(EN[tag]);
        const translated = flatten(set[tag]);
        for (const [path, text] of english) {
          // Plural forms: a language has its own categories (French adds `many`), `other` always.
          const plural = /\.(zero|one|two|few|many|other)$/.exec(path);
          if (plural && plural[1] !== 'other') continue;
          const mine = translated.get(path);
          if (mine === undefined || mine.trim() === '') {
            problems.push(`${tag} ${path}: no translation`);
            continue;
          }
          total++;
          if (mine === text) same++;
          if (placeholders(mine).join() !== placeholders(text).join())
            problems.push(
              `${tag} ${path}: placeholders ${placeholders(mine)} ≠ ${placeholders(text)}`,
            );
        }
        for (const path of translated.keys()) {
          const base = path.replace(/\.(zero|one|two|few|many)$/, '.other');
          if (!english.has(base)) problems.push(`${tag} ${path}: not a key of the element`);
        }
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
      // Words like OK, Date or Status may stay; a set copied from English would not pass.
      expect(same / total).to.be.below(0.1);
    });
  }

  it('chooses the set by the locale’s language, English for any other', () => {
    expect(labelSetOf('fr-CA')).to.equal(FR);
    expect(labelSetOf('de')).to.equal(DE);
    expect(labelSetOf('DE-at')).to.equal(DE);
    expect(labelSetOf('es')).to.equal(EN);
    expect(labelSetOf(undefined)).to.equal(EN);
    expect(Object.keys(LABEL_SETS).sort()).to.deep.equal(['de', 'en', 'fr']);
  });
});

describe('an element speaks its locale', () => {
  const lang = document.documentElement.lang;
  afterEach(async () => {
    document.documentElement.lang = lang;
    await closeStores();
  });

  const title = (element: HTMLElement) =>
    element.shadowRoot!.querySelector('[role="heading"]')!.textContent!.trim();
  const computeStats = (element: HTMLElement) =>
    element.shadowRoot!.querySelector('[part="compute-stats"]')!.textContent!.trim();
  /** A MutationObserver reports after the current task's microtasks. */
  const observed = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('by the page’s <html lang>, and re-renders when it changes', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    document.documentElement.lang = 'fr';
    const element = await fixture<DeploymentKpis>(
      html`<deployment-kpis
        .store=${store}
        delivery-id=${delivery.id}
        .user=${starter}
      ></deployment-kpis>`,
    );
    await element.settled();
    expect(title(element)).to.equal('Déploiement');
    expect(computeStats(element)).to.equal('Calculer les statistiques');
    document.documentElement.lang = 'de-DE';
    await observed();
    await element.updateComplete;
    expect(title(element)).to.equal('Versand');
    expect(element.shadowRoot!.querySelector('[part="state"]')!.textContent!.trim()).to.equal(
      'Wird gesendet',
    );
    document.documentElement.lang = 'en';
    await observed();
    await element.updateComplete;
    expect(title(element)).to.equal('Deployment');
  });

  it('by the scope’s locale and labels, the element’s own locale and labels winning', async () => {
    const { store } = await freshStore();
    const delivery = await sendingDelivery(store);
    document.documentElement.lang = 'en';
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <deployment-kpis></deployment-kpis>
        <confirm-send-button></confirm-send-button>
        <deployment-kpis locale="de"></deployment-kpis>
      </div>`,
    );
    const provider = provideSendkit(host, {
      store,
      deliveryId: delivery.id,
      user: starter,
      locale: 'fr',
      labels: { 'deployment-kpis': { computeStats: 'Recalculer' } },
    });
    const [scoped, button, own] = host.querySelectorAll<DeploymentKpis>(
      'deployment-kpis, confirm-send-button',
    );
    for (const element of [scoped!, button!, own!]) await (element as DeploymentKpis).settled();
    expect(title(scoped!)).to.equal('Déploiement');
    expect(computeStats(scoped!)).to.equal('Recalculer');
    expect(button!.shadowRoot!.textContent).to.contain("Confirmer l'envoi");
    expect(title(own!)).to.equal('Versand');
    expect(computeStats(own!)).to.equal('Recalculer');
    own!.labels = { computeStats: 'Neu berechnen', title: 'Mein Versand' };
    await own!.updateComplete;
    expect([title(own!), computeStats(own!)]).to.deep.equal(['Mein Versand', 'Neu berechnen']);
    provider.set({ locale: 'en', labels: {} });
    await scoped!.updateComplete;
    expect([title(scoped!), computeStats(scoped!)]).to.deep.equal(['Deployment', 'Compute stats']);
  });
});
