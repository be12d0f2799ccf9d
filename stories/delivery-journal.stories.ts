import '../components/delivery-journal/register.js';
import { html } from 'lit';
import type { Meta } from '@storybook/web-components-vite';
import { elementMeta, stateStories, type StoryArgs } from './element-stories.js';

export default {
  title: 'Elements/delivery-journal',
  component: 'delivery-journal',
  tags: ['autodocs'],
  ...elementMeta(
    ({ store, deliveryId }, user, args) =>
      html`<delivery-journal
        .store=${store}
        .user=${user}
        delivery-id=${deliveryId}
        heading-level=${args['heading-level']}
      ></delivery-journal>`,
  ),
} satisfies Meta<StoryArgs>;

export const Prepared = stateStories.Prepared;
export const Sending = stateStories.Sending;
export const Finished = stateStories.Finished;
export const Failed = stateStories.Failed;
export const Dark = stateStories.Dark;
export const Narrow360 = stateStories.Narrow360;
