/**
 * Real Jupyter front ends for the tests: a JupyterLab server (which also
 * serves Notebook 7) from the project-local virtual environment
 * `.venv-jupyter/` (pip, `scripts/ensure-deps.sh --frontends`), and Debian's
 * classic notebook server (`jupyter-notebook`, Notebook 6).
 *
 * Each server listens on 127.0.0.1 at a free port with a random token and
 * `--no-browser`, serves one folder of notebooks, and keeps every file it
 * writes (config, data, runtime, the notebook-trust database, even `HOME`)
 * under a state folder in `build/`, so nothing touches the user's home.
 * {@link JupyterServer.stop} ends the server and every process it started
 * (kernels), SIGKILL after a grace period; {@link stopAllOnExit} makes sure a
 * crashed test leaves no server behind.
 *
 * @example
 * const server = await startJupyterServer('venv', 'build/frontends/notebooks', 'build/frontends/state');
 * try {
 *   await page.goto(server.pageUrl('jupyterlab', '02-cone.ipynb'));
 * } finally {
 *   await server.stop();
 * }
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { KERNEL_DIR, ROOT } from './notebooks';

/** The project-local virtual environment with `jupyterlab` and `notebook` (7) from pip. */
export const VENV = path.join(ROOT, '.venv-jupyter');
export const VENV_PYTHON = path.join(VENV, 'bin', 'python');
/** Debian's interpreter, which has the classic notebook (package jupyter-notebook, python3-notebook). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Which server: the pip one in `.venv-jupyter/`, or Debian's classic notebook. */
export type ServerKind = 'venv' | 'debian';
/** The front ends, each served by one kind of server. */
export type FrontEndName = 'jupyterlab' | 'notebook7' | 'classic';

export interface FrontEnd {
  name: FrontEndName;
  server: ServerKind;
  /** How the test output names it, with the version found. */
  label: string;
}

function pythonProbe(python: string, code: string): { ok: boolean; out: string } {
  if (!existsSync(python)) return { ok: false, out: `${python} not found` };
  const r = spawnSync(python, ['-c', code], { encoding: 'utf8', env: { ...process.env, PYTHONNOUSERSITE: '1' }, timeout: 60_000 });
  return { ok: r.status === 0, out: (r.status === 0 ? r.stdout : r.stderr || String(r.error ?? '')).trim() };
}

/**
 * The front ends available here, and one line for each kind of server that
 * is missing (what to install). The versions are read from the packages.
 */
export function availableFrontEnds(): { frontEnds: FrontEnd[]; missing: string[] } {
  const frontEnds: FrontEnd[] = [];
  const missing: string[] = [];
  const venv = pythonProbe(VENV_PYTHON, 'import jupyterlab, notebook; print(jupyterlab.__version__, notebook.__version__)');
  if (venv.ok) {
    const [lab, nb] = venv.out.split(/\s+/);
    frontEnds.push({ name: 'jupyterlab', server: 'venv', label: `JupyterLab ${lab} (pip, .venv-jupyter)` });
    frontEnds.push({ name: 'notebook7', server: 'venv', label: `Notebook ${nb} (pip, .venv-jupyter)` });
  } else {
    missing.push(`JupyterLab and Notebook 7 are not installed in .venv-jupyter (bash scripts/ensure-deps.sh --frontends installs them with pip): ${venv.out.split('\n').pop()}`);
  }
  const classic = pythonProbe(DEBIAN_PYTHON, 'import notebook; print(notebook.__version__)');
  if (classic.ok && /^6\./.test(classic.out)) {
    frontEnds.push({ name: 'classic', server: 'debian', label: `classic Notebook ${classic.out} (Debian jupyter-notebook)` });
  } else {
    missing.push(`Debian's classic notebook is not installed (package jupyter-notebook; bash scripts/ensure-deps.sh --frontends installs it as root)${classic.ok ? `: found notebook ${classic.out}, not 6.x` : ''}`);
  }
  return { frontEnds, missing };
}

/** A free TCP port on 127.0.0.1 (asked of the kernel; the server is told `--port-retries=0`, so a lost race fails loudly). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The environment of a server: every Jupyter folder (and HOME) inside `state`, the project's tslab kernelspec on JUPYTER_PATH. */
export function serverEnv(state: string, kind: ServerKind): NodeJS.ProcessEnv {
  const own = path.join(state, kind);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: path.join(state, 'home'),
    XDG_CACHE_HOME: path.join(state, 'home', '.cache'),
    XDG_CONFIG_HOME: path.join(state, 'home', '.config'),
    XDG_DATA_HOME: path.join(state, 'home', '.local', 'share'),
    IPYTHONDIR: path.join(state, 'home', '.ipython'),
    JUPYTER_CONFIG_DIR: path.join(own, 'config'),
    // One data folder for both servers: it holds the notebook-trust secret and signature database.
    JUPYTER_DATA_DIR: path.join(state, 'data'),
    JUPYTER_RUNTIME_DIR: path.join(own, 'runtime'),
    JUPYTER_PATH: KERNEL_DIR,
    JUPYTER_PLATFORM_DIRS: '1',
    JUPYTERLAB_SETTINGS_DIR: path.join(own, 'config', 'lab', 'user-settings'),
    JUPYTERLAB_WORKSPACES_DIR: path.join(own, 'config', 'lab', 'workspaces'),
    PYTHONNOUSERSITE: '1',
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
  };
  delete env.JUPYTER_CONFIG_PATH;
  for (const dir of [env.HOME, env.JUPYTER_CONFIG_DIR, env.JUPYTER_DATA_DIR, env.JUPYTER_RUNTIME_DIR]) mkdirSync(dir as string, { recursive: true });
  return env;
}

/**
 * Marks notebooks trusted, as `jupyter trust` does, with each server's own
 * nbformat (Jupyter runs the scripts of HTML outputs only in trusted
 * notebooks, so an untrusted copy would show blank figures everywhere).
 */
export function trustNotebooks(files: string[], state: string, kinds: ServerKind[]): void {
  for (const kind of new Set(kinds)) {
    const python = kind === 'venv' ? VENV_PYTHON : DEBIAN_PYTHON;
    const r = spawnSync(python, ['-c', 'import sys\nfrom nbformat.sign import TrustNotebookApp\nTrustNotebookApp.launch_instance()', ...files], { encoding: 'utf8', env: serverEnv(state, kind), timeout: 120_000 });
    if (r.status !== 0) throw new Error(`jupyter trust (${kind}) failed: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`);
  }
}

/** User settings that keep JupyterLab and Notebook 7 from asking the network for news or updates (the network is closed anyway). */
function writeQuietLabSettings(env: NodeJS.ProcessEnv): void {
  const dir = path.join(env.JUPYTERLAB_SETTINGS_DIR as string, '@jupyterlab', 'apputils-extension');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'notification.jupyterlab-settings'), JSON.stringify({ fetchNews: 'false', checkForUpdates: false }));
}

export interface JupyterServer {
  kind: ServerKind;
  port: number;
  token: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The URL that opens one notebook of the served folder in a front end. */
  pageUrl(frontEnd: FrontEndName, notebook: string): string;
  /** Shuts down every kernel of the server (through its REST API), keeping the server. */
  shutdownKernels(): Promise<void>;
  /** Ends the server and everything it started; safe to call twice. */
  stop(): Promise<void>;
  /** The server's log so far (stderr), for failure messages. */
  log(): string;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * A last resort: when the process exits, or is ended by SIGINT / SIGTERM /
 * SIGHUP (the test runner's timeout, a Ctrl-C), SIGKILL every server still
 * running and everything it started.
 */
export function stopAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of running) killTree(child.pid, 'SIGKILL');
  };
  process.on('exit', killAll);
  for (const [signal, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + n);
    });
  }
}

/** The pids of `pid`'s descendants, from /proc (kernels are started in their own session, so a process group does not reach them). */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const frontier = [pid];
  while (frontier.length) {
    const p = frontier.pop() as number;
    for (const [child, ppid] of parent) if (ppid === p) {
      out.push(child);
      frontier.push(child);
    }
  }
  return out;
}

function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  let pids: number[] = [];
  try {
    pids = descendants(pid);
  } catch {
    // no /proc
  }
  for (const p of [pid, ...pids]) {
    try {
      process.kill(p, signal);
    } catch {
      // already gone
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a server of `kind` on `notebooksDir`, its files under `state`,
 * and resolves once `/api/status` answers (rejects after `timeoutMs`, with
 * the tail of the server's log, having stopped it).
 */
export async function startJupyterServer(kind: ServerKind, notebooksDir: string, state: string, timeoutMs = 120_000): Promise<JupyterServer> {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const env = serverEnv(state, kind);
  const common = ['--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0'];
  // CI runs as root, and Jupyter refuses root unless told.
  if (process.getuid?.() === 0) common.push('--allow-root');
  const args =
    kind === 'venv'
      ? [
          '-m', 'jupyterlab', ...common,
          `--ServerApp.root_dir=${notebooksDir}`,
          `--IdentityProvider.token=${token}`,
          '--ServerApp.terminals_enabled=False',
          // No news feed, no update check: the server would ask the network for both.
          '--LabApp.news_url=None',
          '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
        ]
      : ['-m', 'notebook', ...common, `--NotebookApp.notebook_dir=${notebooksDir}`, `--NotebookApp.token=${token}`, '--NotebookApp.terminals_enabled=False'];
  if (kind === 'venv') writeQuietLabSettings(env);
  const child = spawn(kind === 'venv' ? VENV_PYTHON : DEBIAN_PYTHON, args, { cwd: notebooksDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  stopAllOnExit();
  let log = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (log += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (log += s));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : null);
      running.delete(child);
      resolve();
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  const headers = { Authorization: `token ${token}` };
  let stopped = false;
  const server: JupyterServer = {
    kind,
    port,
    token,
    origin,
    pageUrl(frontEnd, notebook) {
      const file = encodeURIComponent(notebook);
      // A workspace per notebook: JupyterLab would otherwise reopen every notebook opened before in the same workspace.
      if (frontEnd === 'jupyterlab') return `${origin}/lab/workspaces/${encodeURIComponent(notebook.replace(/\W/g, '-'))}/tree/${file}?reset&token=${token}`;
      return `${origin}/notebooks/${file}?token=${token}`;
    },
    async shutdownKernels() {
      if (stopped) return;
      try {
        const r = await fetch(`${origin}/api/sessions`, { headers });
        const sessions = (await r.json()) as { id: string }[];
        await Promise.all(sessions.map((s) => fetch(`${origin}/api/sessions/${s.id}`, { method: 'DELETE', headers })));
      } catch {
        // the server is going away: stop() kills what is left
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (exited !== undefined) return;
      const kernels = child.pid ? descendants(child.pid) : [];
      child.kill('SIGTERM');
      // Jupyter shuts its kernels down on SIGTERM; whatever is left after 10 s is killed.
      await Promise.race([exit, sleep(10_000)]);
      killTree(child.pid, 'SIGKILL');
      for (const p of kernels) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // gone, as it should be
        }
      }
      await Promise.race([exit, sleep(2_000)]);
    },
    log: () => log,
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`the ${kind} Jupyter server exited with status ${exited} before answering:\n${log.split('\n').slice(-15).join('\n')}`);
    try {
      const r = await fetch(`${origin}/api/status`, { headers });
      if (r.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the ${kind} Jupyter server did not answer on ${origin} within ${timeoutMs / 1000} s:\n${log.split('\n').slice(-15).join('\n')}`);
    }
    await sleep(250);
  }
}

/** The text of a notebook output's `text/html`, whether stored as one string or a list of lines. */
function htmlOf(output: { data?: Record<string, unknown> }): string {
  const html = output.data?.['text/html'];
  return Array.isArray(html) ? html.join('') : typeof html === 'string' ? html : '';
}

/**
 * The figures an executed notebook holds: the figure containers that
 * lib/notebook/display.ts writes, counted in the notebook's HTML outputs.
 */
export function figuresInNotebook(file: string): number {
  const nb = JSON.parse(readFileSync(file, 'utf8')) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
  let n = 0;
  for (const cell of nb.cells) for (const output of cell.outputs ?? []) n += htmlOf(output).split('class="aggregathor-figure"').length - 1;
  return n;
}

/** The number of cells of a notebook file. */
export function cellsInNotebook(file: string): number {
  return (JSON.parse(readFileSync(file, 'utf8')) as { cells: unknown[] }).cells.length;
}
