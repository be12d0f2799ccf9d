/**
 * The stories every element has, one per state of its delivery (prepared, without permission,
 * sending, finished, failed), dark and at 360 px: each loads a real store seeded in that state.
 */
import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import type { TemplateResult } from 'lit';
import type { User } from '../src/index.js';
import { dark, narrow } from './frames.js';
import { operator, preparer, seed, type StorySource, type StoryState } from './seed.js';

export interface StoryArgs {
  readonly state: StoryState;
  /** Recipients of the seeded delivery. */
  readonly recipients: number;
  readonly 'heading-level': number;
  /** Which logs sending-log-table shows. */
  readonly view?: 'sending' | 'exclusions';
  /** Generated test profiles, or a list spread over mailbox providers. */
  readonly audience?: 'generated' | 'mixed';
}

export type RenderElement = (source: StorySource, user: User, args: StoryArgs) => TemplateResult;

export type Story = StoryObj<StoryArgs>;

/** What every element's stories share (each file names its title and component itself). */
export function elementMeta(render: RenderElement): Meta<StoryArgs> {
  return {
    args: { state: 'sending', recipients: 2_000, 'heading-level': 2 },
    argTypes: {
      state: { control: 'select', options: ['prepared', 'sending', 'finished', 'failed'] },
      recipients: { control: false },
    },
    loaders: [
      async ({ args }) => ({ source: await seed(args.state, args.recipients, args.audience) }),
    ],
    render: (args, { loaded }) =>
      render(loaded['source'] as StorySource, (loaded['user'] as User) ?? operator, args),
  };
}

const inState = (state: StoryState, decorators: Decorator[] = []): Story => ({
  args: { state },
  decorators,
});

/** The stories of every element, by name. */
export const stateStories = {
  Prepared: inState('prepared'),
  WithoutPermission: { ...inState('prepared'), loaders: [() => ({ user: preparer })] },
  Sending: inState('sending'),
  Finished: inState('finished'),
  Failed: inState('failed'),
  Dark: inState('sending', [dark]),
  Narrow360: inState('sending', [narrow]),
} satisfies Record<string, Story>;
