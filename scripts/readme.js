// Writes `falreq --help` into README.md between the usage markers, so the two never drift.
import {execFileSync} from 'node:child_process';
import {readFile, writeFile} from 'node:fs/promises';

const help = execFileSync(process.execPath, ['dist/cli.js', '--help'], {encoding: 'utf8'}).trim();
const readme = await readFile('README.md', 'utf8');
const updated = readme.replace(/(<!-- usage -->\n)[\s\S]*?(<!-- \/usage -->)/, `$1\`\`\`\n${help}\n\`\`\`\n$2`);
await writeFile('README.md', updated);
