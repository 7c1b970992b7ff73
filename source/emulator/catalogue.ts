import type {Random} from './random.js';

type Json = Record<string, unknown>;

/** One endpoint the emulator serves, with how its traffic looks. */
export type EndpointSpec = {
	id: string;
	/** Share of the traffic, relative to the other endpoints. */
	weight: number;
	/** Processing time of a success, in seconds. */
	duration: readonly [number, number];
	/** When the gateway gives up, in seconds (504 request_timeout). */
	timeout: number;
	input(random: Random): Json;
	output(random: Random, input: Json): Json;
	/** Billable units of a success (not money). */
	units(random: Random): number;
};

const subjects = [
	'a red fox',
	'an astronaut',
	'a lighthouse',
	'a bowl of ramen',
	'a vintage motorcycle',
	'a snow leopard',
	'a cyberpunk street vendor',
	'a glass greenhouse',
	'an old fisherman',
	'a paper crane',
	'a koi pond',
	'a steam locomotive',
];
const settings = [
	'in a misty forest at dawn',
	'on the surface of Mars',
	'during a thunderstorm',
	'under neon lights in the rain',
	'in a sunlit kitchen',
	'floating above the clouds',
	'at golden hour on a quiet beach',
	'inside a cathedral made of ice',
];
const styles = [
	'cinematic lighting, 35mm film',
	'watercolor illustration',
	'ultra detailed, 8k, photorealistic',
	'isometric 3d render',
	'studio ghibli style',
	'minimalist flat vector art',
	'oil painting, thick brush strokes',
];
const imageSizes = {
	square_hd: [1024, 1024],
	square: [512, 512],
	portrait_4_3: [768, 1024],
	portrait_16_9: [576, 1024],
	landscape_4_3: [1024, 768],
	landscape_16_9: [1024, 576],
} as const;
type ImageSize = keyof typeof imageSizes;
const sizeNames = Object.keys(imageSizes) as ImageSize[];
const animals = ['penguin', 'koala', 'zebra', 'lion', 'elephant', 'panda', 'rabbit', 'tiger', 'monkey', 'kangaroo'];
const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function prompt(random: Random): string {
	return `${random.pick(subjects)} ${random.pick(settings)}, ${random.pick(styles)}`;
}

function fileUrl(random: Random, name: string): string {
	let id = '';
	for (let index = 0; index < 21; index++) {
		id += idAlphabet[random.int(0, idAlphabet.length - 1)];
	}

	return `https://v3.fal.media/files/${random.pick(animals)}/${id}_${name}`;
}

function seed(random: Random): number {
	return random.int(0, 2_147_483_647);
}

function round(value: number, digits: number): number {
	return Number(value.toFixed(digits));
}

function imageOutput(random: Random, input: Json, width: number, height: number): Json {
	const count = typeof input['num_images'] === 'number' ? input['num_images'] : 1;
	const images = Array.from({length: count}, () => ({
		url: fileUrl(random, 'image.jpg'),
		width,
		height,
		content_type: 'image/jpeg',
	}));
	return {
		images,
		timings: {inference: round(random.between(0.4, 6), 6)},
		seed: typeof input['seed'] === 'number' ? input['seed'] : seed(random),
		has_nsfw_concepts: images.map(() => random.chance(0.01)),
		prompt: input['prompt'],
	};
}

function sizeOf(input: Json): readonly [number, number] {
	const size = input['image_size'];
	if (typeof size === 'string' && size in imageSizes) {
		return imageSizes[size as ImageSize];
	}

	const custom = size as {width: number; height: number};
	return [custom.width, custom.height];
}

function upscaler(id: string, weight: number, duration: readonly [number, number]): EndpointSpec {
	return {
		id,
		weight,
		duration,
		timeout: 120,
		input: (random) => ({
			image_url: fileUrl(random, random.pick(['photo.png', 'input.jpg', 'scan.png'])),
			scale: random.pick([2, 4]),
			...(random.chance(0.5) && {seed: seed(random)}),
		}),
		output(random, input) {
			const scale = Number(input['scale']);
			const [width, height] = random.pick(Object.values(imageSizes));
			return {
				image: {
					url: fileUrl(random, 'upscaled.png'),
					width: width * scale,
					height: height * scale,
					content_type: 'image/png',
				},
				timings: {inference: round(random.between(0.3, 12), 6)},
			};
		},
		units: (random) => round(random.between(1, 16.8), 2),
	};
}

/** The endpoints in the emulator's data: fal-ai models, and an app of ours (`acme/upscaler`) with two routes. */
export const catalogue: readonly EndpointSpec[] = [
	{
		id: 'fal-ai/flux/dev',
		weight: 30,
		duration: [1.8, 8],
		timeout: 300,
		input: (random) => ({
			prompt: prompt(random),
			image_size: random.chance(0.85) ? random.pick(sizeNames) : {width: random.int(8, 24) * 64, height: random.int(8, 24) * 64},
			num_inference_steps: random.pick([28, 28, 28, 40, 50]),
			seed: seed(random),
			guidance_scale: random.pick([3.5, 3.5, 4, 5.5]),
			num_images: random.pick([1, 1, 1, 2, 4]),
			enable_safety_checker: true,
		}),
		output(random, input) {
			const [width, height] = sizeOf(input);
			return imageOutput(random, input, width, height);
		},
		units: (random) => round(random.between(0.25, 4), 4),
	},
	{
		id: 'fal-ai/flux/schnell',
		weight: 10,
		duration: [0.4, 2],
		timeout: 300,
		input: (random) => ({
			prompt: prompt(random),
			image_size: random.pick(sizeNames),
			num_inference_steps: 4,
			seed: seed(random),
		}),
		output(random, input) {
			const [width, height] = sizeOf(input);
			return imageOutput(random, input, width, height);
		},
		units: (random) => round(random.between(0.25, 1), 4),
	},
	{
		id: 'fal-ai/flux-pro/v1.1-ultra',
		weight: 15,
		duration: [5, 16],
		timeout: 300,
		input: (random) => ({
			prompt: prompt(random),
			aspect_ratio: random.pick(['16:9', '1:1', '9:16', '21:9', '4:3']),
			num_images: 1,
			safety_tolerance: random.pick(['2', '3', '5']),
			raw: random.chance(0.2),
			seed: seed(random),
		}),
		output: (random, input) => imageOutput(random, input, 2752, 1536),
		units: () => 1,
	},
	{
		id: 'fal-ai/fast-sdxl',
		weight: 20,
		duration: [0.9, 4],
		timeout: 300,
		input: (random) => ({
			prompt: prompt(random),
			negative_prompt: random.pick(['', 'blurry, low quality', 'text, watermark', 'cartoon, deformed hands']),
			image_size: random.pick(sizeNames),
			num_inference_steps: 25,
			guidance_scale: 7.5,
			seed: seed(random),
		}),
		output(random, input) {
			const [width, height] = sizeOf(input);
			return imageOutput(random, input, width, height);
		},
		units: (random) => round(random.between(0.25, 1), 4),
	},
	{
		id: 'fal-ai/kling-video/v2/master/text-to-video',
		weight: 7,
		duration: [60, 330],
		timeout: 900,
		input: (random) => ({
			prompt: prompt(random),
			duration: random.pick(['5', '10']),
			aspect_ratio: random.pick(['16:9', '9:16', '1:1']),
			negative_prompt: 'blur, distort, and low quality',
			cfg_scale: 0.5,
		}),
		output: (random) => ({
			video: {
				url: fileUrl(random, 'output.mp4'),
				content_type: 'video/mp4',
				file_name: 'output.mp4',
				file_size: random.int(1_500_000, 24_000_000),
			},
		}),
		units: (random) => random.pick([5, 10]),
	},
	upscaler('acme/upscaler/turbo', 12, [0.5, 3]),
	upscaler('acme/upscaler/hd', 6, [3, 20]),
];

/** The endpoint whose errors spike about an hour before the data's anchor time. */
export const spikeEndpoint = 'acme/upscaler/turbo';
