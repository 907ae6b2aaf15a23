"""One benchmark run, phase by phase: train the three setups cold, measure NLU parse rates,
drive each setup's conversations at every concurrency level, then the two-instance run and its
consistency check. Returns plain results; tools/bench/report.py turns them into Markdown."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.settings import ROOT
from tools.bench import driver, scaleout, setups
from tools.bench.memory import PeakSampler, tree_rss
from tools.bench.progress import Progress
from tools.bench.results import (
    CrossValidation,
    Results,
    ScaleOutResult,
    SetupResult,
    this_machine,
)
from tools.bench.stats import Level, median_level, summarise

ENSURE = ["postgres", "redis", "nginx"]


@dataclass(frozen=True)
class Options:
    repetitions: int = 3
    conversations: int = 20
    concurrency: tuple[int, ...] = (1, 8, 32)
    time_limit_s: float = 180.0
    nlu_messages: int = 2000
    scaleout_conversations: int = 40
    scaleout_concurrency: int = 8
    comparators: bool = True
    scaleout: bool = True
    quick: bool = False

    def conversations_at(self, concurrency: int) -> int:
        """A fixed number per repetition, but never fewer than the workers."""
        return max(self.conversations, concurrency)


QUICK = Options(
    repetitions=1,
    conversations=5,
    concurrency=(1, 8),
    time_limit_s=90.0,
    nlu_messages=200,
    scaleout_conversations=10,
    scaleout_concurrency=4,
    quick=True,
)


def ensure_services(progress: Progress) -> None:
    """Install PostgreSQL, Redis and nginx from Debian if missing (the scripts need root)."""
    subprocess.run([str(ROOT / "scripts" / "ensure-debian-packages.sh"), *ENSURE], check=True)
    progress.note("PostgreSQL, Redis and nginx binaries present")


def nlu_figures(model: Path, messages: int, log: Path) -> dict[str, float]:
    """Parses per second through `model`, measured in a child process (tools/bench/nlu.py)."""
    command = [sys.executable, "-m", "tools.bench.nlu", "parse", "--model", str(model),
               "--messages", str(messages)]  # fmt: skip
    with log.open("ab") as err:
        out = subprocess.run(command, cwd=ROOT, env=setups.clean_environment(),
                             stdout=subprocess.PIPE, stderr=err, check=True)  # fmt: skip
    figures: dict[str, float] = json.loads(out.stdout.decode().strip().splitlines()[-1])
    return figures


def cross_validate(
    configs: dict[str, Path], folds: int, log: Path, progress: Progress
) -> CrossValidation:
    """Intent macro-F1 of each config by cross-validation (tools.nlu.evaluate), in a child."""
    f1: dict[str, float] = {}
    seconds: dict[str, float] = {}
    for key, config in configs.items():
        progress.note(f"cross-validating {key} ({config.name}, {folds} folds)")
        command = [sys.executable, "-m", "tools.bench.nlu", "cv", "--config", str(config),
                   "--folds", str(folds)]  # fmt: skip
        with log.open("ab") as err:
            out = subprocess.run(command, cwd=ROOT, env=setups.clean_environment(),
                                 stdout=subprocess.PIPE, stderr=err, check=True)  # fmt: skip
        figures = json.loads(out.stdout.decode().strip().splitlines()[-1])
        f1[key], seconds[key] = figures["intent_macro_f1"], figures["seconds"]
        progress.note(f"{key}: intent macro-F1 {f1[key]:.3f} in {seconds[key]:.0f} s")
    return CrossValidation(
        date=datetime.now().strftime("%Y-%m-%d"),
        folds=folds,
        f1=f1,
        seconds=seconds,
        machine=this_machine().describe(),
    )


def drive_setup(
    setup: setups.Setup,
    model: Path,
    options: Options,
    work: Path,
    run_id: str,
    progress: Progress,
) -> tuple[list[Level], dict[str, int], dict[str, int], list[driver.Conversation], bool]:
    """Serve one setup and drive it at every concurrency level, `repetitions` times each."""
    log = work / f"servers-{setup.key}.log"
    levels: list[Level] = []
    every: list[driver.Conversation] = []
    limited = False
    with setups.serve(setup, model, work, log) as serving:
        groups = {"rasa": serving.rasa_pids, "actions": serving.action_pids}
        progress.start(f"{setup.key} warm-up")
        driver.run(serving.url, setup.scripts, len(setup.scripts), 1, options.time_limit_s,
                   f"{run_id}-{setup.key}-warm", progress.conversations)  # fmt: skip
        idle = {name: tree_rss(pids) for name, pids in groups.items() if pids}
        with PeakSampler({name: pids for name, pids in groups.items() if pids}) as sampler:
            for concurrency in options.concurrency:
                summaries = []
                for repetition in range(1, options.repetitions + 1):
                    label = f"{setup.key} c={concurrency} rep {repetition}/{options.repetitions}"
                    progress.start(label)
                    run = driver.run(
                        serving.url,
                        setup.scripts,
                        options.conversations_at(concurrency),
                        concurrency,
                        options.time_limit_s,
                        f"{run_id}-{setup.key}-c{concurrency}-r{repetition}",
                        progress.conversations,
                    )
                    limited |= run.time_limited
                    every.extend(run.conversations)
                    summary = summarise(run.latencies, run.seconds)
                    summaries.append(summary)
                    progress.note(
                        f"{label}: p50 {summary.p50_ms:.0f} ms, p95 {summary.p95_ms:.0f} ms, "
                        f"{summary.turns_per_s:.1f} turns/s"
                        + (f", {len(run.errors)} failed" if run.errors else "")
                    )
                levels.append(median_level(concurrency, summaries))
        peaks = dict(sampler.peaks)
    return levels, idle, peaks, every, limited


def run_scaleout(
    model: Path, options: Options, work: Path, run_id: str, progress: Progress
) -> ScaleOutResult:
    log = work / "servers-scaleout.log"
    progress.note("starting PostgreSQL, Redis, 2 action servers, 2 Rasa servers and nginx")
    with scaleout.cluster(model, work, log) as cluster:
        scripts = scaleout.scripts()
        progress.start(f"scale-out c={options.scaleout_concurrency}")
        groups = {
            **{f"rasa-{i + 1}": [pid] for i, pid in enumerate(cluster.rasa_pids)},
            **{f"actions-{i + 1}": [pid] for i, pid in enumerate(cluster.action_pids)},
        }
        with PeakSampler(groups) as sampler:
            run = driver.run(cluster.url, scripts, options.scaleout_conversations,
                             options.scaleout_concurrency, options.time_limit_s * 2,
                             f"{run_id}-scaleout", progress.conversations)  # fmt: skip
        progress.note("checking every conversation's tracker in PostgreSQL")
        consistency = scaleout.check(run, cluster.postgres, cluster.nginx.upstream_counts())
    summary = summarise(run.latencies, run.seconds)
    return ScaleOutResult(
        instances=scaleout.INSTANCES,
        concurrency=options.scaleout_concurrency,
        conversations=consistency.conversations,
        messages=consistency.messages,
        seconds=run.seconds,
        p50_ms=summary.p50_ms,
        p95_ms=summary.p95_ms,
        turns_per_s=summary.turns_per_s,
        upstreams=consistency.upstreams,
        problems=consistency.problems,
        errors=consistency.errors,
        rss_peak=dict(sampler.peaks),
    )


def run(
    options: Options,
    work: Path,
    command: str,
    cached_cv: CrossValidation | None,
    progress: Progress,
) -> Results:
    started = time.monotonic()
    run_id = datetime.now().strftime("bench%Y%m%d%H%M%S")
    machine = this_machine()
    progress.phase(f"machine: {machine.describe()}")
    if options.scaleout:
        progress.phase("checking the services the scale-out run needs")
        ensure_services(progress)
    log = work / "training.log"

    progress.phase("training, cold (fresh output folder, empty Rasa cache)")
    chosen: list[tuple[setups.Setup, setups.Trained, str]] = []
    ours = setups.spinebot()
    trained = setups.train_cold(ours, work, log)
    progress.note(f"SpineBot: rasa train took {trained.seconds:.1f} s")
    chosen.append((ours, trained, "rasa train"))
    if options.comparators:
        if options.quick:
            starter_dir, starter_model = setups.create_starter_quickly(work, log)
            config = setups.quick_config(work / "config-default-quick.yml")
        else:
            starter_dir, starter_model = setups.create_starter(work, log)
            config = work / "config-default.yml"
            shutil.copyfile(starter_dir / "config.yml", config)
        default = setups.default_config(config, work)
        progress.note(f"(b) starter bot: rasa init took {starter_model.seconds:.1f} s")
        default_model = setups.train_cold(default, work, log)
        progress.note(f"(a) default config: rasa train took {default_model.seconds:.1f} s")
        chosen.append((default, default_model, "rasa train"))
        chosen.append((setups.default_on_our_runtime(config), default_model, "(a)'s model"))
        how = "rasa train, 1 epoch" if options.quick else "rasa init: scaffold and train"
        chosen.append((setups.starter_bot(starter_dir), starter_model, how))

    progress.phase("NLU parse rate (held-out messages, one process per model)")
    nlu: dict[str, dict[str, float]] = {}
    by_model: dict[Path, dict[str, float]] = {}
    for setup, model, _ in chosen:
        if model.model not in by_model:  # (a') serves (a)'s model: parsed once
            by_model[model.model] = nlu_figures(model.model, options.nlu_messages, log)
        nlu[setup.key] = by_model[model.model]
        progress.note(f"{setup.key}: {nlu[setup.key]['parses_per_s']:.0f} parses/s")

    found: dict[str, SetupResult] = {}
    for setup, model, how in chosen:
        progress.phase(f"driving {setup.title}")
        levels, idle, peaks, conversations, limited = drive_setup(
            setup, model.model, options, work, run_id, progress
        )
        with_expectation = [c for c in conversations if c.script.expect_level]
        found[setup.key] = SetupResult(
            key=setup.key,
            title=setup.title,
            train_seconds=model.seconds,
            train_how=how,
            levels=levels,
            rss_idle=idle,
            rss_peak=peaks,
            nlu=nlu[setup.key],
            reached=sum(c.reached_expected for c in with_expectation),
            expected=len(with_expectation),
            errors=[f"{c.sender}: {c.error}" for c in conversations if c.error],
            time_limited=limited,
        )

    scaled = None
    if options.scaleout:
        progress.phase("scale-out: two instances behind nginx")
        scaled = run_scaleout(chosen[0][1].model, options, work, run_id, progress)
        progress.note("consistency check " + ("passed" if scaled.ok else "FAILED"))

    return Results(
        date=datetime.now().strftime("%Y-%m-%d %H:%M"),
        machine=machine,
        command=command,
        quick=options.quick,
        repetitions=options.repetitions,
        conversations=options.conversations,
        concurrency=list(options.concurrency),
        time_limit_s=options.time_limit_s,
        setups=found,
        scaleout=scaled,
        cross_validation=cached_cv,
        seconds=time.monotonic() - started,
    )


def default_configs(work: Path) -> dict[str, Path]:
    """config.yml, and the config.yml `rasa init` writes (its project files, copied as rasa init
    copies them, without training the starter bot) for cross-validation."""
    folder = work / "rasa-init-config"
    shutil.copytree(setups.rasa_package() / "cli" / "initial_project", folder)
    return {"spinebot": ROOT / "config.yml", "default": folder / "config.yml"}


def options_with(base: Options, **changes: Any) -> Options:
    """`base` with the given fields replaced (None values ignored)."""
    return replace(base, **{k: v for k, v in changes.items() if v is not None})


def parse_levels(text: str) -> tuple[int, ...]:
    levels = tuple(int(part) for part in text.split(",") if part.strip())
    if not levels or any(level < 1 for level in levels):
        raise ValueError("concurrency levels must be positive integers, e.g. 1,8,32")
    return levels
