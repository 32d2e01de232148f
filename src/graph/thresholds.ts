/**
 * When many keys of one kind are wanted in one request, one list call can serve them all. Below the
 * threshold the gateway makes one call per key (all in the same round); from the threshold up, one
 * list call. `npm run measure:thresholds` measures both against the simulators and prints the batch
 * size from which the list call is cheaper for the upstream and no slower for the caller; the numbers
 * below are that measurement rounded down (see the script for the method).
 */
export const listThresholds = {
  broker: 3,
  client: 4,
  account: 4,
  clientGroup: 3,
} as const;
