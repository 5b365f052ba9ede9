// The opt-out reader, shared by the main side (ingest) and the renderer (live preview while typing).
export * from './fields';
export * from './intent';
export { compact, normalizeText, numbersIn } from './text';
