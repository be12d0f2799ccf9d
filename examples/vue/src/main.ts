// The kit's generated Vue types (GlobalComponents): this import is the only declaration needed.
import type {} from 'sendkit/types/vue';
import 'sendkit/components';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
