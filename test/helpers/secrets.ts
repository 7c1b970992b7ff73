/**
 * The API key the suites hand to falreq when they want to prove it is never
 * shown. The suite-wide teardown (test/setup/global.ts) fails the run if any
 * recorded output of a spawned falreq contains it: use this constant, not a
 * key of your own, wherever a test gives falreq a key that must stay secret.
 */
export const secretKey = 'sk-live-4f8a1c9e-never-print-me';
