// The one Chromium the browser tests drive (Debian's, or CHROMIUM_PATH), and the flags that keep
// it headless and quiet: no sandbox (it runs as root in CI), no GPU, nothing fetched on its own.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
