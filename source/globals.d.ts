/** Set by the esbuild bundle from package.json, so `--version` reads no file. */
declare const FALREQ_VERSION: string;
