import type {RequestItem, RequestPage} from '../../source/api/types.js';

/** A finished request with a predictable id: `id(n)`. */
export function item(n: number, overrides: Partial<RequestItem> = {}): RequestItem {
	return {
		request_id: id(n),
		endpoint_id: 'fal-ai/flux/dev',
		sent_at: '2026-11-28T10:00:00Z',
		started_at: '2026-11-28T10:00:01Z',
		ended_at: '2026-11-28T10:00:05Z',
		status_code: 200,
		duration: 4,
		runner_id: 'runner-1',
		...overrides,
	};
}

export function id(n: number): string {
	return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Rows from..to-1 as one page. */
export function page(from: number, to: number, nextCursor: string | null): RequestPage {
	return {items: Array.from({length: to - from}, (_, index) => item(from + index)), next_cursor: nextCursor, has_more: nextCursor !== null};
}
