/**
 * When many keys of one kind are wanted in one request, one list call can serve them all. Below the
 * threshold the gateway makes one call per key (all in the same round); from the threshold up, one
 * list call. Either way a list already on its way in the request serves every key.
 *
 * Measured with `npm run measure:thresholds` (method in the script): with 5 ms per call, the broker
 * list (7 brokers, 1 KB) is no slower than 3 parallel single reads, the group list (5 groups) than 2.
 * The client list (90 KB) and the account list (59 KB) stayed slower than 12 parallel single reads and
 * move 4 to 12 times the bytes, and they grow with the book: the gateway never starts them for a batch.
 */
export const listThresholds = {
  broker: 3,
  clientGroup: 2,
  client: Number.POSITIVE_INFINITY,
  account: Number.POSITIVE_INFINITY,
} as const;
