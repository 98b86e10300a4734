/**
 * A compose worker thread: runs the pure engine on the requests the ComposePool sends it and
 * posts back what a preview needs (the score's summary and the MIDI bytes, moved, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { renderSummary, type ComposeRequest, type ComposeReply } from './compose-render.js';

const port = parentPort!;
port.on('message', ({ id, request }: { id: number; request: ComposeRequest }) => {
  let reply: ComposeReply;
  try {
    reply = { id, ...renderSummary(request) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, 'midi' in reply ? [reply.midi.buffer as ArrayBuffer] : []);
});
