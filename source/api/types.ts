/** Types of the one API falreq reads: GET /v1/serverless/requests/by-endpoint. */

export const statuses = ['success', 'error', 'user_error'] as const;
export type Status = (typeof statuses)[number];

export const sortKeys = ['ended_at', 'duration'] as const;
export type SortBy = (typeof sortKeys)[number];

export const expansions = ['payloads', 'billing'] as const;
export type Expand = (typeof expansions)[number];

/** One request as the API returns it. Payload and billing fields appear only when expanded. */
export type RequestItem = {
	request_id: string;
	endpoint_id: string;
	sent_at: string;
	started_at: string;
	ended_at: string | null;
	status_code: number | null;
	duration: number | null;
	runner_id: string | null;
	/** Any JSON; absent when not expanded, or when payload storage was off or payloads were deleted. */
	json_input?: unknown;
	json_output?: unknown;
	billable_units?: number | null;
};

/** The API's own text of one item, kept for payloads that must be handed out byte for byte (123456789012345678901234567890 stays so). */
export type ItemSource = {
	/** The item object, as it came in the answer. */
	item: string;
	/** The text of its json_input value; absent when the item has none. */
	input?: string;
	/** The text of its json_output value; absent when the item has none. */
	output?: string;
};

export type RequestPage = {
	items: RequestItem[];
	next_cursor: string | null;
	has_more: boolean;
	/** Each item's own text, in the order of `items`: only when asked for (`isSourceKept`), as it costs a scan and holds the answer. */
	sources?: ItemSource[];
};

/**
 * What a user asks for, as typed on the command line or in the filter pane,
 * before validation. Times may be ISO 8601, `YYYY-MM-DD` or relative (`15m`, `6h`, `7d`).
 */
export type Filters = {
	endpointIds: string[];
	start?: string;
	/** The start is a quick range picked with t / T, not typed: a request id lookup leaves it out and searches the API's 90 days. */
	isQuickRange?: boolean;
	end?: string;
	status?: Status;
	requestId?: string;
	sortBy?: SortBy;
	billing?: boolean;
	/** Page size, 1 to 100. */
	limit?: number;
};

/** A validated query, exactly what is sent (times already absolute ISO strings). */
export type Query = {
	endpointIds: string[];
	start?: string;
	end?: string;
	status?: Status;
	requestId?: string;
	limit?: number;
	cursor?: string;
	expand?: Expand[];
	sortBy?: SortBy;
};
