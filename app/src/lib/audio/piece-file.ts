import type { RollNote } from '../live-player';

/** A saved piece's Standard MIDI File, and its notes and length as the piano roll draws them. */
export interface PieceFile {
  midi: ArrayBuffer;
  notes: RollNote[];
  durationSeconds: number;
}

/** The roll colours a saved piece's notes by channel: drums on 10, the other parts in turn. */
const COLOUR_GROUPS = ['MELODY', 'HARMONY', 'BASS'];

/** Fetches the file (the service worker keeps it for offline use) and reads its notes. */
export async function loadPieceFile(url: string, fetchFile: typeof fetch): Promise<PieceFile> {
  const response = await fetchFile(url);
  if (!response.ok) throw new Error(`the MIDI file did not load (HTTP ${response.status})`);
  const midi = await response.arrayBuffer();
  const { BasicMIDI } = await import('spessasynth_core');
  const parsed = BasicMIDI.fromArrayBuffer(midi.slice(0));
  const notes: RollNote[] = [];
  parsed.getNoteTimes(0.05).forEach((channel, index) => {
    const role = index === 9 ? 'DRUMS' : COLOUR_GROUPS[index % COLOUR_GROUPS.length];
    for (const note of channel) notes.push({ at: note.start, duration: note.length, pitch: note.midiNote, role });
  });
  return { midi, notes, durationSeconds: parsed.duration };
}
