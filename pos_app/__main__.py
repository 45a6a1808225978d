"""Command line: start the till, import a catalog file, join the central server.

yuancang-pos [--data-dir DIR] [--demo [--reset]] [--lang zh_CN|en]
             [--with-server [--server-port PORT]]
yuancang-pos [--data-dir DIR] import-catalog FILE.csv|FILE.xlsx [--mapping MAP.json]
yuancang-pos [--data-dir DIR] enroll --server URL --code CODE [--ca-bundle PEM]
                                     [--allow-insecure-http] [--no-pull]
yuancang-pos [--data-dir DIR] sync
yuancang-pos [--data-dir DIR] verify
yuancang-pos restore FILE [--data-dir DIR]

enroll and sync exit 0 on success, 2 when enrollment failed or was refused
(plain http:// to another machine without --allow-insecure-http, a malformed
URL: nothing is sent), 3 when a sync failed (a lost sealing key: said on
stderr; enroll replaces it). restore exits 0 when the backup is
in place, 2 when it is refused (a till runs on that directory, not a till
database) and changes nothing then. The till itself exits 2 without
opening a window when there is no display, when the demo server's port is
taken, or when --reset is refused (not a demo data directory).
verify checks the hash chain of the local records without changing the database:
0 when it is whole, 1 naming the first broken record, 2 when there is no chain
to check (no database, or one older than the chain).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pos_app.paths import default_data_dir


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="yuancang-pos", description="源仓收银 showroom till")
    parser.add_argument("--data-dir", type=Path, help="where the local database and logs live")
    parser.add_argument("--demo", action="store_true", help="start on the embedded demo catalog")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language")
    parser.add_argument(
        "--reset",
        action="store_true",
        help="with --demo: delete the demo data directory first and start from fresh demo data",
    )
    parser.add_argument(
        "--with-server",
        action="store_true",
        help="also run the reference central server on demo data and enroll this till",
    )
    parser.add_argument(
        "--server-port",
        type=int,
        default=8700,
        help="port of the demo central server on 127.0.0.1 (default 8700); if it is taken, "
        "the till says so and does not start",
    )
    sub = parser.add_subparsers(dest="command")
    imp = sub.add_parser(
        "import-catalog", help="import products from a CSV (UTF-8 or GBK) or .xlsx file"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--mapping",
        type=Path,
        help="saved column and category mapping (docs/catalog-import.md); without it the"
        " mapping guessed from the header is used and printed",
    )
    enroll = sub.add_parser("enroll", help="join the central server with a one-time code")
    enroll.add_argument("--server", required=True, help="https://central.example.com")
    enroll.add_argument("--code", required=True, help="from `yuancang-central enroll`")
    enroll.add_argument("--ca-bundle", help="PEM file of a private CA (verification stays on)")
    enroll.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="accept plain http:// to another machine (the token and sales travel unencrypted;"
        " the till keeps warning). http:// to this machine needs no flag",
    )
    enroll.add_argument("--no-pull", action="store_true", help="skip the first catalog download")
    sub.add_parser("sync", help="push pending sales and pull changes once, then exit")
    sub.add_parser(
        "verify", help="check the hash chain of the sales, refunds, points and audit log"
    )
    rest = sub.add_parser(
        "restore", help="bring back a backup of the database (the till must not be running)"
    )
    rest.add_argument("file", type=Path, help="a yuancang-pos-*.db copy from the backup folder")
    rest.add_argument("--data-dir", dest="restore_data_dir", type=Path, help="the till's data")
    qr = sub.add_parser(
        "demo-qr", help="print a demo resident's membership code (the demo plays the server)"
    )
    qr.add_argument("resident", help="R0001 … R0006 (R0901: another property company)")
    qr.add_argument("--png", type=Path, help="also write the QR code as a PNG image")
    qr.add_argument("--lifetime", type=int, default=60, help="seconds the code stays valid")
    return parser.parse_args(argv)


#: Refusals made on this till, before anything is sent, explained in both languages.
TRANSPORT_REFUSALS = {
    "insecure_http": (
        "未加密的服务器地址：http:// 只允许连接本机（127.0.0.1、::1、localhost）。"
        "请使用 https://；若确认网络可信，可加 --allow-insecure-http"
        "（收银台会一直提示未加密连接）。\n"
        "unencrypted server address: http:// is only accepted to this machine "
        "(127.0.0.1, ::1, localhost). Use https://, or add --allow-insecure-http if you trust "
        "the network (the till will keep warning about the unencrypted connection)."
    ),
    "bad_url": (
        "服务器地址无效：应为 https://主机[:端口]。\n"
        "invalid server address: expected https://host[:port]."
    ),
}


#: The credential's sealing key is gone (pos_app.persistence.secret_box): what to do.
SECRETS_LOST = (
    "本机密钥（钥匙串条目或密钥文件）丢失或损坏，无法读取服务器凭据；销售和待同步记录完好，"
    "重新注册后继续同步：运行 yuancang-pos enroll --server URL --code CODE。\n"
    "this till's key (keyring entry or key file) is lost or damaged: its credential cannot be "
    "read. Sales and unsynced records are intact: re-enroll (yuancang-pos enroll) to sync them."
)


def run_enroll(
    data_dir: Path,
    server: str,
    code: str,
    ca_bundle: str | None,
    pull: bool,
    *,
    allow_insecure_http: bool = False,
) -> int:
    from pos_app.app import build_context
    from pos_app.core.errors import PosError
    from sync.client.session import SyncError

    context = build_context(data_dir)
    try:
        context.sync.enroll(server, code, ca_bundle, allow_insecure_http=allow_insecure_http)
        settings = context.settings
        print(f"enrolled: store {settings.store.code}, terminal {settings.terminal.code}")
        if context.sync.status().insecure:
            print("警告：连接未加密 / warning: the connection to the server is unencrypted")
        if pull:
            return run_sync_context(context)
        return 0
    except SyncError as exc:
        print(f"enrollment failed / 注册失败: {exc.code} {exc.message}")
        if exc.code in TRANSPORT_REFUSALS:
            print(TRANSPORT_REFUSALS[exc.code])
        return 2
    except PosError as exc:
        print(f"enrollment failed / 注册失败: {exc.code.value}")
        return 2
    finally:
        context.close()


def run_sync_context(context) -> int:  # type: ignore[no-untyped-def]
    status = context.sync.sync_once()
    print(
        f"sync: pushed {status.pushed}, pulled {status.pulled}, pending {status.pending}, "
        f"rejected {status.rejected}, error {status.error or '-'}"
    )
    if status.error in TRANSPORT_REFUSALS:
        print(TRANSPORT_REFUSALS[status.error])
    if status.error == "secret_key_lost":
        print(SECRETS_LOST, file=sys.stderr)
    return 0 if status.error is None else 3


def run_sync(data_dir: Path) -> int:
    from pos_app.app import build_context

    context = build_context(data_dir)
    try:
        return run_sync_context(context)
    finally:
        context.close()


def run_verify(data_dir: Path) -> int:
    from pos_app.services.audit import verify_chain

    report = verify_chain(data_dir)
    if report.missing:
        print(
            f"无可校验的哈希链 / no hash chain to check in {data_dir} "
            "(no database, or one older than the chain)"
        )
        return 2
    broken = report.problem
    if broken is None:
        print(f"哈希链完整 / hash chain whole: {report.length} records")
        return 0
    seq = "-" if broken.seq is None else str(broken.seq)
    print(
        f"哈希链断裂 / hash chain BROKEN at seq {seq}: {broken.kind or '-'} "
        f"{broken.record_id or '-'} ({broken.problem.value})"
    )
    return 1


def run_restore(data_dir: Path, file: Path) -> int:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from pos_app.persistence import backup
    from pos_app.persistence.db import DB_FILENAME
    from pos_app.persistence.run_lock import AlreadyRunning, RunLock

    def local(moment: datetime | None) -> str:
        return (
            "-"
            if moment is None
            else f"{moment.astimezone(ZoneInfo('Asia/Shanghai')):%Y-%m-%d %H:%M}"
        )

    try:
        info = backup.inspect(file)
    except backup.BackupError as exc:
        print(f"恢复被拒绝 / restore refused: {exc.detail}")
        return 2
    print(
        f"备份 / backup {file.name}: taken {local(backup.taken_at(file))}, "
        f"{info.sales} sales, newest {local(info.newest_sale)}, "
        f"{info.unsent} records not yet synced when it was taken"
    )
    try:
        with RunLock(data_dir):
            kept = backup.restore(file, data_dir / DB_FILENAME, now=datetime.now(UTC))
    except AlreadyRunning:
        print(
            f"恢复被拒绝:收银台正在使用 {data_dir},请先退出。\n"
            f"restore refused: a till is running on {data_dir}; close it first."
        )
        return 2
    print(f"已恢复 / restored into {data_dir / DB_FILENAME}")
    if kept is not None:
        print(f"原数据库保留为 / the replaced database is kept as {kept.name}")
    print(
        "备份之后的销售不在其中;已同步的销售仍在中心服务器上。\n"
        "Sales made after the backup are not in it; those already synced are on the central "
        "server."
    )
    return 0


def run_demo_qr(resident: str, png: Path | None, lifetime: int) -> int:
    from pos_app.demo import demo_code, demo_residents

    known = [str(r["resident_id"]) for r in demo_residents()]
    if resident not in known:
        print(f"unknown demo resident {resident}; try one of {', '.join(known)}")
        return 1
    code = demo_code(resident, lifetime_s=lifetime)
    print(code)
    if png is not None:
        import qrcode

        qrcode.make(code, border=4).save(png)
        print(f"QR image written to {png}")
    return 0


def run_import(data_dir: Path, file: Path, mapping_file: Path | None = None) -> int:
    import json

    from pos_app.app import build_context
    from pos_app.core.catalog_csv import Problem
    from pos_app.core.catalog_mapping_file import mapping_to_json
    from pos_app.core.errors import PosError
    from pos_app.services.catalog_import import load_mapping
    from pos_app.services.import_text import describe_problem

    saved = None
    if mapping_file is not None:
        saved, problems = load_mapping(mapping_file)
        if problems:
            print(f"导入失败 / import refused: {describe_problem(problems[0])}")
            return 1
    try:
        context = build_context(data_dir)
        try:
            report = context.import_catalog(file, saved=saved)
            if report.ok:
                # build and save the search index now, so the till's next start
                # loads it instead of rebuilding it (seconds on a large catalog)
                context.catalog.index()
        finally:
            context.close()
    except PosError as exc:  # locked, read-only or full database: nothing was written
        print(f"导入失败 / import failed: {file} ({exc.code.value}, nothing imported)")
        return 2
    if mapping_file is None and report.mapping is not None:
        # the guess, in the MAP.json format: save it, correct it, pass it with --mapping
        print("列映射（猜测）/ guessed mapping:")
        print(
            json.dumps(mapping_to_json(report.mapping, report.header), ensure_ascii=False, indent=2)
        )
    if not report.ok:
        print(
            f"导入失败 / import refused: {file} ({len(report.problems)} problems, nothing imported)"
        )
        for problem in report.problems[:200]:
            print("  " + describe_problem(problem))
        if any(p.problem is Problem.UNKNOWN_CATEGORY for p in report.problems):
            print(
                '  未知分类可在映射文件的 "categories" 中对应到收银台的分类 / map unknown '
                "categories to the till's in the mapping file's \"categories\" (--mapping)"
            )
        return 1
    print(
        f"导入成功 / imported {file}: {report.inserted} new, {report.updated} updated "
        f"({report.encoding})"
    )
    return 0


def demo_checks(args: argparse.Namespace, data_dir: Path) -> int:
    """--reset and the demo server's port, before anything is opened: 0 to go on."""
    from pos_app import startup_checks as checks

    if args.reset and not args.demo:
        print(
            "--reset 只用于演示数据:请加 --demo。\n--reset only applies to demo data: add --demo."
        )
        return 2
    if args.reset:
        print(f"重置演示数据:删除 {data_dir}\nResetting the demo: deleting {data_dir}")
        refused = checks.reset_demo_data(data_dir, default_data_dir(demo=True))
        if refused:
            print(refused)
            return 2
    if args.with_server and args.command is None and checks.port_taken(args.server_port):
        print(checks.port_taken_message(args.server_port))
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = getattr(args, "restore_data_dir", None) or args.data_dir
    data_dir = data_dir or default_data_dir(demo=args.demo)
    refused = demo_checks(args, data_dir)
    if refused:
        return refused
    if args.command == "verify":  # first: a copy being checked is left as it was
        return run_verify(data_dir)
    from pos_app.log import setup_logging
    from pos_app.paths import prepare_data_dir
    from pos_app.persistence.db import DB_FILENAME
    from pos_app.startup_checks import display_problem, mark_demo_dir

    fresh = not (data_dir / DB_FILENAME).exists()
    prepare_data_dir(data_dir)  # 0700 before the first log line or database page
    if args.demo and fresh:
        mark_demo_dir(data_dir)  # made by the demo: --reset may delete it later

    setup_logging(data_dir)
    if args.command == "import-catalog":
        return run_import(data_dir, args.file, args.mapping)
    if args.command == "enroll":
        return run_enroll(
            data_dir,
            args.server,
            args.code,
            args.ca_bundle,
            not args.no_pull,
            allow_insecure_http=args.allow_insecure_http,
        )
    if args.command == "sync":
        return run_sync(data_dir)
    if args.command == "demo-qr":
        return run_demo_qr(args.resident, args.png, args.lifetime)
    if args.command == "restore":
        return run_restore(data_dir, args.file)
    problem = display_problem()
    if problem:  # before Qt: its own message names a library and says "reinstalling may fix"
        print(problem)
        return 2
    from pos_app.persistence.run_lock import AlreadyRunning, RunLock
    from pos_app.ui.launch import run_gui

    try:
        # held while the till runs: `restore` refuses to swap the database under it
        with RunLock(data_dir):
            return run_gui(
                data_dir,
                demo=args.demo,
                language=args.lang,
                with_server=args.with_server,
                server_port=args.server_port,
            )
    except AlreadyRunning:
        print(f"收银台已在运行 / a till is already running on {data_dir}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
