import '../components/efs-comparison/register.js';
import { html } from 'lit';
import type { Meta } from '@storybook/web-components-vite';
import { elementMeta, stateStories, type StoryArgs } from './element-stories.js';

export default {
  title: 'Elements/efs-comparison',
  component: 'efs-comparison',
  tags: ['autodocs'],
  ...elementMeta(
    ({ store, deliveryId }, user, args) =>
      html`<efs-comparison
        .store=${store}
        .user=${user}
        delivery-id=${deliveryId}
        heading-level=${args['heading-level']}
      ></efs-comparison>`,
  ),
} satisfies Meta<StoryArgs>;

export const Prepared = stateStories.Prepared;
export const WithoutPermission = stateStories.WithoutPermission;
export const Sending = stateStories.Sending;
export const Finished = stateStories.Finished;
export const Failed = stateStories.Failed;
export const Dark = stateStories.Dark;
export const Narrow360 = stateStories.Narrow360;
