import '../components/deployment-kpis/register.js';
import { html } from 'lit';
import type { Meta } from '@storybook/web-components-vite';
import { elementMeta, stateStories, type Story, type StoryArgs } from './element-stories.js';

export default {
  title: 'Elements/deployment-kpis',
  component: 'deployment-kpis',
  tags: ['autodocs'],
  ...elementMeta(
    ({ store, deliveryId }, user, args) =>
      html`<deployment-kpis
        .store=${store}
        .user=${user}
        delivery-id=${deliveryId}
        heading-level=${args['heading-level']}
      ></deployment-kpis>`,
  ),
} satisfies Meta<StoryArgs>;

export const Prepared = stateStories.Prepared;
export const WithoutPermission = stateStories.WithoutPermission;
export const Sending = stateStories.Sending;
/** A paced send: planned and actual pace, warming up, and its expected end. */
export const Paced: Story = { args: { state: 'paced', recipients: 100_000 } };
export const Finished = stateStories.Finished;
export const Failed = stateStories.Failed;
export const Dark = stateStories.Dark;
export const Narrow360 = stateStories.Narrow360;
