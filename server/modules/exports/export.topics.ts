export const EXPORT_PROGRESS = 'aero-melody:export-progress';

/** Sent on every status or progress change of an export, keyed by the export's row id. */
export interface ExportProgressEvent {
  exportId: number;
}

export type ExportTopics = { [EXPORT_PROGRESS]: [number, ExportProgressEvent] };
