"""`make test-load`: 100 concurrent conversations of a realistic mix; no reply may be lost.

Starts the real stack on free ports (current model, SQLite), runs CONVERSATIONS conversations at
once, each sending MIX in order, and counts HTTP errors and empty replies (HTTP 200 with `[]`).
Exits 1 if any reply was lost or empty. Not in CI (about two minutes on two cores).
"""
from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

import aiohttp

from scripts.nlu_probe import percentile
from scripts.stack import Stack, StackConfig, random_secrets

MIX = [
    "こんにちは",
    "小規模企業共済の掛金はいくらまで？",
    "詳しく",
    "倒産防止共済の引き落とし日は？",
    "ふるさと納税について教えて",
    "ありがとうございました",
]


async def conversation(session: aiohttp.ClientSession, url: str, figures: Dict[str, List]) -> None:
    """One sender sending MIX in order, recording latencies, errors and empty replies."""
    sender = f"load-{secrets.token_hex(6)}"
    for text in MIX:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as reply:
                body = await reply.json(content_type=None) if reply.status == 200 else None
                if reply.status != 200:
                    figures["errors"].append(f"HTTP {reply.status}")
                elif not body:
                    figures["empty"].append(text)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            figures["errors"].append(type(error).__name__)
        figures["latency"].append(time.perf_counter() - started)


async def run_load(url: str, conversations: int) -> Dict[str, List]:
    """All conversations at once; returns the raw figures."""
    figures: Dict[str, List] = {"latency": [], "errors": [], "empty": []}
    timeout = aiohttp.ClientTimeout(total=300)
    connector = aiohttp.TCPConnector(limit=conversations)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(conversation(session, url, figures) for _ in range(conversations)))
        figures["wall"] = [time.perf_counter() - started]
    return figures


def main() -> int:
    """Starts the stack, runs the load, prints the figures; 1 if any reply was lost."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(StackConfig.isolated(Path(tmp)), random_secrets())
        stack.start()
        try:
            figures = asyncio.run(run_load(f"{stack.rasa_url}/webhooks/rest/webhook",
                                           args.conversations))
        finally:
            stack.stop()
    latency, sent = figures["latency"], len(figures["latency"])
    print(f"{args.conversations} concurrent conversations, {sent} messages in "
          f"{figures['wall'][0]:.1f} s ({sent / figures['wall'][0]:.1f} messages/s); "
          f"p50 {statistics.median(latency):.2f} s, p95 {percentile(latency, 0.95):.2f} s; "
          f"errors {len(figures['errors'])}, empty replies {len(figures['empty'])}")
    lost = len(figures["errors"]) + len(figures["empty"])
    if lost:
        print(f"Lost or empty: {sorted(set(figures['errors'] + figures['empty']))}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
