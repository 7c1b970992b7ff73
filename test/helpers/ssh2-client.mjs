// `ssh -tt` for machines without OpenSSH, made of ssh2's client: runs one
// command on the test's SSH server in a pseudo-terminal of this terminal's
// size and TERM, sends the named variables as SendEnv would, passes keys and
// output through raw, and exits with the remote command's exit code.
// Usage: node ssh2-client.mjs PORT KEY_FILE NAMES_TO_SEND COMMAND
import fs from 'node:fs';
import process from 'node:process';
import ssh2 from 'ssh2';

const [port, keyFile, names, command] = process.argv.slice(2);
const {stdin, stdout, stderr} = process;
const env = Object.fromEntries(names.split(',').filter(name => process.env[name] !== undefined).map(name => [name, process.env[name]]));
const connection = new ssh2.Client();

function fail(message) {
	stderr.write(`ssh2-client: ${message}\r\n`);
	process.exit(255);
}

connection.on('error', error => {
	fail(error.message);
});
connection.on('ready', () => {
	const pty = {term: process.env.TERM ?? 'dumb', cols: stdout.columns, rows: stdout.rows};
	connection.exec(command, {pty, env}, (error, channel) => {
		if (error) {
			fail(error.message);
		}

		let code = 255;
		stdin.setRawMode(true);
		stdin.pipe(channel);
		channel.pipe(stdout, {end: false});
		channel.stderr.pipe(stderr, {end: false});
		stdout.on('resize', () => {
			channel.setWindow(stdout.rows, stdout.columns, 0, 0);
		});
		channel.on('exit', exitCode => {
			// As OpenSSH does: a command killed by a signal ends the client with 255.
			code = exitCode ?? 255;
		});
		channel.on('close', () => {
			stdin.setRawMode(false);
			connection.end();
			process.exitCode = code;
			stdin.destroy();
		});
	});
});
connection.connect({
	host: '127.0.0.1',
	port: Number(port),
	username: 'falreq',
	privateKey: fs.readFileSync(keyFile),
	// The server's host key is made afresh for each run; there is nothing to check it against.
	hostVerifier: () => true,
});
