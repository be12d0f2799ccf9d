import '../components/sending-log-table/register.js';
import { html } from 'lit';
import type { Meta } from '@storybook/web-components-vite';
import { elementMeta, stateStories, type Story, type StoryArgs } from './element-stories.js';

export default {
  title: 'Elements/sending-log-table',
  component: 'sending-log-table',
  tags: ['autodocs'],
  ...elementMeta(
    ({ store, deliveryId }, user, args) =>
      html`<sending-log-table
        .store=${store}
        .user=${user}
        delivery-id=${deliveryId}
        heading-level=${args['heading-level']}
        view=${args.view ?? 'sending'}
      ></sending-log-table>`,
  ),
} satisfies Meta<StoryArgs>;

export const Prepared = stateStories.Prepared;
export const WithoutPermission = stateStories.WithoutPermission;
export const Sending = stateStories.Sending;
export const Finished = stateStories.Finished;
export const Failed = stateStories.Failed;
export const Dark = stateStories.Dark;
export const Narrow360 = stateStories.Narrow360;
/** A million recipients, virtualised: only the visible rows are in the DOM. */
export const AMillionRows: Story = { args: { state: 'prepared', recipients: 1_000_000 } };
export const ExclusionLogs: Story = { args: { state: 'prepared', view: 'exclusions' } };
