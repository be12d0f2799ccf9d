import '../components/delivery-timeline/register.js';
import { html } from 'lit';
import type { Meta } from '@storybook/web-components-vite';
import { elementMeta, stateStories, type Story, type StoryArgs } from './element-stories.js';
import { dark, narrow } from './frames.js';

export default {
  title: 'Elements/delivery-timeline',
  component: 'delivery-timeline',
  tags: ['autodocs'],
  ...elementMeta(
    ({ store, deliveryId }, user, args) =>
      html`<delivery-timeline
        .store=${store}
        .user=${user}
        delivery-id=${deliveryId}
        heading-level=${args['heading-level']}
      ></delivery-timeline>`,
  ),
} satisfies Meta<StoryArgs>;

export const Prepared = stateStories.Prepared;
export const Sending = stateStories.Sending;
/** Three model hours of a paced send: its planned pace, the warm-up, the expected end. */
export const Paced: Story = { args: { state: 'paced', recipients: 100_000 } };
export const PacedDark: Story = { ...Paced, decorators: [dark] };
export const PacedNarrow360: Story = { ...Paced, decorators: [narrow] };
export const Finished = stateStories.Finished;
export const Failed = stateStories.Failed;
