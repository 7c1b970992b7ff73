/**
 * A throwaway OpenSSH server on 127.0.0.1, so end-to-end tests can run a
 * program the way a user on a remote machine would: `ssh -tt` in a local
 * pseudo-terminal, the program in the pseudo-terminal sshd allocates.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {promisify} from 'node:util';
import {spawnInPty, type CliRun, type SpawnOptions} from './pty.js';

const sshdPath = '/usr/sbin/sshd';
const startTimeoutMs = 10_000;
const stopTimeoutMs = 5000;
const portAttempts = 5;

/** The size and environment of an SSH run, as for spawnInPty (the remote command starts in root's home). */
export type SshOptions = Omit<SpawnOptions, 'cwd'>;

export type Sshd = {
	/** The port sshd listens on, on 127.0.0.1. */
	port: number;
	/**
	 * Runs a shell command as root over `ssh -tt` in a local pseudo-terminal.
	 * The remote side gets the run's XDG_CONFIG_HOME, LANG and every variable
	 * in `env` (forwarded with SendEnv, so no value shows in a process list);
	 * TERM and the size come with the pseudo-terminal request. HOME is root's
	 * and PATH is sshd's default. The exit code is the command's.
	 */
	ssh(command: string, options?: SshOptions): CliRun;
	/** What sshd has logged so far: name it in a failure message. */
	log(): string;
	/** Disposes the runs it started, stops sshd and removes its files. */
	stop(): Promise<void>;
};

const execFileAsync = promisify(execFile);

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => {
				resolve(port);
			});
		});
	});
}

function writeConfig(directory: string, port: number): string {
	const file = path.join(directory, 'sshd_config');
	fs.writeFileSync(file, [
		'ListenAddress 127.0.0.1',
		`Port ${port}`,
		`HostKey ${path.join(directory, 'host_key')}`,
		`PidFile ${path.join(directory, 'sshd.pid')}`,
		`AuthorizedKeysFile ${path.join(directory, 'authorized_keys')}`,
		'PermitRootLogin prohibit-password',
		'PubkeyAuthentication yes',
		'PasswordAuthentication no',
		'KbdInteractiveAuthentication no',
		// PAM would need the system's service config; key auth needs none.
		'UsePAM no',
		// It would refuse authorized_keys under the world-writable /tmp.
		'StrictModes no',
		'AcceptEnv *',
		// Debian's bash sources ~/.bashrc even for `bash -c` when run by sshd,
		// unless it is a nested shell: keep root's dotfiles (and their second
		// of start-up time) out of the remote command.
		'SetEnv SHLVL=1',
		'PrintMotd no',
		'PrintLastLog no',
		'LogLevel INFO',
		'',
	].join('\n'));
	return file;
}

type Listening = {child: ChildProcess; log: () => string};

/** Starts sshd and settles once it listens; undefined when another process took the port first. */
function listen(config: string, port: number): Promise<Listening | undefined> {
	const child = spawn(sshdPath, ['-D', '-e', '-f', config], {stdio: ['ignore', 'ignore', 'pipe']});
	let log = '';
	return new Promise((resolve, reject) => {
		const fail = (message: string): void => {
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(new Error(`${message}\nsshd log:\n${log}`));
		};

		const timer = setTimeout(() => {
			fail(`sshd did not listen on 127.0.0.1:${port} within ${startTimeoutMs} ms.`);
		}, startTimeoutMs);
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (chunk: string) => {
			log += chunk;
			// sshd logs this line right after listen() succeeds.
			if (log.includes(`Server listening on 127.0.0.1 port ${port}.`)) {
				clearTimeout(timer);
				resolve({child, log: () => log});
			}
		});
		child.once('error', error => {
			fail(`Could not start ${sshdPath}: ${error.message}.`);
		});
		child.once('exit', code => {
			clearTimeout(timer);
			if (log.includes('Address already in use')) {
				resolve(undefined);
			} else {
				reject(new Error(`sshd exited (${code === null ? 'killed by a signal' : `code ${code}`}) before listening.\nsshd log:\n${log}`));
			}
		});
	});
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	const exited = new Promise(resolve => {
		child.once('exit', resolve);
	});
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
	await exited;
	clearTimeout(timer);
}

/** Starts sshd on a free port of 127.0.0.1 with throwaway host and client keys. Needs root and .ci/install-sshd. */
export async function startSshd(): Promise<Sshd> {
	if (!fs.existsSync(sshdPath)) {
		throw new Error(`${sshdPath} is missing: run .ci/install-sshd (as root) to install Debian's openssh-server.`);
	}

	// sshd refuses to start without its privilege separation directory.
	fs.mkdirSync('/run/sshd', {recursive: true, mode: 0o755});
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-sshd-'));
	const clientKey = path.join(directory, 'client_key');
	let listening: Listening | undefined;
	let port = 0;
	try {
		await Promise.all(['host_key', 'client_key'].map(async name =>
			execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'falreq-test', '-f', path.join(directory, name)])));
		fs.copyFileSync(`${clientKey}.pub`, path.join(directory, 'authorized_keys'));
		for (let attempt = 0; !listening && attempt < portAttempts; attempt++) {
			port = await freePort();
			listening = await listen(writeConfig(directory, port), port);
		}

		if (!listening) {
			throw new Error(`sshd found no free port on 127.0.0.1 in ${portAttempts} attempts.`);
		}
	} catch (error) {
		fs.rmSync(directory, {recursive: true, force: true});
		throw error;
	}

	const {child, log} = listening;
	// A crashed test run must not leave sshd listening.
	const killOnExit = (): void => {
		child.kill('SIGKILL');
	};

	process.once('exit', killOnExit);
	const runs = new Set<CliRun>();

	return {
		port,
		log,
		ssh(command, options = {}) {
			const forwarded = ['XDG_CONFIG_HOME', 'LANG', ...Object.keys(options.env ?? {})];
			const sshRun = spawnInPty('ssh', [
				'-tt',
				'-F', '/dev/null',
				'-p', String(port),
				'-i', clientKey,
				'-o', 'IdentitiesOnly=yes',
				'-o', 'BatchMode=yes',
				'-o', 'StrictHostKeyChecking=no',
				'-o', 'UserKnownHostsFile=/dev/null',
				'-o', 'LogLevel=ERROR',
				...forwarded.flatMap(name => ['-o', `SendEnv=${name}`]),
				'root@127.0.0.1',
				command,
			], options);
			runs.add(sshRun);
			return sshRun;
		},
		async stop() {
			for (const sshRun of runs) {
				sshRun.dispose();
			}

			process.removeListener('exit', killOnExit);
			await stopChild(child);
			fs.rmSync(directory, {recursive: true, force: true});
		},
	};
}
