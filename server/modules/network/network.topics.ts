/** Redis channel on which an import announces new data, so every server reloads its network. */
export const DATASET_IMPORTED_CHANNEL = 'aero-melody:dataset-imported';
