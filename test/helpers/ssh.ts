/**
 * A throwaway SSH server on 127.0.0.1, from npm (ssh2) and in this process, so
 * end-to-end tests can run a program the way a user on a remote machine would:
 * a real SSH client in a local pseudo-terminal, the program in a
 * pseudo-terminal the server opens for the session with the size and TERM the
 * client asked for. Needs nothing but Node: no sshd, no root.
 */
import fs from 'node:fs';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import ssh2 from 'ssh2';
import type {IPty} from '@lydell/node-pty';
import {openPty, spawnInPty, type CliRun, type HeldPty, type SpawnOptions} from './pty.js';
import {isOnPath} from './on-path.js';

const {Server, utils} = ssh2;

/** The clients a test can connect with: OpenSSH's `ssh` where the machine has one, and ssh2's own always. */
export type SshClient = 'openssh' | 'ssh2';

export type SshOptions = Omit<SpawnOptions, 'cwd'> & {
	/** Default: {@link preferredClient}. */
	client?: SshClient;
};

export type SshServer = {
	/** The port the server listens on, on 127.0.0.1. */
	port: number;
	/**
	 * Runs a shell command over SSH (`ssh -tt`) in a local pseudo-terminal. The
	 * remote side gets the run's XDG_CONFIG_HOME, LANG and every variable in
	 * `env` but TERM (sent as SendEnv, so no value shows in a process list);
	 * TERM and the size come with the pseudo-terminal request. It starts in
	 * the server's own home directory. The exit code is the command's.
	 */
	ssh(command: string, options?: SshOptions): CliRun;
	/** Disposes the runs it started, ends the sessions and closes the server. */
	stop(): Promise<void>;
};

const clientScript = path.join(path.dirname(new URL(import.meta.url).pathname), 'ssh2-client.mjs');
const userName = 'falreq';

/** The clients this machine has, the system's `ssh` first. */
export const sshClients: readonly SshClient[] = isOnPath('ssh') ? ['openssh', 'ssh2'] : ['ssh2'];

/** The client a test uses unless it names one. */
export const preferredClient: SshClient = sshClients[0]!;

/** What a session asked for before its command: the terminal and the variables sent. */
type SessionRequest = {
	term?: string;
	cols: number;
	rows: number;
	env: Record<string, string>;
};

/**
 * Runs the command as sshd does, through the shell, with SSH_TTY naming the
 * terminal (known only once the pseudo-terminal exists, hence `tty`).
 */
function startCommand(command: string, request: SessionRequest, baseEnv: Record<string, string>): HeldPty {
	return openPty('/bin/sh', ['-c', 'SSH_TTY=$(tty); export SSH_TTY; exec /bin/sh -c "$1"', 'sh', command], {
		name: request.term ?? 'dumb',
		cols: request.cols,
		rows: request.rows,
		cwd: baseEnv['HOME'],
		env: {...baseEnv, ...request.env, TERM: request.term ?? 'dumb'},
		// Bytes, not strings: what the program writes reaches the client unchanged.
		encoding: null,
	});
}

/** Starts the server on a free port of 127.0.0.1 with a host key and a client key made now. */
export async function startSshServer(): Promise<SshServer> {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-ssh-'));
	const home = path.join(directory, 'home');
	fs.mkdirSync(home);
	const hostKey = utils.generateKeyPairSync('ed25519');
	const clientKey = utils.generateKeyPairSync('ed25519');
	const clientKeyFile = path.join(directory, 'client_key');
	// OpenSSH refuses a private key others may read.
	fs.writeFileSync(clientKeyFile, clientKey.private, {mode: 0o600});
	const allowed = utils.parseKey(clientKey.public);
	if (allowed instanceof Error) {
		throw allowed;
	}

	const ptys = new Set<IPty>();
	const connections = new Set<ssh2.Connection>();
	const server = new Server({hostKeys: [hostKey.private]}, (connection, client) => {
		connections.add(connection);
		connection.on('close', () => connections.delete(connection));
		connection.on('authentication', context => {
			const isAllowed =
				context.method === 'publickey' &&
				context.key.algo === allowed.type &&
				context.key.data.equals(allowed.getPublicSSH()) &&
				// Without a signature the client only asks whether this key would do.
				(context.signature === undefined || allowed.verify(context.blob!, context.signature, context.hashAlgo) === true);
			if (isAllowed) {
				context.accept();
			} else {
				context.reject(['publickey']);
			}
		});
		// A client that goes away mid-session is not the server's failure.
		connection.on('error', () => undefined);
		connection.on('ready', () => {
			connection.on('session', acceptSession => {
				const session = acceptSession();
				const request: SessionRequest = {cols: 80, rows: 24, env: {}};
				let running: HeldPty | undefined;
				session.on('pty', (accept, _reject, info) => {
					Object.assign(request, {term: info.term, cols: info.cols, rows: info.rows});
					accept?.();
				});
				session.on('env', (accept, _reject, info) => {
					request.env[info.key] = info.val;
					accept?.();
				});
				session.on('window-change', (accept, _reject, info) => {
					running?.pty.resize(info.cols, info.rows);
					accept?.();
				});
				session.on('exec', (accept, reject, info) => {
					if (request.term === undefined) {
						// Every test asks for a terminal (-tt); one that did not would test nothing this server offers.
						reject?.();
						return;
					}

					const channel = accept();
					running = startCommand(info.command, request, {
						PATH: process.env['PATH'] ?? '/usr/bin:/bin',
						HOME: home,
						USER: userName,
						LOGNAME: userName,
						SHELL: '/bin/sh',
						SSH_CONNECTION: `${client.ip} ${client.port} 127.0.0.1 ${port}`,
						SSH_CLIENT: `${client.ip} ${client.port} ${port}`,
					});
					const {pty, release} = running;
					ptys.add(pty);
					pty.onData(data => channel.write(data as unknown as Buffer));
					channel.on('data', (data: Buffer) => {
						pty.write(data as unknown as string);
					});
					// The client went away: the terminal hangs up, as sshd makes it.
					channel.on('close', () => {
						if (ptys.has(pty)) {
							pty.kill('SIGHUP');
						}
					});
					pty.onExit(({exitCode, signal}) => {
						release();
						ptys.delete(pty);
						if (signal) {
							channel.exit(signalName(signal), false, '');
						} else {
							channel.exit(exitCode);
						}

						channel.end();
					});
				});
			});
		});
	});

	const port = await new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			resolve((server.address() as AddressInfo).port);
		});
	});

	const runs = new Set<CliRun>();
	return {
		port,
		ssh(command, options = {}) {
			const {client = preferredClient, ...spawnOptions} = options;
			const forwarded = ['XDG_CONFIG_HOME', 'LANG', ...Object.keys(spawnOptions.env ?? {}).filter(name => name !== 'TERM')];
			const run =
				client === 'openssh'
					? spawnInPty('ssh', [
						'-tt',
						'-F', '/dev/null',
						'-p', String(port),
						'-i', clientKeyFile,
						'-o', 'IdentitiesOnly=yes',
						'-o', 'BatchMode=yes',
						'-o', 'StrictHostKeyChecking=no',
						'-o', 'UserKnownHostsFile=/dev/null',
						'-o', 'GlobalKnownHostsFile=/dev/null',
						'-o', 'LogLevel=ERROR',
						...forwarded.flatMap(name => ['-o', `SendEnv=${name}`]),
						`${userName}@127.0.0.1`,
						command,
					], spawnOptions)
					: spawnInPty(process.execPath, [clientScript, String(port), clientKeyFile, forwarded.join(','), command], {...spawnOptions, isRawModeAwaited: false});
			runs.add(run);
			return run;
		},
		async stop() {
			for (const run of runs) {
				run.dispose();
			}

			for (const pty of ptys) {
				pty.kill('SIGKILL');
			}

			for (const connection of connections) {
				connection.end();
			}

			await new Promise(resolve => {
				server.close(resolve);
			});
			fs.rmSync(directory, {recursive: true, force: true});
		},
	};
}

/** The name SSH gives a signal ('TERM' for 15), as exit-signal carries it. */
function signalName(signal: number): string {
	const entry = Object.entries(os.constants.signals).find(([, number]) => number === signal);
	return entry === undefined ? 'KILL' : entry[0].replace(/^SIG/, '');
}
