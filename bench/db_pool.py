"""What a list read costs on PostgreSQL per pool shape:
`python -m bench.db_pool --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test [--reads 4000]`.

Runs `read_rows` (the path of every list route) from C concurrent tasks against the pool sizes and overflows
given, and prints how many connections were opened during the measured reads, the client's CPU per read and
reads per second. An overflow connection is closed when handed back, so a pool smaller than the concurrency
opens connections under steady load; this shows what that costs.
"""

import argparse
import asyncio
import time

from sqlalchemy import event, select, text

from app.core.config import Settings
from app.core.db import create_engine, read_rows

READ = select(text("1")).select_from(text("users")).limit(50)


async def measure(url: str, *, pool: int, overflow: int, concurrency: int, reads: int) -> str:
    engine = create_engine(
        Settings(_env_file=None, database_url=url, auto_migrate=False, db_pool_size=pool, db_max_overflow=overflow)
    )
    opened = 0

    def count(*_: object) -> None:
        nonlocal opened
        opened += 1

    event.listen(engine.sync_engine, "connect", count)

    async def reader(times: int) -> None:
        for _ in range(times):
            await read_rows(engine, READ)
            await asyncio.sleep(0)  # let the other readers interleave, as requests do

    try:
        await asyncio.gather(*[reader(20) for _ in range(concurrency)])  # warm: the pool fills
        opened = 0
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*[reader(reads // concurrency) for _ in range(concurrency)])
        cpu_ms = (time.process_time() - cpu) * 1000 / reads
        rate = reads / (time.perf_counter() - wall)
    finally:
        await engine.dispose()
    return (
        f"pool {pool:>2} + overflow {overflow:<2} c{concurrency:<3} connections opened {opened:>4} per {reads} reads"
        f"   cpu {cpu_ms:.3f} ms/read   {rate:6.0f} reads/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database (any; it reads `users`)")
    parser.add_argument("--reads", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--shapes", nargs="+", default=["5+5", "10+0"], help="pool+overflow pairs")
    args = parser.parse_args()
    for concurrency in args.concurrency:
        for shape in args.shapes:
            pool, overflow = (int(part) for part in shape.split("+"))
            line = asyncio.run(
                measure(args.database_url, pool=pool, overflow=overflow, concurrency=concurrency, reads=args.reads)
            )
            print(line, flush=True)


if __name__ == "__main__":
    main()
