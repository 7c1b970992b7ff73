/**
 * The loop (Bubble Tea's tea.go): messages are queued and handled one at a
 * time by the update function, in arrival order, each against the model the
 * previous one left; effects run as they come and may answer at once (a
 * cached payload), into the same queue. The model is drawn once the queue
 * is empty, so a burst of keys read together costs one frame.
 */
import type {Effect, Msg} from '../model/messages.js';
import type {Model} from '../model/model.js';
import type {Step} from '../model/step.js';

export type ProgramOptions = {
	/** The first model and what it needs at once. */
	start: Step;
	update: (model: Model, msg: Msg, now: number) => Step;
	run: (effect: Effect) => void;
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
	const queue: Msg[] = [];
	let isDraining = false;

	function drain(): void {
		isDraining = true;
		try {
			for (let msg = queue.shift(); msg !== undefined; msg = queue.shift()) {
				const next = options.update(model, msg, now());
				model = next.model;
				for (const effect of next.effects) {
					options.run(effect);
				}
			}
		} finally {
			isDraining = false;
		}

		options.draw(model);
	}

	const program: Program = {
		start() {
			isDraining = true;
			try {
				for (const effect of options.start.effects) {
					options.run(effect);
				}
			} finally {
				isDraining = false;
			}

			if (queue.length > 0) {
				drain();
			}
		},
		dispatch(...messages) {
			queue.push(...messages);
			// An effect answering at once, from inside the loop, is handled in this same pass.
			if (!isDraining) {
				drain();
			}
		},
		get model() {
			return model;
		},
	};

	return program;
}
