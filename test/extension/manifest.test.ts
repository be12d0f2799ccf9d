/** The manifests: one per browser from one source, with the features' minimum permissions. */
import { expect } from '@open-wc/testing';
import { FIREFOX_ID, manifestFor, WATCHABLE_SITES } from '../../extension/manifest.js';

describe('extension manifests', () => {
  it('Chrome: MV3, a module service worker, a side panel, no host permission asked at install', () => {
    const manifest = manifestFor('chrome', '1.2.3');
    expect(manifest['manifest_version']).to.equal(3);
    expect(manifest['version']).to.equal('1.2.3');
    expect(manifest['permissions']).to.deep.equal([
      'storage',
      'alarms',
      'sidePanel',
      'scripting',
      'notifications',
    ]);
    expect(manifest['background']).to.deep.equal({
      service_worker: 'background.js',
      type: 'module',
    });
    expect(manifest['side_panel']).to.deep.equal({ default_path: 'sidepanel.html' });
    expect(manifest['optional_host_permissions']).to.deep.equal([...WATCHABLE_SITES]);
    for (const key of [
      'host_permissions',
      'content_scripts',
      'content_security_policy',
      'externally_connectable',
      'web_accessible_resources',
    ]) {
      expect(manifest, key).not.to.have.property(key);
    }
  });

  it('Firefox: MV3 module background scripts, a sidebar, its id and data collection settings', () => {
    const manifest = manifestFor('firefox', '1.2.3');
    expect(manifest['permissions']).to.deep.equal([
      'storage',
      'alarms',
      'scripting',
      'notifications',
    ]);
    expect(manifest['background']).to.deep.equal({ scripts: ['background.js'], type: 'module' });
    expect(manifest['sidebar_action']).to.deep.include({ default_panel: 'sidepanel.html' });
    expect(manifest).not.to.have.property('side_panel');
    const gecko = (manifest['browser_specific_settings'] as { gecko: Record<string, unknown> })
      .gecko;
    expect(gecko['id']).to.equal(FIREFOX_ID);
    expect(gecko['data_collection_permissions']).to.deep.equal({ required: ['none'] });
  });
});
