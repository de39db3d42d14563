#!/usr/bin/python3
"""Execute notebooks headlessly with Jupyter's own client and export them.

    JUPYTER_PATH=$PWD/.jupyter-local /usr/bin/python3 scripts/execute_notebooks.py \
        [--out build/notebooks] [--timeout 120] [--kernel tslab] [--summary FILE] NOTEBOOK...

For each notebook, in order: clear its outputs, run every cell with nbclient
on the project's tslab kernel (working directory: the notebook's folder, so
`../dist/lib` resolves), write the executed copy to OUT/<name>.ipynb and an
HTML export to OUT/<name>.html, and record run time, cell count and figure
count. The first cell error stops that notebook and the run: the message names
the notebook, the cell index, the head of the cell's source, and the error
(tslab reports a compile error as an empty `<Error>` reply plus the compiler's
message on stderr, so both are collected from the cell's outputs).

The HTML export is the `lab` template minus its two CDN scripts: require.js
(nothing here needs it; plotly.js 3 sets window.Plotly itself) and MathJax,
which is taken from Debian's libjs-mathjax as a file:// URL when that is
installed and otherwise left out (math then shows as TeX source). So an
export never asks the network for anything; the browser test enforces it.

Must run under Debian's /usr/bin/python3 (the interpreter that has
python3-nbclient and jupyter-nbconvert), not a pyenv/venv one.

Exit status: 0 when every notebook ran, 1 on the first cell error or
timeout, 2 on bad usage or a missing kernel. --summary writes a JSON list of
{notebook, ok, seconds, cells, figures, ipynb, html, error} for every
notebook attempted, the failed one included.
"""

import argparse
import json
import os
import subprocess
import sys
import time

try:
    import nbformat
    from jinja2 import DictLoader
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbconvert import HTMLExporter
except ImportError as missing:
    print(
        f"execute_notebooks: {missing}; install Debian's jupyter-nbconvert python3-nbclient "
        "jupyter-client jupyter-core and run with /usr/bin/python3",
        file=sys.stderr,
    )
    sys.exit(2)

# Containers written by lib/notebook/display.ts figureHtml(); one per figure.
FIGURE_MARKER = 'class="aggregathor-figure"'


OFFLINE_TEMPLATE = """
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}
{%- if resources.offline_mathjax_url -%}{{ mathjax(resources.offline_mathjax_url) }}{%- endif -%}
{%- endblock html_head_js_mathjax -%}
"""


def cell_error_text(cell, exc):
    """The error as a reader needs it: the kernel's error output plus anything the cell wrote to stderr."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            parts.append(output.get("text", "").strip())
        elif output.get("output_type") == "error":
            traceback = "\n".join(output.get("traceback", [])).strip()
            head = f"{output.get('ename', '')}: {output.get('evalue', '')}".strip(": ")
            parts.append(traceback or head)
    text = "\n".join(p for p in parts if p)
    if not text:
        text = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    return text


def source_head(cell, lines=3):
    src = cell.get("source", "").strip().splitlines()
    head = "\n".join(src[:lines])
    return head + ("\n..." if len(src) > lines else "")


def count_figures(nb):
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            if isinstance(html, list):
                html = "".join(html)
            count += html.count(FIGURE_MARKER)
    return count


def export_html(nb, path):
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"offline.html.j2": OFFLINE_TEMPLATE})],
        template_file="offline.html.j2",
    )
    # No MathJax: the math of markdown cells is typeset at export time with KaTeX from npm,
    # its CSS and fonts inlined (dist/scripts/render-math.js), so the page travels.
    body, _ = exporter.from_notebook_node(nb, resources={"offline_mathjax_url": ""})
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(["node", os.path.join(root, "dist", "scripts", "render-math.js"), path], check=True, stdout=subprocess.DEVNULL)


def execute(path, out_dir, timeout, kernel):
    name = os.path.splitext(os.path.basename(path))[0]
    record = {
        "notebook": path,
        "ok": False,
        "seconds": 0.0,
        "cells": 0,
        "figures": 0,
        "ipynb": os.path.join(out_dir, name + ".ipynb"),
        "html": os.path.join(out_dir, name + ".html"),
        "error": None,
    }
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    record["cells"] = len(nb.cells)
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    current = {"index": None}

    def on_cell_start(cell, cell_index, **_):
        current["index"] = cell_index

    client.on_cell_start = on_cell_start
    started = time.monotonic()
    try:
        # nbclient stops at the first failing cell (allow_errors=False).
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        failed_index = current["index"] if current["index"] is not None else 0
        cell = nb.cells[failed_index]
        if isinstance(exc, CellTimeoutError):
            kind, message = "timed out", f"no reply within {timeout} s"
        elif isinstance(exc, DeadKernelError):
            kind, message = "kernel died", cell_error_text(cell, exc)
        else:
            kind, message = "failed", cell_error_text(cell, exc)
        record["error"] = {"cell": failed_index, "kind": kind, "source": source_head(cell), "message": message}
    except Exception as exc:  # the kernel did not start, the connection broke: still a loud, located failure
        failed_index = current["index"] if current["index"] is not None else 0
        cell = nb.cells[failed_index] if nb.cells else {"source": ""}
        record["error"] = {
            "cell": failed_index,
            "kind": "could not run",
            "source": source_head(cell),
            "message": f"{type(exc).__name__}: {exc}",
        }
    record["seconds"] = round(time.monotonic() - started, 2)
    record["figures"] = count_figures(nb)
    os.makedirs(out_dir, exist_ok=True)
    nbformat.write(nb, record["ipynb"])
    export_html(nb, record["html"])
    record["ok"] = record["error"] is None
    return record


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--out", default="build/notebooks")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--summary", help="write the per-notebook records as JSON here")
    args = ap.parse_args(argv)

    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(args.kernel)
    except NoSuchKernel:
        print(
            f"execute_notebooks: no Jupyter kernel named {args.kernel!r}; run `bash scripts/install-kernel.sh` "
            "and set JUPYTER_PATH=$PWD/.jupyter-local",
            file=sys.stderr,
        )
        return 2

    records = []
    status = 0
    for path in args.notebooks:
        record = execute(path, args.out, args.timeout, args.kernel)
        records.append(record)
        if record["ok"]:
            print(f"executed {path}: {record['cells']} cells, {record['figures']} figures, {record['seconds']} s", file=sys.stderr)
        else:
            err = record["error"]
            source = "\n".join("    | " + line for line in err["source"].splitlines())
            message = "\n".join("    " + line for line in err["message"].splitlines())
            print(f"NOTEBOOK FAILED: {path}, cell {err['cell']} {err['kind']}\n{source}\n{message}", file=sys.stderr)
            status = 1
            break
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(records, f, indent=1)
    return status


if __name__ == "__main__":
    sys.exit(main())
