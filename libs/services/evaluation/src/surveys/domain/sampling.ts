/**
 * Sampling (抽样): which completed service instances get a survey. The choice is a hash of the
 * instance, not a random draw, so a redelivered completion (or a second replica) decides the same.
 */

/** 32-bit FNV-1a of the text's UTF-16 code units: stable across processes and versions of Node. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The instance's bucket, 0–99. */
export function samplingBucket(serviceType: string, instanceId: string): number {
  return fnv1a(`${serviceType}:${instanceId.toLowerCase()}`) % 100;
}

/** Whether the instance is surveyed at this rate (0–100 %): 100 always, 0 never. */
export function isSampled(serviceType: string, instanceId: string, percent: number): boolean {
  return samplingBucket(serviceType, instanceId) < percent;
}
