/**
 * The V8 flags every service process runs with, wherever it is started (the image's CMD,
 * `npm run start:distributed`, the bench, the end-to-end tests). Young-generation semi-spaces of
 * 2 MB instead of 16 keep about 30 MB less resident per idle process, for more frequent (and
 * shorter) scavenges under load. Source maps are not among them: mapping every loaded file's map
 * costs about 10 MB per process; stack traces then name the compiled files under dist/, and
 * `NODE_OPTIONS=--enable-source-maps` maps them back when wanted.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
