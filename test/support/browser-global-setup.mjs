// Jest global set-up of the browser project: Chromium on the machine, then the shared database template.
import { ensureChromium } from './ensure-chromium.mjs';
import globalSetup from './global-setup.mjs';

export default async function browserGlobalSetup() {
  ensureChromium();
  await globalSetup();
}
