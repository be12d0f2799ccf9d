/**
 * The extension's manifests, one per browser, from one source. Chrome: MV3 with a service worker
 * and a side panel opened by the toolbar button. Firefox: MV3 with module background scripts (it
 * has no extension service worker) and a sidebar. Permissions are the features' minimum; sites
 * are optional and asked for one at a time, when the user chooses to watch one.
 */
export const TARGETS = ['chrome', 'firefox'] as const;
export type Target = (typeof TARGETS)[number];

/** Sites a user may choose to watch: any HTTPS site, and local development servers. */
export const WATCHABLE_SITES = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'] as const;

export const FIREFOX_ID = 'sendkit@example.org';

export type Manifest = Readonly<Record<string, unknown>>;

const ICONS = { '16': 'icon-16.png', '48': 'icon-48.png', '128': 'icon-128.png' };

export function manifestFor(target: Target, version: string): Manifest {
  const common = {
    manifest_version: 3,
    name: 'sendkit',
    version,
    description:
      'Confirm a send and watch it land: deliveries, KPIs and sending logs in a sidebar.',
    optional_host_permissions: [...WATCHABLE_SITES],
    icons: ICONS,
    action: { default_title: 'sendkit', default_icon: ICONS },
  };
  if (target === 'chrome') {
    return {
      ...common,
      minimum_chrome_version: '116',
      permissions: ['storage', 'alarms', 'sidePanel', 'scripting', 'notifications'],
      background: { service_worker: 'background.js', type: 'module' },
      side_panel: { default_path: 'sidepanel.html' },
    };
  }
  return {
    ...common,
    permissions: ['storage', 'alarms', 'scripting', 'notifications'],
    background: { scripts: ['background.js'], type: 'module' },
    sidebar_action: { default_panel: 'sidepanel.html', default_title: 'sendkit' },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
