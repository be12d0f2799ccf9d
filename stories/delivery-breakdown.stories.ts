import '../components/delivery-breakdown/register.js';
import { html } from 'lit';
import type { Meta } from '@storybook/web-components-vite';
import { elementMeta, stateStories, type Story, type StoryArgs } from './element-stories.js';
import { dark, narrow } from './frames.js';

export default {
  title: 'Elements/delivery-breakdown',
  component: 'delivery-breakdown',
  tags: ['autodocs'],
  ...elementMeta(
    ({ store, deliveryId }, user, args) =>
      html`<delivery-breakdown
        .store=${store}
        .user=${user}
        delivery-id=${deliveryId}
        heading-level=${args['heading-level']}
      ></delivery-breakdown>`,
  ),
  args: { state: 'finished', recipients: 2_000, 'heading-level': 2, audience: 'mixed' },
} satisfies Meta<StoryArgs>;

export const Prepared = stateStories.Prepared;
/** A finished send to a list over Gmail, Microsoft, Yahoo, Apple and three other domains. */
export const Finished: Story = { args: { state: 'finished' } };
export const Dark: Story = { args: { state: 'finished' }, decorators: [dark] };
export const Narrow360: Story = { args: { state: 'finished' }, decorators: [narrow] };
/** Generated test profiles share one domain: one group. */
export const GeneratedProfiles: Story = { args: { state: 'finished', audience: 'generated' } };
