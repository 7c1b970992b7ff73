/** What the payload viewer and the diff viewer both do, by the same names: one key handler drives either. */
export type ViewerKeys = {
	readonly lineCount: number;
	readonly query: string | undefined;
	resize(width: number, height: number): void;
	moveBy(delta: number): void;
	page(direction: 1 | -1, fraction?: number): void;
	first(): void;
	last(): void;
	toggle(): void;
	collapse(): void;
	expand(): void;
	/** Returns what the status bar says, as the other actions that return a string. */
	foldToDepth(depth: number): string;
	find(query: string): string;
	nextMatch(step: 1 | -1): string;
	path(): string;
};

import {matchMessage, noMatchMessage, noSearchMessage} from './search.js';

/** The last search: what it found, in document order, and which of them is shown. */
type SearchState<Hit> = {query: string; hits: Hit[]; isCapped: boolean; index: number};

/** Cursor and scroll position over lines counted lazily, and the last search's hits: the moves and `n`/`N` of {@link ViewerKeys}. */
export abstract class LineScroller<Hit> {
	/** Line number of the cursor. */
	cursor = 0;
	/** Line number of the first line shown. */
	top = 0;
	/** Rows in the box; none until the first resize. */
	protected height = 0;

	protected searchState: SearchState<Hit> | undefined;

	abstract get lineCount(): number;

	/** n (1) or N (-1): the next or previous match, wrapping around. */
	nextMatch(step: 1 | -1): string {
		const state = this.searchState;
		if (!state) {
			return noSearchMessage;
		}

		state.index = (state.index + step + state.hits.length) % state.hits.length;
		return this.showMatch();
	}

	/** The query of the last search, if any. */
	get query(): string | undefined {
		return this.searchState?.query;
	}

	/** A search's hits, in document order, shown from the first at or after the cursor (`after`; -1 for none). */
	protected searchFound(query: string, hits: Hit[], isCapped: boolean, after: number): string {
		if (hits.length === 0) {
			this.searchState = undefined;
			return noMatchMessage(query);
		}

		this.searchState = {query, hits, isCapped, index: after === -1 ? 0 : after};
		return this.showMatch();
	}

	/** Brings the current hit into view; says which it is. */
	protected showMatch(): string {
		const {index, hits, isCapped} = this.searchState!;
		this.reveal(hits[index]!);
		return matchMessage(index, hits.length, isCapped);
	}

	/** Opens what hides `hit` and puts the cursor on it. */
	protected abstract reveal(hit: Hit): void;

	moveBy(delta: number): void {
		let target = Math.max(0, this.cursor + delta);
		// Past the end only when moving down; asking whether a line exists is cheaper than counting them all.
		if (delta > 0 && !this.hasLine(target)) {
			target = Math.max(0, this.lineCount - 1);
		}

		this.cursor = target;
		this.scrollToCursor();
	}

	/** Move by a page (fraction 1) or half a page (0.5); direction 1 or -1. */
	page(direction: 1 | -1, fraction = 1): void {
		this.moveBy(direction * Math.max(1, Math.floor(this.height * fraction)));
	}

	first(): void {
		this.cursor = 0;
		this.scrollToCursor();
	}

	last(): void {
		this.cursor = Math.max(0, this.lineCount - 1);
		this.scrollToCursor();
	}

	/** Whether line `index` exists. */
	protected abstract hasLine(index: number): boolean;

	protected scrollToCursor(): void {
		// Keep a few lines of context around the cursor, as less and jless do.
		const margin = Math.min(3, Math.floor((this.height - 1) / 2));
		if (this.cursor < this.top + margin) {
			this.top = Math.max(0, this.cursor - margin);
		} else if (this.cursor > this.top + this.height - 1 - margin) {
			this.top = this.cursor - this.height + 1 + margin;
		}

		// Near the end, do not leave blank lines below the document.
		if (this.top > 0 && !this.hasLine(this.top + this.height - 1)) {
			this.top = Math.max(0, Math.min(this.top, this.lineCount - this.height));
		}
	}
}
