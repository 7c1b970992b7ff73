/** The help text of `falreq --help`; the README's usage section is generated from it (`npm run readme`). */
export const usage = `
Usage
  $ falreq                      the explorer (needs a terminal)
  $ falreq --demo               the explorer on the built-in emulator; no key needed
  $ falreq list                 print requests without the UI: a table on a terminal,
                                JSON lines when piped or with --json
  $ falreq list --demo          the same on the built-in emulator's demo endpoints
  $ falreq login                ask for the API key (masked), check it and store it
  $ falreq logout               forget the stored key
  $ falreq emulator             run the local emulator of the API on 127.0.0.1

Filters (explorer and list)
  -e, --endpoint ID      endpoint id, repeatable or comma-separated (1 to 50);
                         a bare owner/app also matches its routes
  --status S             success, error (5xx) or user_error (4xx)
  --start T, --end T     time bounds: ISO 8601, YYYY-MM-DD, or relative (15m, 6h, 7d);
                         a date or time without Z or an offset is local time (TZ),
                         or UTC in the explorer while u shows times in UTC
  --since D              same as --start D, e.g. --since 6h
  --request-id UUID      one request, looked up over the last 90 days unless
                         --start or --since is given
  --sort KEY             ended_at (newest first, default) or duration (longest first)
  --limit N              page size, 1 to 100 (default 50)
  --billing              ask for billable units (list: a UNITS column, as given)

Options
  --json                 list: JSON lines even on a terminal
  --max N                list: up to N rows, N at least 1 (default one page);
                         beyond a page the window is scanned as with --all;
                         when more match, a line on stderr says so
  --all                  list: every request of the window, scanned in time
                         slices several at once, printed newest first (or by
                         --sort) as the scan goes
  --concurrency N        list: at most N requests at once while scanning
                         (1 to 16, default 8); starts at 4, halves on a 429 or 5xx
  --demo                 use the built-in emulator, its demo key and endpoints
                         (unless -e names others)
  --api-url URL          API base URL (default https://api.fal.ai/v1)
  --port N               emulator: port to listen on (default 4747; 0 picks a free one)
  --latency MS           emulator: add MS of latency to every answer
  --seed N, --requests N emulator: seed and size of the synthetic history
  --fault KIND:TIMES[:ARG]
                         emulator: misbehave for the next TIMES answers (a count
                         or inf), repeatable: 429:3[:RETRY_AFTER_SECONDS],
                         429:every3[:RETRY_AFTER_SECONDS] (every third request),
                         500|502|503|504:2[:json|html|empty], drop:1, truncate:1,
                         locked:1, hostile:1, new:ROWS_PER_PAGE
  --help, --version

Environment
  FAL_KEY                the API key; wins over the stored one
  FALREQ_API_URL         same as --api-url
  XDG_CONFIG_HOME        where the stored key and last filters live
                         (default ~/.config, in falreq/config.json)
  NO_COLOR               no colour
  TZ                     the local time zone: times are shown in it (u: UTC)
  PAGER, EDITOR          used by o / O in the explorer

Examples
  $ falreq -e fal-ai/flux/dev --status error --since 6h
  $ falreq list -e acme/upscaler --since 1h --json | jq .request_id
`;
