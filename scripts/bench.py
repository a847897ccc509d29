"""`make bench`: REST latency and throughput, training time and memory, with ratios.

Trains the production model and a model whose NLU is the stock spaCy(ja_ginza)
route (same policies), each from a cold cache, then starts the real stack with
each model on free ports and drives 1, 10 and 50 concurrent conversations over
the REST channel. Prints one table; ratios are production ÷ stock, same run.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

import aiohttp
import yaml

from scripts.compare_pipelines import timed
from scripts.nlu_probe import percentile
from scripts.stack import BOT_BIN, ROOT, Stack, StackConfig, random_secrets

STOCK_PIPELINE = ROOT / "scripts" / "pipelines" / "spacy_ginza.yml"
CONCURRENCY = (1, 10, 50)
QUESTIONS = [
    "こんにちは",
    "何ができますか",
    "人と話したい",
    "ふるさと納税について教えて",
    "ロボットですか",
    "ありがとうございました",
]


def stock_config(workdir: Path) -> Path:
    """config.yml with its NLU pipeline replaced by the stock spaCy route."""
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    config["pipeline"] = yaml.safe_load(STOCK_PIPELINE.read_text())["pipeline"]
    path = workdir / "config_stock.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def train(config: Path, workdir: Path, name: str) -> Dict[str, float]:
    """Trains a full model from a cold cache; returns seconds and peak RSS."""
    os.environ["RASA_CACHE_DIRECTORY"] = str(workdir / f"cache-{name}")
    figures = timed([str(BOT_BIN / "rasa"), "train", "-c", str(config), "--out", str(workdir),
                     "--fixed-model-name", name])
    return {"train_s": figures["seconds"], "train_rss_mb": figures["peak_rss_mb"]}


async def conversation(session: aiohttp.ClientSession, url: str, turns: int,
                       latencies: List[float]) -> None:
    """One sender asking `turns` questions in order, recording each round trip."""
    sender = f"bench-{secrets.token_hex(6)}"
    for i in range(turns):
        started = time.perf_counter()
        async with session.post(url, json={"sender": sender,
                                           "message": QUESTIONS[i % len(QUESTIONS)]}) as reply:
            await reply.read()
            if reply.status != 200:
                raise RuntimeError(f"HTTP {reply.status}")
        latencies.append((time.perf_counter() - started) * 1000)


async def load(url: str, concurrency: int, turns: int) -> Dict[str, float]:
    """Runs `concurrency` conversations at once; returns p50/p95 and messages per second."""
    latencies: List[float] = []
    timeout = aiohttp.ClientTimeout(total=600)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await conversation(session, url, 1, [])  # warm-up
        started = time.perf_counter()
        await asyncio.gather(*(conversation(session, url, turns, latencies)
                               for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return {"p50_ms": statistics.median(latencies), "p95_ms": percentile(latencies, 0.95),
            "msg_per_s": len(latencies) / wall}


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a running process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def serve_and_load(model: Path, workdir: Path, turns: int) -> Dict[str, float]:
    """Starts the stack with one model and measures each concurrency level."""
    config = StackConfig.isolated(workdir / model.stem, model=model)
    stack = Stack(config, random_secrets())
    stack.start()
    try:
        url = f"{stack.rasa_url}/webhooks/rest/webhook"
        figures: Dict[str, float] = {}
        for level in CONCURRENCY:
            for key, value in asyncio.run(load(url, level, turns)).items():
                figures[f"c{level}_{key}"] = value
        figures["serve_rss_mb"] = peak_rss_mb(stack.rasa.process.pid)
        return figures
    finally:
        stack.stop()


def report(results: Dict[str, Dict[str, float]]) -> str:
    """Markdown table: one row per figure, production, stock and their ratio."""
    prod, stock = results["production"], results["stock"]
    lines = ["| figure | production (Sudachi) | stock (spaCy ja_ginza) | ratio |",
             "|---|---|---|---|"]
    for key in prod:
        lines.append(f"| {key} | {prod[key]:.1f} | {stock[key]:.1f} | {prod[key] / stock[key]:.2f}× |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=6, help="messages per conversation")
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    results: Dict[str, Dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        configs = {"production": ROOT / "config.yml", "stock": stock_config(workdir)}
        for name, config in configs.items():
            print(f"training {name} model (cold cache)...", file=sys.stderr, flush=True)
            results[name] = train(config, workdir, name)
        for name in configs:
            print(f"serving {name} model under load...", file=sys.stderr, flush=True)
            results[name].update(serve_and_load(workdir / f"{name}.tar.gz", workdir, args.turns))
    out = ROOT / "results" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print(f"Concurrency levels {CONCURRENCY}, {args.turns} messages per conversation; "
          f"raw figures in {out.relative_to(ROOT)}\n")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
