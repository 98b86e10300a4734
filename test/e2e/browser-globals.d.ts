// The browser tests' page.evaluate callbacks read `window.__aeroAudio`, which the web app's sound
// engine declares on Window: type-checking test/ takes that declaration from the app itself.
/// <reference path="../../app/src/lib/audio/sound-engine.ts" />
