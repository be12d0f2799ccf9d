/**
 * Delivery ids: 128 random bits in hex. Not `crypto.randomUUID`, which exists only in secure
 * contexts: portals are not always served over https (an intranet page).
 */
export function newId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
