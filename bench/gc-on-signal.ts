/**
 * Preloaded into the gateway process by the bench (`node --expose-gc --import`), not part of the
 * gateway: SIGUSR2 runs a full garbage collection and prints one line with the process's memory
 * (`{"benchMemory": process.memoryUsage()}`), so that the bench reads what is held rather than garbage
 * not yet collected, and can tell the JavaScript heap from memory the allocator has not returned.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  process.on('SIGUSR2', () => {
    gc();
    process.stdout.write(`${JSON.stringify({ benchMemory: process.memoryUsage() })}\n`);
  });
}
