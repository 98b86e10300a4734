import { defineModule } from '../module.js';

/** The in-memory flight network: the composition root loads it before any module, since readiness and reloads need it. */
export const networkModule = defineModule()({
  name: 'network',
  services: ({ deps }) => ({ networks: deps.networks }),
});
