/**
 * The loop (Bubble Tea's tea.go): messages are handled one at a time by the
 * update function, in arrival order, each against the model the previous one
 * left. An effect may answer at once (a payload in the cache): that answer is
 * handled before the next message waiting, as it would be had the keys come
 * one by one. The model is drawn once nothing is waiting, so a burst of keys
 * read together costs one frame.
 */
import type {Effect, Msg} from '../model/messages.js';
import type {Model} from '../model/model.js';
import type {Step} from '../model/step.js';

export type ProgramOptions = {
	/** The first model and what it needs at once. */
	start: Step;
	update: (model: Model, msg: Msg, now: number) => Step;
	/** Runs an effect; what it dispatches while running is its immediate answer. */
	run: (effect: Effect) => void;
	/** Draws a model; the first model is taken to be on screen already. */
	draw: (model: Model) => void;
	/** The clock messages are handled at. Default Date.now. */
	now?: () => number;
};

export type Program = {
	/** Runs the first model's effects (once the first frame is drawn). */
	start(): void;
	/** Handles the messages in order, then draws. */
	dispatch(...messages: Msg[]): void;
	readonly model: Model;
};

export function createProgram(options: ProgramOptions): Program {
	const now = options.now ?? Date.now;
	let model = options.start.model;
	let drawn = model;
	const queue: Msg[] = [];
	/** Where messages go while an effect runs: its immediate answers. */
	let answers: Msg[] | undefined;
	let isDraining = false;

	function runAll(effects: readonly Effect[]): void {
		for (const effect of effects) {
			const outer = answers;
			const own: Msg[] = [];
			answers = own;
			try {
				options.run(effect);
			} finally {
				answers = outer;
			}

			for (const answer of own) {
				handle(answer);
			}
		}
	}

	function handle(msg: Msg): void {
		const next = options.update(model, msg, now());
		model = next.model;
		runAll(next.effects);
	}

	function drain(work: () => void): void {
		isDraining = true;
		try {
			work();
			for (let msg = queue.shift(); msg !== undefined; msg = queue.shift()) {
				handle(msg);
			}
		} finally {
			isDraining = false;
		}

		// A frame costs milliseconds: none for messages that changed nothing (an answer for a query left behind).
		if (model !== drawn) {
			drawn = model;
			options.draw(model);
		}
	}

	return {
		start() {
			drain(() => {
				runAll(options.start.effects);
			});
		},
		dispatch(...messages) {
			if (answers !== undefined) {
				answers.push(...messages);
				return;
			}

			queue.push(...messages);
			if (!isDraining) {
				drain(() => undefined);
			}
		},
		get model() {
			return model;
		},
	};
}
